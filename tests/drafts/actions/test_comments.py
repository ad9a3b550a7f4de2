"""Comments: do_add_comment (one by hand), do_import_comments (a table, all or nothing)."""

import datetime as dt

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.core.tables import Table
from daihoi.drafts.actions.comments import do_add_comment, do_import_comments
from daihoi.drafts.actions.rounds import do_close_round
from daihoi.drafts.comment_import import CommentImportRejected
from daihoi.drafts.models import SourceGroup
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from tests.drafts.helpers import (
    DAY,
    comment,
    congress_of,
    document_with_round,
    forbidden,
    reader,
    refused,
    user,
)

pytestmark = pytest.mark.django_db

HEADERS = ["Đoạn", "Nhóm", "Người góp ý", "Ngày", "Nội dung"]


def _table(*rows: list[str]) -> Table:
    return Table(headers=HEADERS, rows=[(n, list(r)) for n, r in enumerate(rows, start=2)])


def test_it_records_a_comment_on_a_paragraph(campaign):
    _document, round_ = document_with_round(campaign)
    made = comment(round_, source_group=SourceGroup.RETIRED, source_name="Ông B")
    assert (made.paragraph, made.source_group, made.source_name) == ("1:1", "retired", "Ông B")
    assert made.source_path == Organisation.objects.get(code="188").path
    assert AuditEntry.objects.get(action="drafts.comment").after == {
        "id": made.pk,
        "paragraph": "1:1",
        "group": "retired",
    }


def test_a_round_takes_comments_only_while_it_is_out(campaign):
    _document, draft = document_with_round(campaign, "188", circulate=False)
    refused(lambda: comment(draft), "round_not_open")
    _document, closed = document_with_round(campaign, kind="programme")
    do_close_round(closed, acting_user=user("locbinh"))
    refused(lambda: comment(closed), "round_not_open")


def test_a_comment_points_at_a_paragraph_of_the_round_and_is_dated(campaign):
    _document, round_ = document_with_round(campaign)
    refused(lambda: comment(round_, paragraph="9:9"), "unknown_paragraph")
    refused(
        lambda: do_add_comment(
            round_,
            text=" ",
            received_on=dt.date(2999, 1, 1),
            source_group="aliens",
            acting_user=user("locbinh"),
        ),
        "unknown_group",
        "empty_text",
        "future_date",
    )


def test_someone_from_another_province_cannot_enter_comments(campaign):
    _document, round_ = document_with_round(campaign)
    forbidden(
        lambda: do_add_comment(round_, text="x", received_on=DAY, acting_user=user("soctrang"))
    )
    forbidden(lambda: do_add_comment(round_, text="x", received_on=DAY, acting_user=reader()))


def test_a_unit_comments_on_its_superiors_draft_sent_to_it(campaign):
    province = Organisation.objects.get(code="20")
    districts = list(tree.children(province))
    congress_of(campaign, "20")
    _document, round_ = document_with_round(campaign, "20", staff="langson", units=districts)
    unit = Organisation.objects.get(code="188")
    made = do_add_comment(
        round_, text="Bổ sung.", received_on=DAY, source_org=unit, acting_user=user("locbinh")
    )
    assert (made.source_group, made.source_name) == (SourceGroup.UNIT, unit.name)
    # Lộc Bình speaks for itself, not for the province.
    forbidden(
        lambda: do_add_comment(round_, text="x", received_on=DAY, acting_user=user("locbinh"))
    )


def test_a_unit_the_draft_was_not_sent_to_cannot_comment(campaign):
    province = Organisation.objects.get(code="20")
    other = (
        Organisation.objects.exclude(code="188")
        .filter(tree.subtree_q(province.path, include_self=False), depth=3)
        .first()
    )
    congress_of(campaign, "20")
    _document, round_ = document_with_round(campaign, "20", staff="langson", units=[other])
    refused(
        lambda: do_add_comment(
            round_,
            text="x",
            received_on=DAY,
            source_org=Organisation.objects.get(code="188"),
            acting_user=user("locbinh"),
        ),
        "not_circulated_to_unit",
    )


def test_an_import_writes_every_row_with_one_audit_entry(campaign):
    _document, round_ = document_with_round(campaign)
    count = do_import_comments(
        round_,
        _table(
            ["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."],
            ["", "Cán bộ lão thành", "Ông B", "03/03/2020", "Làm rõ nguyên nhân."],
        ),
        file_name="y.xlsx",
        acting_user=user("locbinh"),
    )
    assert count == 2
    got = list(round_.comments.order_by("pk").values_list("source_group", "entered_by__username"))
    assert got == [(SourceGroup.MEMBERS, "locbinh"), (SourceGroup.RETIRED, "locbinh")]
    assert AuditEntry.objects.get(action="drafts.import_comments").after == {
        "file": "y.xlsx",
        "rows": 2,
    }


def test_an_import_with_one_bad_row_writes_nothing(campaign):
    _document, round_ = document_with_round(campaign)
    table = _table(
        ["1:1", "Đảng viên", "Chi bộ 1", "02/03/2020", "Bổ sung số liệu."],
        ["7:7", "Nhân dân", "", "02/03/2020", "Sai đoạn"],
    )
    with pytest.raises(CommentImportRejected) as rejected:
        do_import_comments(round_, table, file_name="y.xlsx", acting_user=user("locbinh"))
    assert [e.row for e in rejected.value.errors] == [3]
    assert round_.comments.count() == 0


def test_an_import_waits_for_the_round_to_be_sent(campaign):
    _document, draft = document_with_round(campaign, circulate=False)
    table = _table(["1:1", "Đảng viên", "", "02/03/2020", "Bổ sung."])
    refused(
        lambda: do_import_comments(draft, table, file_name="y.xlsx", acting_user=user("locbinh")),
        "round_not_open",
    )


def test_only_the_drafters_import(campaign):
    _document, round_ = document_with_round(campaign)
    table = _table(["1:1", "Đảng viên", "", "02/03/2020", "Bổ sung."])
    forbidden(lambda: do_import_comments(round_, table, file_name="y.xlsx", acting_user=reader()))
