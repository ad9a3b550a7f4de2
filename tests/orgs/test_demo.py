"""The demo tree is sized like the 2020 nation and carries the seed articles' figures."""

from collections import Counter

import pytest

from daihoi.orgs import tree
from daihoi.orgs.demo import demo_table
from tests.conftest import org


def test_the_national_demo_has_about_53500_grassroots_organisations() -> None:
    rows = [cells for _n, cells in demo_table().rows]
    by_level = Counter(cells[3] for cells in rows)
    assert by_level["1"] == 67  # 63 provinces and 4 central blocs
    assert 52_500 <= by_level["3"] <= 54_500
    assert by_level["4"] > 200_000
    root = next(cells for cells in rows if cells[0] == "TW")
    assert int(root[6]) > 5_000_000  # members, as in the brief


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
