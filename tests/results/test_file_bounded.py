"""A results file costs the same number of queries for 3 units as for 60 (issue 19.5).

Before, each unit cost about 23 queries (its lock, its checks, its writes, its audit),
so a file of the 2,000 units the template allows held a worker for tens of seconds.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from daihoi.audit.models import AuditEntry
from daihoi.audit.verify import verify
from daihoi.campaigns.models import Congress, CongressState
from daihoi.completeness.ledger import rebuild
from daihoi.completeness.models import Ledger, Rollup
from daihoi.elections.models import ElectionKind
from daihoi.personnel.models import ElectedMember
from daihoi.results.report import FIGURE_LABELS, MEMBER_COLUMNS
from tests.campaigns.helpers import client_of, dong_buc_congress, user
from tests.results.helpers import HELD_ON, record
from tests.results.test_file import FIGURES, PEOPLE

pytestmark = pytest.mark.django_db


def held_cells(n: int) -> list[Congress]:
    """n cells under Lộc Bình's communes, held: each elects delegates to its commune's congress."""
    campaign = dong_buc_congress().campaign
    deepest = Congress.objects.filter(campaign=campaign).order_by("-level__rank").first()
    assert deepest is not None
    cells = list(
        Congress.objects.filter(campaign=campaign, level=deepest.level)
        .select_related("organisation")
        .order_by("org_path")[:n]
    )
    assert len(cells) == n
    Congress.objects.filter(pk__in=[c.pk for c in cells]).update(
        state=CongressState.HELD, held_date=HELD_ON
    )
    return cells


def workbook(congresses: list[Congress]) -> bytes:
    """A filled file: each unit's three members (as in test_file), a secretary, a delegate."""
    book = Workbook()
    figures = book.active
    figures.title = "Số liệu"
    figures.append(["Mã đơn vị", "Tên đơn vị", *(str(x) for x in FIGURE_LABELS.values())])
    people = book.create_sheet("Danh sách")
    people.append(["Mã đơn vị", "Cơ quan", *(str(x) for x in MEMBER_COLUMNS.values())])
    for congress in congresses:
        code = congress.organisation.code
        figures.append([code, congress.organisation.name, *FIGURES])
        for line in PEOPLE:
            people.append([code, *line[1:]])
        people.append([code, "Đại biểu chính thức", f"Hoàng Văn Đại {code}"])
    for sheet in (figures, people):
        for cell in sheet["A"]:
            cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The request whole (session, scope, reading the file, checking each unit, writing every
# unit's rows, moving the congresses, auditing them, the completeness roll-ups built -
# reports owed and the dashboard's progress, two statements each): 45 statements on
# SQLite (47 on PostgreSQL, which locks) at 3 units and at 60, where it was 86 and 1,055.
QUERIES = 47


@pytest.mark.parametrize("n", [3, 60])
def test_a_file_costs_the_same_queries_for_3_units_as_for_60(
    n: int, django_assert_max_num_queries: object
) -> None:
    cells = held_cells(n)
    data = workbook(cells)
    client = client_of(user("locbinh"))
    with django_assert_max_num_queries(QUERIES):  # type: ignore[operator]
        response = client.post(
            f"/ket-qua/{cells[0].campaign.slug}/188/nhap-tep/",
            {"file": SimpleUploadedFile("kq.xlsx", data)},
        )
    assert response.status_code == 302
    ids = [c.pk for c in cells]
    assert set(Congress.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        CongressState.REPORTED
    }
    rows = ElectedMember.objects.filter(congress_id__in=ids)
    assert rows.filter(kind=ElectionKind.COMMITTEE).count() == 3 * n
    assert rows.filter(kind=ElectionKind.SECRETARY).count() == n
    assert rows.filter(kind=ElectionKind.DELEGATES).count() == n
    reports = AuditEntry.objects.filter(action="results.report")
    assert reports.count() == n
    assert AuditEntry.objects.filter(action="congress.transition").count() == n
    assert verify("default").intact


def roll_up() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    ledger = Ledger.objects.order_by("congress_id").values_list()
    rollup = Rollup.objects.values_list(
        "ancestor", "child", "level_id", "obligation", "day", "expected", "received", "on_time"
    ).order_by("ancestor", "child", "level_id", "obligation", "day")
    return list(ledger), [r for r in rollup if any(r[5:])]


def test_the_completeness_roll_up_hears_the_units_a_file_reported() -> None:
    # The congresses move by one update() and their people by plain rows, which send no
    # signal: the action tells the roll-up itself, and it must equal a recount.
    cells = held_cells(3)
    campaign = cells[0].campaign
    rebuild(campaign)
    ids = [c.pk for c in cells]
    got = Ledger.objects.filter(congress_id__in=ids).values_list("got_results", flat=True)
    assert not any(got)  # no result reported yet
    client = client_of(user("locbinh"))
    response = client.post(
        f"/ket-qua/{campaign.slug}/188/nhap-tep/",
        {"file": SimpleUploadedFile("kq.xlsx", workbook(cells))},
    )
    assert response.status_code == 302
    kept = roll_up()
    assert all(got.all())  # read again: each came in on its report's day
    rebuild(campaign)
    assert roll_up() == kept


def test_what_was_recorded_before_gives_way_to_the_report() -> None:
    # A list typed on the personnel page (no election announced) is replaced, not added to.
    cells = held_cells(2)
    record(cells[0], ElectionKind.COMMITTEE, 5)
    record(cells[0], ElectionKind.DELEGATES, 2)
    response = client_of(user("locbinh")).post(
        f"/ket-qua/{cells[0].campaign.slug}/188/nhap-tep/",
        {"file": SimpleUploadedFile("kq.xlsx", workbook(cells))},
    )
    assert response.status_code == 302
    for cell in cells:
        names = ElectedMember.objects.filter(congress=cell).order_by("kind", "full_name")
        assert list(names.values_list("kind", "full_name")) == [
            ("committee", "Hoàng Văn Thắng"),
            ("committee", "Lăng Thị Hà"),
            ("committee", "Nông Văn Quý"),
            ("delegates", f"Hoàng Văn Đại {cell.organisation.code}"),
            ("secretary", "Hoàng Văn Thắng"),
        ]
    elected = AuditEntry.objects.get(action="results.report", target=str(cells[0]))
    assert sorted(elected.after["elected"]) == sorted(
        ElectedMember.objects.filter(congress=cells[0]).values_list("pk", flat=True)
    )
