"""The demo tree is sized like the 2020 nation and carries the seed articles' figures."""

from collections import Counter
from decimal import Decimal
from fractions import Fraction

import pytest

from daihoi.lib.percent import percent
from daihoi.orgs import tree
from daihoi.orgs.demo import demo_table
from tests.conftest import org


def _grassroots_by_province(rows: list[list[str]]) -> Counter[str]:
    parent = {cells[0]: cells[1] for cells in rows}
    return Counter(parent[parent[cells[0]]] for cells in rows if cells[3] == "3")


def test_the_national_demo_has_53480_grassroots_organisations_so_25938_read_48_5_percent() -> None:
    rows = [cells for _n, cells in demo_table().rows]
    by_level = Counter(cells[3] for cells in rows)
    assert by_level["1"] == 67  # 63 provinces and 4 central blocs
    # Fitted: the article's 25,938 must read 48.5%, which needs 53,425..53,536.
    assert by_level["3"] == 53_480
    assert percent(Fraction(25_938, by_level["3"]), 1) == Decimal("48.5")
    assert by_level["4"] > 200_000
    root = next(cells for cells in rows if cells[0] == "TW")
    assert int(root[6]) > 5_000_000  # members, as in the brief


def test_thai_binh_and_binh_phuoc_have_totals_their_end_of_may_shares_can_come_from() -> None:
    grassroots = _grassroots_by_province([cells for _n, cells in demo_table().rows])
    # 775/792 prints 97.85%, 718/749 prints 95.86%; most totals near these have no such count.
    assert (grassroots["34"], grassroots["70"]) == (792, 749)
    assert percent(Fraction(775, 792), 2) == Decimal("97.85")
    assert percent(Fraction(718, 749), 2) == Decimal("95.86")
    subset = _grassroots_by_province([cells for _n, cells in demo_table(["34"]).rows])
    assert subset["34"] == 792  # the same fitted total when loaded alone


def test_thai_binh_has_13_above_grassroots_organisations_with_its_border_guard() -> None:
    rows = [cells for _n, cells in demo_table(["34"]).rows]
    above = {cells[0]: cells[2] for cells in rows if cells[3] == "2"}
    assert len(above) == 13  # 8 districts, 4 blocs, the border guard
    assert above["34-BP"] == "Đảng bộ Bộ đội Biên phòng tỉnh Thái Bình"


def test_the_demo_is_the_same_every_time() -> None:
    assert demo_table(["20"]).rows == demo_table(["20"]).rows


@pytest.mark.django_db
def test_loc_binh_has_58_subordinate_organisations_and_388_cells() -> None:
    counts = {c.level.code: c.count for c in tree.counts_by_level(org("188"))}
    assert counts == {"co-so": 58, "chi-bo": 388}
    assert org("06553").name == "Đảng bộ xã Đồng Bục"


@pytest.mark.django_db
def test_thai_binh_department_of_industry_and_trade_has_12_cells() -> None:
    sct = org("34-KCQ-SCT")
    assert sct.name == "Đảng bộ Sở Công Thương"
    assert {c.level.code: c.count for c in tree.counts_by_level(sct)} == {"chi-bo": 12}
