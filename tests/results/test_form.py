"""The results report through its one form: all or nothing, each problem on its field."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.html import escape

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress, CongressState
from daihoi.elections.models import ElectionKind
from daihoi.lib.results import Figures, Member, Post
from daihoi.personnel.models import ElectedMember
from daihoi.results.actions.report import do_report_results
from daihoi.results.report import ReportedMember, UnitReport
from tests.campaigns.helpers import client_of, reader, refresh_congress, stored, user
from tests.results.helpers import HELD_ON, held

pytestmark = pytest.mark.django_db
K = ElectionKind

COMMITTEE = "\n".join(
    [
        "Hoàng Văn Thắng; Nam; 12/03/1974; Tày; ; ; Bí thư",
        "Lăng Thị Hà\tNữ\t02/09/1988\tNùng\tx\t\tPhó Bí thư",  # pasted from a spreadsheet
        "Nông Văn Quý; Nam; 20/11/1978; Kinh; x",
    ]
)
FIGURES = {
    "members": 3,
    "women": 1,
    "first_time": 2,
    "ethnic_minority": 2,
    "under_40": 1,
    "standing": 0,
}


def post(congress: Congress, person: str = "locbinh", **changes: Any) -> Any:
    body = {**FIGURES, "committee": COMMITTEE, "delegates": "", "alternates": "", **changes}
    url = f"/ket-qua/{congress.campaign.slug}/{congress.organisation.code}/gui/"
    return client_of(user(person) if isinstance(person, str) else person).post(url, body)


def written(congress: Congress) -> list[tuple[str, str, bool, int | None]]:
    return list(
        ElectedMember.objects.filter(congress=congress)
        .order_by("kind", "full_name")
        .values_list("kind", "full_name", "female", "age")
    )


def test_the_form_records_the_committee_and_reports_the_congress() -> None:
    congress = held()
    response = post(congress)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/dai-hoi/{congress.campaign.slug}/06553/")
    after = refresh_congress(congress)
    assert after.state == CongressState.REPORTED and after.reported_at is not None
    assert written(congress) == [
        (K.COMMITTEE, "Hoàng Văn Thắng", False, 46),
        (K.COMMITTEE, "Lăng Thị Hà", True, 31),
        (K.COMMITTEE, "Nông Văn Quý", False, 41),
        (K.DEPUTY, "Lăng Thị Hà", True, 31),
        (K.SECRETARY, "Hoàng Văn Thắng", False, 46),
    ]
    entry = AuditEntry.objects.filter(action="results.report").get()
    assert entry.after["source"] == "form"
    # Ids, never names, in the trail.
    assert "Thắng" not in str(entry.after)


def test_delegates_are_required_and_recorded_where_the_superior_holds_a_congress() -> None:
    congress = held(with_superior=True)
    refused = post(congress)
    assert refused.status_code == 400
    assert "Chưa có đại biểu chính thức dự đại hội cấp trên." in refused.content.decode()
    assert post(congress, delegates="Hoàng Văn Thắng\nVi Thị Ngọc", alternates="Chu Thị Mai")
    assert ElectedMember.objects.filter(congress=congress, kind=K.DELEGATES).count() == 2
    assert ElectedMember.objects.filter(congress=congress, kind=K.ALTERNATES).count() == 1
    assert refresh_congress(congress).state == CongressState.REPORTED


def refused_with(congress: Congress, *texts: str, **changes: Any) -> None:
    """The form comes back with each text shown, and nothing was written."""
    before = stored(congress)
    response = post(congress, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    for text in texts:
        assert escape(text) in page
    assert stored(congress) == before
    assert not ElectedMember.objects.filter(congress=congress).exists()
    assert not AuditEntry.objects.filter(action="results.report").exists()


def test_more_women_than_members_is_refused_naming_the_figure() -> None:
    refused_with(held(), "«Nữ» khai 5 người, nhiều hơn số ủy viên Ban Chấp hành (3).", women=5)


def test_figures_that_do_not_match_the_list_are_refused() -> None:
    refused_with(
        held(),
        "Khai 4 ủy viên Ban Chấp hành nhưng danh sách có 3 người.",
        "«Dưới 40 tuổi» khai 0 người nhưng danh sách Ban Chấp hành có 1.",
        members=4,
        under_40=0,
    )


def test_a_bad_line_is_named_by_its_line_and_column() -> None:
    lines = COMMITTEE.replace("20/11/1978", "31/02/1978").replace("Tày; ; ;", "Tày; ; chưa rõ;")
    refused_with(
        held(),
        "Dòng 3, cột «Ngày sinh»: Ngày sinh phải ghi dd/mm/yyyy.",
        "Dòng 1, cột «Ủy viên Ban Thường vụ»: Ghi «x» (có) hoặc để trống.",
        committee=lines,
    )


def test_a_committee_without_its_secretary_is_refused() -> None:
    refused_with(
        held(),
        "Không ai trong Ban Chấp hành có chức vụ «Bí thư».",
        committee=COMMITTEE.replace("; Bí thư", ""),
    )


def test_a_congress_not_held_or_already_reported_is_refused() -> None:
    congress = held()
    Congress.objects.filter(pk=congress.pk).update(state=CongressState.PERSONNEL_APPROVED)
    refused_with(refresh_congress(congress), "Đại hội chưa chuyển sang «Đã tổ chức đại hội».")
    Congress.objects.filter(pk=congress.pk).update(state=CongressState.HELD)
    assert post(congress).status_code == 302
    again = post(congress)
    assert again.status_code == 400
    assert "Đại hội đã báo cáo kết quả." in again.content.decode()


def test_a_congress_that_elected_in_the_app_is_refused_the_form() -> None:
    from tests.elections.helpers import counting_election

    election = counting_election(collected=0)
    Congress.objects.filter(pk=election.congress_id).update(
        state=CongressState.HELD, held_date=HELD_ON
    )
    election.__class__.objects.filter(pk=election.pk).update(state="announced")
    congress = refresh_congress(election.congress)
    response = post(congress)
    assert response.status_code == 400
    assert "Đại hội đã bầu cử trong hệ thống" in response.content.decode()
    assert refresh_congress(congress).state == CongressState.HELD


def test_a_unit_outside_the_subtree_is_not_found_and_a_reader_is_refused() -> None:
    congress = held()
    assert post(congress, "soctrang").status_code == 404
    assert post(congress, reader()).status_code == 403
    page = f"/ket-qua/{congress.campaign.slug}/06553/"
    assert client_of(user("soctrang")).get(page).status_code == 404
    assert client_of(reader()).get(page).status_code == 403
    assert refresh_congress(congress).state == CongressState.HELD


def test_the_action_itself_refuses_a_user_without_the_duty() -> None:
    congress = held()
    member = Member(2, "Hoàng Văn Thắng", False, 46, False, False, False, Post.SECRETARY)
    report = UnitReport(congress, Figures(1, 0, 0, 0, 0, 0), [ReportedMember(member, HELD_ON)])
    before = stored(congress)
    with pytest.raises(PermissionDenied):
        do_report_results([report], acting_user=reader(), source="test")
    assert stored(congress) == before
    assert not ElectedMember.objects.filter(congress=congress).exists()
    do_report_results([report], acting_user=user("locbinh"), source="test")
    assert refresh_congress(congress).state == CongressState.REPORTED


def test_the_page_offers_the_form_and_the_template() -> None:
    congress = held()
    page = client_of(user("locbinh")).get(f"/ket-qua/{congress.campaign.slug}/06553/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Gửi báo cáo kết quả" in text and "mau.xlsx" in text
    assert "Chưa có danh sách Ban Chấp hành trúng cử" in text
