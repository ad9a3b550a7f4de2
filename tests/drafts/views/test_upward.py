"""A district's comments on the province's draft, sent from the district's own page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from daihoi.accounts.models import Role, User
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.models import SourceGroup
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.conftest import login
from tests.drafts.helpers import (
    DAY,
    congress_of,
    document_with_round,
    reader,
    unchanged,
    user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_round(campaign):
    """Lạng Sơn's political report, out for comments to every district."""
    province = Organisation.objects.get(code="20")
    congress_of(campaign, "20")
    districts = list(tree.children(province))
    _document, round_ = document_with_round(campaign, "20", staff="langson", units=districts)
    return round_, districts


def _url(name, campaign, code, round_):
    return reverse(name, args=[campaign.slug, code, round_.document.pk])


def _send(campaign, code, round_, text, client="locbinh"):
    congress_of(campaign, code)
    return login(client).post(
        _url("drafts_upward_comment", campaign, code, round_),
        {"text": text, "received_on": DAY.strftime("%d/%m/%Y"), "paragraph": "1:1"},
        follow=True,
    )


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Đoạn", "Nhóm", "Mã đơn vị", "Ngày", "Nội dung"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_districts_comments_land_on_the_provinces_draft_with_their_source(
    campaign, province_round
):
    round_, _districts = province_round
    page = _send(campaign, "188", round_, "Bổ sung chỉ tiêu trồng rừng.").content.decode()
    assert "Đã gửi ý kiến lên cấp trên." in page
    comment = round_.comments.get()
    assert (comment.source_group, comment.source_name) == (
        SourceGroup.UNIT,
        "Đảng bộ huyện Lộc Bình",
    )
    assert comment.source_path == Organisation.objects.get(code="188").path
    # The province sees it on its own page, with its source.
    listing = login("langson").get(
        reverse("drafts_comments", args=[campaign.slug, "20", round_.document.kind, 1])
    )
    assert "Bổ sung chỉ tiêu trồng rừng." in listing.content.decode()


def test_a_unit_sees_only_the_comments_of_its_own_subtree(campaign, province_round):
    round_, districts = province_round
    other = next(d for d in districts if d.code != "188")
    User.objects.create_user("huyenkhac", organisation=other, roles=[Role.ORG_STAFF])
    _send(campaign, "188", round_, "Ý kiến của Lộc Bình.")
    _send(campaign, "06553", round_, "Ý kiến của xã Đồng Bục.")
    _send(campaign, other.code, round_, "Ý kiến của huyện khác.", client="huyenkhac")
    assert round_.comments.count() == 3
    page = login("locbinh").get(_url("drafts_upward", campaign, "188", round_)).content.decode()
    assert "Ý kiến của xã Đồng Bục." in page and "huyện khác" not in page


def test_an_empty_comment_comes_back_beside_its_field(campaign, province_round):
    round_, _districts = province_round
    congress_of(campaign, "188")
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_upward_comment", campaign, "188", round_),
            {"text": "", "received_on": "02/03/2020", "source_name": "Ban Tuyên giáo"},
        )
    )
    page = response.content.decode()
    assert "Nội dung góp ý đang trống." in page and 'value="Ban Tuyên giáo"' in page


def test_a_closed_round_no_longer_takes_the_units_comments(campaign, province_round):
    round_, _districts = province_round
    congress_of(campaign, "188")
    do_close_round(round_, acting_user=user("langson"))
    response = unchanged(lambda: _send(campaign, "188", round_, "Muộn."))
    assert response.status_code == 404


def test_the_counting_board_cannot_speak_for_its_unit(campaign, province_round):
    round_, _districts = province_round
    congress_of(campaign, "188")
    response = unchanged(lambda: _send(campaign, "188", round_, "x", client=reader().username))
    assert response.status_code == 403


def test_a_unit_imports_its_subtrees_comments(campaign, province_round):
    round_, _districts = province_round
    congress_of(campaign, "188")
    data = _xlsx(
        [
            ["1:1", "", "06553", "02/03/2020", "Ý kiến của xã Đồng Bục."],
            ["", "", "", "02/03/2020", "Ý kiến chung của huyện."],
        ]
    )
    response = login("locbinh").post(
        _url("drafts_upward_import", campaign, "188", round_),
        {"file": SimpleUploadedFile("y.xlsx", data)},
        follow=True,
    )
    assert "Đã gửi 2 ý kiến lên cấp trên." in response.content.decode()
    sources = set(round_.comments.values_list("source_org__code", flat=True))
    assert sources == {"06553", "188"}


def test_a_unit_imports_nothing_from_outside_its_subtree(campaign, province_round):
    round_, districts = province_round
    other = next(d for d in districts if d.code != "188")
    congress_of(campaign, "188")
    data = _xlsx([["1:1", "", other.code, "02/03/2020", "Không phải của mình."]])
    response = unchanged(
        lambda: login("locbinh").post(
            _url("drafts_upward_import", campaign, "188", round_),
            {"file": SimpleUploadedFile("y.xlsx", data)},
        )
    )
    assert "Không có đơn vị mã này trong phạm vi của bạn." in response.content.decode()


def test_the_counting_board_cannot_import_for_its_unit(campaign, province_round):
    round_, _districts = province_round
    congress_of(campaign, "188")
    data = _xlsx([["1:1", "", "", "02/03/2020", "x"]])
    response = unchanged(
        lambda: login(reader().username).post(
            _url("drafts_upward_import", campaign, "188", round_),
            {"file": SimpleUploadedFile("y.xlsx", data)},
        )
    )
    assert response.status_code == 403


def test_a_unit_the_draft_was_not_sent_to_does_not_see_it(campaign):
    province = Organisation.objects.get(code="20")
    other = (
        Organisation.objects.exclude(code="188")
        .filter(tree.subtree_q(province.path, include_self=False), depth=3)
        .first()
    )
    congress_of(campaign, "20")
    document, _round = document_with_round(campaign, "20", staff="langson", units=[other])
    congress_of(campaign, "188")
    url = reverse("drafts_upward", args=[campaign.slug, "188", document.pk])
    assert login("locbinh").get(url).status_code == 404
