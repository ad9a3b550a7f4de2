"""Importing the register from CSV or XLSX (register_import.py): all or nothing, errors by row."""

from __future__ import annotations

import pytest

from daihoi.assembly.actions.delegates import do_add_delegate, do_import_register
from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind, Gender
from daihoi.assembly.register_import import RegisterImportRejected
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.core.tables import read_table
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from tests.assembly.helpers import (
    REGISTER_HEADER,
    alternate,
    loc_binh_congress,
    register_rows,
    register_table,
    staff,
    units,
)
from tests.orgs.helpers import xlsx_bytes

pytestmark = pytest.mark.django_db


def _rejected(congress: Congress, rows: list[list[str]]) -> list[str]:
    with pytest.raises(RegisterImportRejected) as caught:
        do_import_register(congress, register_table(rows), acting_user=staff())
    return [str(e) for e in caught.value.errors]


def _check_the_good_file(congress: Congress) -> None:
    first, second = units(congress)
    got = {
        d.full_name: d for d in Delegate.objects.filter(congress=congress).select_related("unit")
    }
    assert len(got) == 6
    summary = {
        name: (d.kind, d.basis, d.unit.code if d.unit else None, d.alternate_order)
        for name, d in got.items()
    }
    assert summary == {
        "Nguyễn Văn An": (DelegateKind.OFFICIAL, DelegateBasis.ELECTED, first.code, None),
        "Lò Thị Bình": (DelegateKind.OFFICIAL, DelegateBasis.ELECTED, second.code, None),
        # Without a rank: after the unit's last, here the 1 given two rows below.
        "Hoàng Văn Cường": (DelegateKind.ALTERNATE, DelegateBasis.ELECTED, first.code, 2),
        "Vi Thị Dung": (DelegateKind.ALTERNATE, DelegateBasis.ELECTED, first.code, 1),
        "Lăng Văn Em": (DelegateKind.OFFICIAL, DelegateBasis.EX_OFFICIO, None, None),
        "Trần Văn Khách": (DelegateKind.GUEST, DelegateBasis.INVITED, None, None),
    }
    an, binh, em = got["Nguyễn Văn An"], got["Lò Thị Bình"], got["Lăng Văn Em"]
    assert (an.votes, an.gender, an.ethnic_minority, an.birth_year) == (
        120,
        Gender.MALE,
        False,
        1975,
    )
    assert an.position == "Bí thư Đảng ủy" and an.folded_name == "nguyen van an"
    assert (binh.gender, binh.ethnic_minority, binh.birth_year) == (Gender.FEMALE, True, 1980)
    assert got["Hoàng Văn Cường"].ethnic_minority
    assert em.birth_year == 1968  # a whole date gives its year


def test_a_good_csv_adds_every_row_with_its_kind_basis_unit_and_rank() -> None:
    congress = loc_binh_congress()
    added = do_import_register(
        congress,
        register_table(register_rows(congress)),
        acting_user=staff(),
        source="dai-bieu.csv",
    )
    assert added == 6
    _check_the_good_file(congress)
    entry = AuditEntry.objects.get(action="assembly.import_register")
    assert entry.target == "dai-bieu.csv" and entry.after is not None
    assert (entry.after["added"], entry.after["alternates"], entry.after["guests"]) == (6, 2, 1)
    # The trail names the delegates by id only, never by name (issue 15.2).
    assert sorted(entry.after["ids"]) == sorted(congress.delegates.values_list("pk", flat=True))
    assert "Nguyễn Văn An" not in str(entry.after)


def test_a_good_xlsx_with_number_cells_adds_the_same() -> None:
    congress = loc_binh_congress()
    rows: list[list[object]] = [list(r) for r in register_rows(congress)]
    rows[1][4], rows[1][7] = 120, 1975  # numbers, as a spreadsheet keeps them
    # Headers typed without diacritics and in capitals still name their columns.
    rows[0] = ["HO VA TEN", "loai dai bieu", *REGISTER_HEADER[2:]]
    table = read_table("dai-bieu.xlsx", xlsx_bytes(rows))
    assert do_import_register(congress, table, acting_user=staff()) == 6
    _check_the_good_file(congress)


