"""Importing organisation lists: all or nothing, every error named, idempotent."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.core.tables import TableError, read_table
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.importer import ImportRejected, plan_import
from daihoi.orgs.models import Organisation, OrgKind, Structure
from tests.conftest import org
from tests.orgs.helpers import csv_bytes, table, xlsx_bytes

HEADER = "code,parent_code,name,level,kind,unit_type,members"

pytestmark = pytest.mark.django_db


def structure() -> Structure:
    return Structure.objects.get(code="2020")


def rejected(*lines: str) -> list[str]:
    count = Organisation.objects.count()
    with pytest.raises(ImportRejected) as caught:
        plan_import(structure(), table(*lines))
    assert Organisation.objects.count() == count
    return [str(e) for e in caught.value.errors]


def imported(*lines: str) -> tuple[int, int, int]:
    plan = plan_import(structure(), table(*lines))
    result = do_import_organisations(plan, acting_user=None, source="t.csv")
    return result.created, result.updated, result.moved


def test_it_imports_new_organisations_under_an_existing_district() -> None:
    created, updated, moved = imported(
        HEADER,
        "188-X1,188,Đảng bộ Trường Dân tộc nội trú,3,Đảng bộ,truong-hoc,40",
        "188-X1-C01,188-X1,Chi bộ Giáo viên,4,Chi bộ,,25",
    )
    assert (created, updated, moved) == (2, 0, 0)
    school = org("188-X1")
    assert Organisation.objects.get_parent(school) == org("188")
    assert school.kind == OrgKind.DANG_BO
    assert school.unit_type is not None and school.unit_type.code == "truong-hoc"
    assert school.members == 40
    assert [c.code for c in Organisation.objects.get_children(school)] == ["188-X1-C01"]
    assert org("188").numchild == 59


def test_it_accepts_parents_after_children_and_vietnamese_headers() -> None:
    created, _u, _m = imported(
        "Mã,Mã cấp trên,Tên,Cấp,Số đảng viên",
        "188-Y1-C01,188-Y1,Chi bộ số 1,4,12",
        "188-Y1,188,Đảng bộ Công ty Than,3,30",
    )
    assert created == 2
    assert Organisation.objects.get_parent(org("188-Y1-C01")) == org("188-Y1")
    assert org("188-Y1-C01").kind == OrgKind.CHI_BO  # the lowest level defaults to a cell


def test_a_second_import_of_the_same_file_changes_nothing() -> None:
    lines = (HEADER, "188-Z1,188,Đảng bộ Bệnh viện,3,dang_bo,,15")
    assert imported(*lines) == (1, 0, 0)
    before = list(Organisation.objects.order_by("pk").values())
    assert imported(*lines) == (0, 0, 0)
    assert list(Organisation.objects.order_by("pk").values()) == before


def test_a_changed_row_updates_the_organisation_and_is_audited() -> None:
    imported(HEADER, "06553,188,Đảng bộ xã Đồng Bục (mới),3,dang_bo,xa,999")
    commune = org("06553")
    assert commune.name == "Đảng bộ xã Đồng Bục (mới)"
    assert commune.members == 999
    entry = AuditEntry.objects.filter(action="org.update", organisation=commune).get()
    assert entry.before is not None and entry.before["name"] == "Đảng bộ xã Đồng Bục"
    assert entry.after is not None and entry.after["name"] == "Đảng bộ xã Đồng Bục (mới)"


def test_a_new_parent_moves_the_organisation_with_its_cells() -> None:
    cells = org("06553").numchild
    imported(HEADER, "06553,189,Đảng bộ xã Đồng Bục,3,dang_bo,xa,")
    moved = org("06553")
    assert Organisation.objects.get_parent(moved) == org("189")
    assert Organisation.objects.get_children(moved).count() == cells
    assert Organisation.objects.find_problems() == ([], [], [], [], [])


def test_it_rejects_duplicate_codes_naming_both_rows() -> None:
    errors = rejected(HEADER, "A1,188,Đảng bộ A,3,,,", "A1,188,Đảng bộ B,3,,,")
    assert errors == ["Dòng 3, cột «code» (giá trị «A1»): Mã trùng với dòng 2."]


def test_it_rejects_an_unknown_parent() -> None:
    errors = rejected(HEADER, "A1,KHONGCO,Đảng bộ A,3,,,")
    assert len(errors) == 1
    assert "Dòng 2, cột «parent_code» (giá trị «KHONGCO»)" in errors[0]
    assert "Không có tổ chức cấp trên" in errors[0]


def test_it_rejects_a_cycle_of_parents() -> None:
    errors = rejected(HEADER, "A1,B1,Đảng bộ A,3,,,", "B1,A1,Đảng bộ B,3,,,")
    assert any("vòng lặp" in e and "A1 → B1 → A1" in e for e in errors)


def test_it_rejects_a_level_that_skips() -> None:
    errors = rejected(HEADER, "A1,188,Chi bộ A,4,,,")
    assert errors == [
        "Dòng 2, cột «level» (giá trị «4»): Cấp 4 (Chi bộ trực thuộc đảng ủy cơ sở) không ngay "
        "dưới cấp của tổ chức cấp trên (cấp 2): không được bỏ cấp hay đảo cấp."
    ]


def test_it_rejects_bad_numbers_and_empty_names_and_writes_nothing() -> None:
    errors = rejected(
        HEADER,
        "A1,188,Đảng bộ A,3,,,12a",
        "A2,188,,3,,,5",
        "A3,188,Đảng bộ C,3,,,-4",
        "A4,188,Đảng bộ D,3,,,7",
    )
    assert len(errors) == 3
    assert errors[0].startswith("Dòng 2, cột «members» (giá trị «12a»)")
    assert errors[1].startswith("Dòng 3, cột «name»")
    assert errors[2].startswith("Dòng 4, cột «members» (giá trị «-4»)")
    assert not Organisation.objects.filter(code="A4").exists()


def test_it_rejects_an_unknown_level_and_kind_and_unit_type() -> None:
    errors = rejected(HEADER, "A1,188,Đảng bộ A,9,Hội,nha-may,")
    assert len(errors) == 3
    assert "Cấp không có trong cơ cấu 2020" in errors[0]


def test_it_rejects_a_file_without_a_required_column() -> None:
    errors = rejected("code,name,level", "A1,Đảng bộ A,3")
    assert errors == [
        "Dòng 1 (giá trị «parent_code»): Thiếu cột bắt buộc «parent_code» "
        "(tiêu đề nhận: parent_code, mã cấp trên, parent)."
    ]


def test_it_refuses_a_csv_that_is_not_utf8() -> None:
    data = "code,parent_code,name,level\nA1,188,Đông Hà,3\n".encode("cp1258")
    with pytest.raises(TableError) as caught:
        read_table("x.csv", data)
    assert "UTF-8" in str(caught.value.errors[0])


def test_it_reads_a_csv_with_a_byte_order_mark() -> None:
    data = csv_bytes("code,parent_code,name,level", "A1,188,Đảng bộ A,3", bom=True)
    assert read_table("x.csv", data).headers[0] == "code"


def test_it_imports_an_xlsx_with_numbers_as_cells() -> None:
    data = xlsx_bytes(
        [
            ["Mã", "Mã cấp trên", "Tên", "Cấp", "Số đảng viên"],
            ["188-W1", 188, "Đảng bộ Công ty Điện", 3, 42.0],
        ]
    )
    plan = plan_import(structure(), read_table("ds.xlsx", data))
    do_import_organisations(plan, acting_user=None)
    assert org("188-W1").members == 42


def test_a_code_column_formatted_to_show_leading_zeros_reads_as_it_shows() -> None:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes([["Mã", "Tên"], [6526, "A"], [6529, "B"]])))
    sheet = book.active
    assert sheet is not None
    sheet["A2"].number_format = "00000"  # Excel's "Custom: 00000", as the GSO lists come
    out = io.BytesIO()
    book.save(out)
    rows = read_table("ds.xlsx", out.getvalue()).rows
    # The formatted cell as Excel shows it; the plain number as it shows too.
    assert [cells[0] for _number, cells in rows] == ["06526", "6529"]


def test_it_refuses_a_file_that_is_not_a_spreadsheet() -> None:
    with pytest.raises(TableError) as caught:
        read_table("ds.xlsx", b"PK\x03\x04 not really a zip")
    assert "Excel" in str(caught.value.errors[0])


def test_the_gso_2025_list_imports_as_party_committees() -> None:
    from daihoi.orgs.adminunits import admin_units_table, bundled

    plan = plan_import(
        Structure.objects.get(code="2025"), admin_units_table(bundled("2025").read_bytes())
    )
    result = do_import_organisations(plan, acting_user=None)
    assert result.created == 3355 + 1
    assert org("20", "2025").name == "Đảng bộ tỉnh Lạng Sơn"
    assert org("01", "2025").name == "Đảng bộ thành phố Hà Nội"
    assert Organisation.objects.filter(structure__code="2025", depth=2).count() == 34
    assert Organisation.objects.filter(structure__code="2025", depth=3).count() == 3321
