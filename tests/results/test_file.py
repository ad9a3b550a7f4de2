"""The results report as a file: the template downloaded, filled and uploaded, all or nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from openpyxl import load_workbook

from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress, CongressState
from daihoi.personnel.models import ElectedMember
from tests.campaigns.helpers import client_of, reader, refresh_congress, stored, user
from tests.results.helpers import held

pytestmark = pytest.mark.django_db

# (code, body, name, gender, born, ethnicity, first time, standing, post)
PEOPLE = [
    ["06553", "Ban Chấp hành", "Hoàng Văn Thắng", "Nam", "12/03/1974", "Tày", "", "", "Bí thư"],
    ["06553", "Ban Chấp hành", "Lăng Thị Hà", "Nữ", "02/09/1988", "Nùng", "x", "", ""],
    ["06553", "Ban Chấp hành", "Nông Văn Quý", "Nam", "20/11/1978", "Kinh", "x", "", ""],
]
# members, women, first time, ethnic minority, under 40, standing
FIGURES = [3, 1, 2, 2, 1, 0]


def second_unit(congress: Congress) -> Congress:
    """Another commune of Lộc Bình in the same campaign, held too."""
    other = (
        Congress.objects.filter(campaign=congress.campaign, level=congress.level)
        .exclude(pk=congress.pk)
        .order_by("org_path")
        .first()
    )
    assert other is not None
    return held(other)


def template(congress: Congress, person: str = "locbinh") -> Any:
    return client_of(user(person)).get(f"/ket-qua/{congress.campaign.slug}/188/mau.xlsx")


def filled(
    congress: Congress,
    figures: dict[str, list[Any]] | None = None,
    people: list[list[str]] | None = None,
) -> bytes:
    """The downloaded template with the figures of each listed unit and the people added."""
    book = load_workbook(io.BytesIO(b"".join(template(congress).streaming_content)))
    sheet, names = book["Số liệu"], book["Danh sách"]
    figures = figures or {"06553": FIGURES}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in figures:
            for cell, value in zip(row[2:], figures[row[0].value], strict=True):
                cell.value = value
    for extra in set(figures) - {row[0].value for row in sheet.iter_rows(min_row=2)}:
        sheet.append([extra, "", *figures[extra]])
    for line in people if people is not None else PEOPLE:
        names.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(congress: Congress, data: bytes, person: Any = "locbinh", name: str = "kq.xlsx") -> Any:
    client = client_of(user(person) if isinstance(person, str) else person)
    return client.post(
        f"/ket-qua/{congress.campaign.slug}/188/nhap-tep/",
        {"file": SimpleUploadedFile(name, data)},
    )


def test_the_template_lists_the_held_units_waiting_for_their_report() -> None:
    congress = held()
    response = template(congress)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Số liệu", "Danh sách", "Hướng dẫn"]
    rows = [[c.value for c in row] for row in book["Số liệu"].iter_rows()]
    assert rows[0][:3] == ["Mã đơn vị", "Tên đơn vị", "Số ủy viên Ban Chấp hành"]
    assert rows[1][:2] == ["06553", congress.organisation.name]
    assert len(rows) == 2
    assert book["Số liệu"].print_title_rows == "$1:$1"


def test_a_filled_template_reports_its_units() -> None:
    congress = held()
    response = upload(congress, filled(congress))
    assert response.status_code == 302
    assert refresh_congress(congress).state == CongressState.REPORTED
    kinds = sorted(ElectedMember.objects.filter(congress=congress).values_list("kind", flat=True))
    assert kinds == ["committee", "committee", "committee", "secretary"]
    assert AuditEntry.objects.filter(action="results.report").get().after["source"] == "file"


def refused_with(congresses: list[Congress], data: bytes, *texts: str, **kw: Any) -> None:
    before = [stored(c) for c in congresses]
    response = upload(congresses[0], data, **kw)
    assert response.status_code == 400
    page = response.content.decode()
    for text in texts:
        assert escape(text) in page
    assert [stored(c) for c in congresses] == before
    assert not ElectedMember.objects.filter(congress__in=congresses).exists()


def test_one_bad_unit_keeps_every_unit_of_the_file_from_being_written() -> None:
    congress = held()
    other = second_unit(congress)
    code = other.organisation.code
    people = PEOPLE + [
        [code, "Ban Chấp hành", "Vi Thị Ngọc", "Nữ", "15/06/1988", "Tày", "", "", "Bí thư"]
    ]
    # More women than members on the second unit's row.
    figures = {"06553": FIGURES, code: [1, 4, 0, 1, 1, 0]}
    refused_with(
        [congress, other],
        filled(congress, figures, people),
        # The template lists the units by their place in the tree: the other one first.
        "Dòng 2, cột «Nữ (Số liệu)» (giá trị «4»): «Nữ» khai 4 người, nhiều hơn số ủy viên "
        "Ban Chấp hành (1).",
    )


def test_a_unit_outside_the_subtree_is_refused_by_its_row_and_column() -> None:
    congress = held()
    refused_with(
        [congress],
        filled(congress, {"06553": FIGURES, "94": FIGURES}),
        "Dòng 3, cột «Mã đơn vị (Số liệu)» (giá trị «94»): Không có đơn vị mã này trong",
    )


def test_a_bad_cell_of_the_list_is_named_by_its_row_and_column() -> None:
    congress = held()
    people = [list(p) for p in PEOPLE]
    people[1][3] = "Không rõ"
    people[2][1] = "Khách mời"
    refused_with(
        [congress],
        filled(congress, people=people),
        "Dòng 3, cột «Giới tính (Danh sách)» (giá trị «Không rõ»): Giới tính ghi «Nam» hoặc «Nữ».",
        "Dòng 4, cột «Cơ quan (Danh sách)» (giá trị «Khách mời»)",
    )


def test_figures_that_disagree_with_the_list_are_refused() -> None:
    congress = held()
    refused_with(
        [congress],
        filled(congress, {"06553": [3, 2, 2, 2, 1, 0]}),
        "Dòng 2, cột «Nữ (Số liệu)» (giá trị «2»): «Nữ» khai 2 người nhưng danh sách Ban "
        "Chấp hành có 1.",
    )


def test_a_file_that_is_not_the_template_is_refused() -> None:
    congress = held()
    refused_with([congress], b"ma,ten\n06553,x\n", "Chỉ nhận tệp Excel .xlsx.", name="kq.csv")


def test_outside_the_subtree_is_not_found_and_a_reader_is_refused() -> None:
    congress = held()
    data = filled(congress)
    assert upload(congress, data, "soctrang").status_code == 404
    assert upload(congress, data, reader()).status_code == 403
    assert template(congress, "soctrang").status_code == 404
    assert refresh_congress(congress).state == CongressState.HELD


def test_codes_that_lost_their_leading_zeros_still_find_their_unit() -> None:
    congress = held()
    people = [[6553, *p[1:]] for p in PEOPLE]
    data = filled(congress, {"06553": FIGURES}, people)  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(data))
    book["Số liệu"]["A2"].value = 6553  # typed as a number, as a spreadsheet keeps it
    out = io.BytesIO()
    book.save(out)
    assert upload(congress, out.getvalue()).status_code == 302
    assert refresh_congress(congress).state == CongressState.REPORTED


def test_a_unit_not_held_or_named_twice_is_refused_on_its_code() -> None:
    congress = held()
    other = (
        Congress.objects.filter(campaign=congress.campaign, level=congress.level)
        .exclude(pk=congress.pk)
        .select_related("organisation")
        .first()
    )
    assert other is not None
    code = other.organisation.code
    refused_with(
        [congress, other],
        filled(congress, {"06553": FIGURES, code: FIGURES}),
        f"Dòng 3, cột «Mã đơn vị (Số liệu)» (giá trị «{code}»): Đại hội chưa chuyển sang "
        "«Đã tổ chức đại hội».",
    )
    book = load_workbook(io.BytesIO(filled(congress)))
    book["Số liệu"].append(["06553", "", *FIGURES])
    out = io.BytesIO()
    book.save(out)
    refused_with(
        [congress],
        out.getvalue(),
        "Dòng 3, cột «Mã đơn vị (Số liệu)» (giá trị «06553»): Đơn vị này đã có ở dòng 2.",
    )


def test_a_file_without_the_list_sheet_is_refused() -> None:
    congress = held()
    book = load_workbook(io.BytesIO(filled(congress)))
    del book["Danh sách"]
    del book["Hướng dẫn"]
    out = io.BytesIO()
    book.save(out)
    refused_with([congress], out.getvalue(), "Tệp phải có hai trang «Số liệu» và «Danh sách»")


def test_the_template_stops_at_its_cap_and_the_page_says_where_the_rest_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from daihoi.results import views, workbook

    congress = held()
    second_unit(congress)
    monkeypatch.setattr(workbook, "TEMPLATE_UNITS", 1)
    monkeypatch.setattr(views, "TEMPLATE_UNITS", 1)
    book = load_workbook(io.BytesIO(b"".join(template(congress).streaming_content)))
    assert book["Số liệu"].max_row == 2  # the header and one unit
    page = client_of(user("locbinh")).get(f"/ket-qua/{congress.campaign.slug}/188/")
    assert "Tệp mẫu chỉ liệt kê 1 đơn vị đầu tiên" in page.content.decode()


def test_an_english_readers_template_is_read_back_with_its_own_words() -> None:
    # The drop-downs offer "Male"/"Female" and "Secretary" in English: the upload must
    # take the words the template itself offered.
    congress = held()
    client = client_of(user("locbinh"))
    client.cookies["django_language"] = "en"
    url = f"/ket-qua/{congress.campaign.slug}/188/"
    book = load_workbook(io.BytesIO(b"".join(client.get(url + "mau.xlsx").streaming_content)))
    assert book.sheetnames[:2] == ["Figures", "List"]
    for row in book["Figures"].iter_rows(min_row=2):
        if row[0].value == "06553":
            for cell, value in zip(row[2:], FIGURES, strict=True):
                cell.value = value
    english = {"Ban Chấp hành": "Executive Committee", "Nam": "Male", "Nữ": "Female"}
    english["Bí thư"] = "Secretary"
    for line in PEOPLE:
        book["List"].append([english.get(value, value) for value in line])
    out = io.BytesIO()
    book.save(out)
    response = client.post(
        url + "nhap-tep/", {"file": SimpleUploadedFile("kq.xlsx", out.getvalue())}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert refresh_congress(congress).state == CongressState.REPORTED
    women = ElectedMember.objects.filter(congress=congress, kind="committee", female=True)
    assert list(women.values_list("full_name", flat=True)) == ["Lăng Thị Hà"]
    assert ElectedMember.objects.filter(congress=congress, kind="secretary").count() == 1