def test_every_bad_cell_is_named_by_row_column_and_value_and_nothing_is_written() -> None:
    congress = loc_binh_congress()
    first = units(congress)[0].code
    rows = register_rows(congress)
    rows += [
        ["", "Chính thức", first, "", "", "", "", "", ""],
        ["Người Bảy", "Phó đoàn", first, "", "", "", "", "", ""],
        ["Người Tám", "Chính thức", "KHONGCO", "", "", "", "", "", ""],
        ["Người Chín", "Dự khuyết", "", "", "", "", "", "", ""],
        ["Người Mười", "Chính thức", first, "2", "nhiều", "Khác", "có lẽ", "1850", ""],
        ["Người Mười Một", "Dự khuyết", first, "0", "", "", "", "năm 80", ""],
    ]
    errors = _rejected(congress, rows)
    assert not Delegate.objects.filter(congress=congress).exists()
    assert not AuditEntry.objects.filter(action="assembly.import_register").exists()
    expected = [
        "Dòng 8, cột «Họ và tên»: Họ và tên không được để trống.",
        "Dòng 9, cột «Loại đại biểu» (giá trị «Phó đoàn»): Loại đại biểu ghi",
        "Dòng 10, cột «Mã đơn vị» (giá trị «KHONGCO»): Không có tổ chức với mã này",
        "Dòng 11, cột «Mã đơn vị»: Đại biểu dự khuyết phải thuộc một đoàn",
        "Dòng 12, cột «Thứ tự dự khuyết» (giá trị «2»): Chỉ đại biểu dự khuyết",
        "Dòng 12, cột «Số phiếu» (giá trị «nhiều»)",
        "Dòng 12, cột «Giới tính» (giá trị «Khác»)",
        "Dòng 12, cột «Dân tộc thiểu số» (giá trị «có lẽ»)",
        "Dòng 12, cột «Năm sinh» (giá trị «1850»): Năm sinh 1850 không hợp lệ.",
        "Dòng 13, cột «Thứ tự dự khuyết» (giá trị «0»)",
        "Dòng 13, cột «Năm sinh» (giá trị «năm 80»)",
    ]
    assert len(errors) == len(expected)
    for error, start in zip(errors, expected, strict=True):
        assert error.startswith(start), error


def test_one_bad_row_among_good_ones_writes_nothing() -> None:
    congress = loc_binh_congress()
    rows = register_rows(congress)
    rows[3][7] = "1899"
    errors = _rejected(congress, rows)
    assert errors == ["Dòng 4, cột «Năm sinh» (giá trị «1899»): Năm sinh 1899 không hợp lệ."]
    assert not Delegate.objects.filter(congress=congress).exists()


def test_a_unit_outside_the_congress_is_unknown_even_by_a_real_code() -> None:
    congress = loc_binh_congress()
    org = congress.organisation
    # A district beside Lộc Bình, a unit of another province, and Lộc Bình itself.
    province = Organisation.objects.get(structure=org.structure, code="20")
    beside = (
        Organisation.objects.filter(subtree_q(province.path, include_self=False))
        .exclude(subtree_q(org.path))
        .first()
    )
    assert beside is not None
    far = Organisation.objects.filter(structure=org.structure, code="94").get()
    codes = [beside.code, far.code, org.code]
    rows = [REGISTER_HEADER] + [
        [f"Người Ngoài {i}", "Chính thức", code, "", "", "", "", "", ""]
        for i, code in enumerate(codes)
    ]
    errors = _rejected(congress, rows)
    assert [e.split(":")[0] for e in errors] == [
        f"Dòng {number}, cột «Mã đơn vị» (giá trị «{code}»)"
        for number, code in enumerate(codes, start=2)
    ]
    assert not Delegate.objects.filter(congress=congress).exists()


def test_a_person_twice_in_the_file_or_already_on_the_register_is_refused() -> None:
    congress = loc_binh_congress()
    first, second = units(congress)
    do_add_delegate(congress, full_name="Nguyễn Văn An", unit=first, acting_user=staff())
    alternate(congress, "Dự Khuyết Cũ", second, 1)
    rows = [
        REGISTER_HEADER,
        ["NGUYEN VAN AN", "", first.code, "", "", "", "", "", ""],
        ["Lò Văn Hai", "", first.code, "", "", "", "", "", ""],
        ["Lò  văn hai", "", first.code, "", "", "", "", "", ""],
        # The same name in another unit is another person.
        ["Lò Văn Hai", "", second.code, "", "", "", "", "", ""],
        ["Dự Khuyết Mới", "Dự khuyết", second.code, "1", "", "", "", "", ""],
        ["Dự Khuyết Ba", "Dự khuyết", first.code, "3", "", "", "", "", ""],
        ["Dự Khuyết Bốn", "Dự khuyết", first.code, "3", "", "", "", "", ""],
    ]
    errors = _rejected(congress, rows)
    assert [e.split(":")[0] for e in errors] == [
        "Dòng 2, cột «Họ và tên» (giá trị «NGUYEN VAN AN»)",
        "Dòng 4, cột «Họ và tên» (giá trị «Lò văn hai»)",
        "Dòng 6, cột «Thứ tự dự khuyết» (giá trị «1»)",
        "Dòng 8, cột «Thứ tự dự khuyết» (giá trị «3»)",
    ]
    assert "Đã có trong danh sách đại biểu" in errors[0]
    assert "Trùng họ tên và đơn vị với dòng 3" in errors[1]
    assert "đã có đại biểu dự khuyết thứ 1" in errors[2]
    assert "đã dùng ở dòng 7" in errors[3]
    assert Delegate.objects.filter(congress=congress).count() == 2


def test_alternates_without_a_rank_follow_the_units_last_on_the_register() -> None:
    congress = loc_binh_congress()
    first = units(congress)[0]
    alternate(congress, "Dự Khuyết Có Sẵn", first, 4)
    rows = [REGISTER_HEADER] + [
        [name, "Dự khuyết", first.code, "", "", "", "", "", ""] for name in ("Một", "Hai")
    ]
    do_import_register(congress, register_table(rows), acting_user=staff())
    ranks = Delegate.objects.filter(congress=congress, unit=first).order_by("alternate_order")
    assert [(d.full_name, d.alternate_order) for d in ranks] == [
        ("Dự Khuyết Có Sẵn", 4),
        ("Một", 5),
        ("Hai", 6),
    ]


def test_a_file_without_rows_or_without_the_name_column_is_refused() -> None:
    congress = loc_binh_congress()
    assert _rejected(congress, [REGISTER_HEADER]) == ["Tệp: Tệp không có dòng dữ liệu nào."]
    assert _rejected(congress, [["Tên", "Loại"], ["Nguyễn Văn An", "Chính thức"]]) == [
        "Dòng 1: Thiếu cột bắt buộc «Họ và tên»."
    ]


def test_a_code_a_spreadsheet_stripped_of_its_leading_zeros_still_finds_its_unit() -> None:
    congress = loc_binh_congress()
    first = units(congress)[0]
    assert first.code.startswith("0")  # the statistics office's commune codes, as 06526
    rows: list[list[object]] = [REGISTER_HEADER, ["Nguyễn Văn An", "Chính thức", int(first.code)]]
    table = read_table("dai-bieu.xlsx", xlsx_bytes(rows))
    assert do_import_register(congress, table, acting_user=staff()) == 1
    assert Delegate.objects.get(congress=congress, full_name="Nguyễn Văn An").unit == first
