"""The demo campaign reproduces the seed articles' figures from data (DOMAIN.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db.models import F

from daihoi.campaigns.demo import SLUG, DemoCongress, assign_congresses, load_demo_campaign
from daihoi.campaigns.models import Campaign, Congress, GoverningDocument
from daihoi.campaigns.progress import Counts, ahead, late, pilots, progress
from daihoi.core.numbers import vn_int, vn_share
from daihoi.lib.percent import percent
from daihoi.orgs.demo import demo_table
from daihoi.orgs.models import Organisation
from tests.conftest import TEST_PROVINCES, org

D = dt.date


class Nation:
    """The pure assignment over the full national table, with each code's province."""

    def __init__(self) -> None:
        table = demo_table()
        rows = [cells for _n, cells in table.rows]
        self.parent = {cells[0]: cells[1] for cells in rows}
        self.rank = {cells[0]: int(cells[3]) for cells in rows}
        self.congresses = assign_congresses(table)
        self.province: dict[str, str] = {}
        for code in self.parent:
            up = code
            while self.rank.get(up, 0) > 1:
                up = self.parent[up]
            self.province[code] = up if self.rank.get(up) == 1 else ""

    def grassroots(self, province: str | None = None) -> list[DemoCongress]:
        return [
            c
            for c in self.congresses.values()
            if c.rank == 3 and (province is None or self.province[c.code] == province)
        ]

    def held_by(self, day: dt.date, province: str | None = None) -> Counts:
        rows = self.grassroots(province)
        return Counts(len(rows), 0, sum(1 for c in rows if c.held_date <= day))


@pytest.fixture(scope="module")
def nation() -> Nation:
    return Nation()


def two_decimals(counts: Counts) -> Decimal:
    return percent(Fraction(counts.held, counts.total), 2)


def test_25938_grassroots_are_held_nationwide_by_25_may_2020_which_is_48_5_percent(
    nation: Nation,
) -> None:
    counts = nation.held_by(D(2020, 5, 25))
    assert counts.held == 25_938
    assert counts.total == 53_480
    assert counts.percent == Decimal("48.5")


def test_the_provinces_end_of_may_figures_come_out_of_the_generated_dates(nation: Nation) -> None:
    end_of_may = D(2020, 5, 31)
    hau_giang = nation.held_by(end_of_may, "93")
    assert hau_giang.held < hau_giang.total
    assert Fraction(hau_giang.held, hau_giang.total) > Fraction(99, 100)
    yen_bai = nation.held_by(end_of_may, "15")
    assert yen_bai.held == yen_bai.total > 0
    assert two_decimals(nation.held_by(end_of_may, "34")) == Decimal("97.85")
    assert two_decimals(nation.held_by(end_of_may, "70")) == Decimal("95.86")
    # As the articles print them: two decimals where they give two, one for the nation.
    binh_phuoc = nation.held_by(end_of_may, "70")
    assert vn_share(binh_phuoc.held, binh_phuoc.total, 2) == "95,86%"
    nationwide = nation.held_by(D(2020, 5, 25))
    assert (vn_int(nationwide.held), vn_share(nationwide.held, nationwide.total, 1)) == (
        "25.938",
        "48,5%",
    )


def test_every_national_congress_below_the_root_meets_after_those_under_it(
    nation: Nation,
) -> None:
    congresses = nation.congresses
    assert len(congresses) == len(nation.rank)  # one congress per organisation
    for code, congress in congresses.items():
        if congress.rank >= 1:
            parent = congresses[nation.parent[code]]
            assert congress.held_date < parent.held_date, code


def test_the_assignment_is_the_same_every_time() -> None:
    table = demo_table(["20"])
    assert assign_congresses(table) == assign_congresses(table)


def test_cells_under_grassroots_committees_elect_for_half_a_term(nation: Nation) -> None:
    terms = Counter((c.rank, c.term) for c in nation.congresses.values())
    assert {term for (rank, term) in terms if rank == 4} == {"2020–2022"}
    assert {term for (rank, term) in terms if rank in (1, 2, 3)} == {"2020–2025"}


# ---------------------------------------------------------------------------
# With the database: the session's demo subset (Lạng Sơn, Thái Bình, Sóc Trăng)


@pytest.fixture
def campaign(demo_campaign: Campaign) -> Campaign:
    assert demo_campaign.slug == SLUG
    return demo_campaign


def counts(campaign: Campaign, code: str, day: dt.date, rank: int) -> Counts:
    result = progress(campaign, org(code), day)
    (level,) = [lv for lv in result.levels if lv.rank == rank]
    return result.at(level)


def test_loc_binh_had_150_of_its_388_cells_hold_their_congress_by_20_february_2020(
    campaign: Campaign,
) -> None:
    cells = counts(campaign, "188", D(2020, 2, 20), 4)
    assert (cells.held, cells.total) == (150, 388)
    assert counts(campaign, "188", D(2020, 2, 20), 3).total == 58


def test_thai_binh_finished_its_grassroots_congresses_on_9_june_2020_not_before(
    campaign: Campaign,
) -> None:
    done = counts(campaign, "34", D(2020, 6, 9), 3)
    assert done.held == done.total == 792
    assert done.percent == Decimal("100.0")
    assert counts(campaign, "34", D(2020, 6, 8), 3).held < done.total
    # "a month ahead of plan": nothing was planned to finish before 9 July 2020.
    assert counts(campaign, "34", D(2020, 6, 9), 3).planned < done.total
    assert counts(campaign, "34", D(2020, 7, 9), 3).planned == done.total


def test_thai_binh_held_6_of_its_13_above_grassroots_congresses_by_15_august_2020(
    campaign: Campaign,
) -> None:
    above = counts(campaign, "34", D(2020, 8, 15), 2)
    assert (above.held, above.total) == (6, 13)


def test_thai_binh_cells_under_district_committees_were_done_on_12_march_2020(
    campaign: Campaign,
) -> None:
    districts = Organisation.objects.filter(
        structure__code="2020", path__startswith=org("34").path, depth=org("34").depth + 1
    ).exclude(code__contains="-")
    latest = [
        Congress.objects.filter(
            campaign=campaign, org_path__startswith=d.path, level__rank=4
        ).latest("held_date")
        for d in districts
    ]
    assert len(latest) == 8
    assert max(c.held_date for c in latest) == D(2020, 3, 12)


def test_thai_binh_cells_were_100_percent_done_on_12_march_2020_all_but_one(
    campaign: Campaign,
) -> None:
    cells = counts(campaign, "34", D(2020, 3, 12), 4)
    # Sở Công Thương's last cell met on 03/05/2020 (its article): the province's 100%
    # is 5,603 of 5,604, which prints as 100.0%.
    assert (cells.total - cells.held, cells.percent) == (1, Decimal("100.0"))
    assert counts(campaign, "34", D(2020, 3, 11), 4).percent < Decimal("100.0")


def test_thai_binh_industry_and_trade_cells_met_from_16_january_to_3_may_2020(
    campaign: Campaign,
) -> None:
    cells = counts(campaign, "34-KCQ-SCT", D(2020, 5, 3), 4)
    assert cells.held == cells.total == 12
    assert counts(campaign, "34-KCQ-SCT", D(2020, 5, 2), 4).held == 11
    assert counts(campaign, "34-KCQ-SCT", D(2020, 1, 16), 4).held == 1
    assert counts(campaign, "34-KCQ-SCT", D(2020, 1, 15), 4).held == 0
    own = Congress.objects.get(campaign=campaign, organisation=org("34-KCQ-SCT"))
    assert (own.ordinal_roman, own.held_date, own.term) == ("IV", D(2020, 5, 28), "2020–2025")
    cell = Congress.objects.filter(
        campaign=campaign, org_path__startswith=own.org_path, level__rank=4
    )
    assert set(cell.values_list("term", flat=True)) == {"2020–2022"}


def test_soc_trang_held_every_grassroots_congress_by_7_june_2020(campaign: Campaign) -> None:
    done = counts(campaign, "94", D(2020, 6, 7), 3)
    assert done.held == done.total
    assert counts(campaign, "94", D(2020, 6, 6), 3).held < done.total
    above = Congress.objects.filter(
        campaign=campaign, org_path__startswith=org("94").path, level__rank=2
    )
    days = sorted(above.values_list("held_date", flat=True))
    assert (days[0], days[-1]) == (D(2020, 6, 22), D(2020, 7, 31))
    province = Congress.objects.get(campaign=campaign, organisation=org("94"))
    assert province.ordinal_roman == "XIV"
    assert province.held_date.month == 10 and province.held_date.day <= 10


def test_the_pilot_congresses_are_listed_with_their_lessons(campaign: Campaign) -> None:
    soc_trang = list(pilots(campaign, org("94")))
    assert Counter(c.level.rank for c in soc_trang) == {3: 3, 2: 2}
    assert all(c.pilot_lessons.startswith("Rút kinh nghiệm") for c in soc_trang)
    others = Congress.objects.filter(
        campaign=campaign, org_path__startswith=org("94").path, pilot=False
    )
    for pilot in soc_trang:
        same_level = others.filter(level=pilot.level).order_by("held_date").first()
        assert same_level is not None and pilot.held_date < same_level.held_date
    loc_binh = {c.organisation.code for c in pilots(campaign, org("188"))}
    assert loc_binh == {"06553", "188-A37"}
    assert org("188-A37").name == "Chi bộ Trung tâm Văn hóa - Thể thao huyện Lộc Bình"


def test_thai_binh_had_55_grassroots_and_2_above_grassroots_elect_the_secretary_directly(
    campaign: Campaign,
) -> None:
    direct = Congress.objects.filter(
        campaign=campaign, org_path__startswith=org("34").path, direct_secretary=True
    )
    assert Counter(direct.values_list("level__rank", flat=True)) == {3: 55, 2: 2}
    province = Congress.objects.get(campaign=campaign, organisation=org("34"))
    assert province.ordinal_roman == "XX"
    assert province.held_date == D(2020, 10, 14)


def test_the_documents_register_holds_soc_trangs_plan_implementing_directive_35(
    campaign: Campaign,
) -> None:
    plan = GoverningDocument.objects.get(
        organisation=org("94"), number_text="93", doc_type__code="KH", issuer__code="TU"
    )
    assert plan.date == D(2019, 8, 19)
    assert plan.implements is not None and plan.implements.code == "35-CT/TW"
    assert campaign.directive == plan.implements
    amending = GoverningDocument.objects.get(organisation=org("34-KCQ-SCT"), number_text="12")
    assert sorted(d.code for d in amending.amends.all()) == ["10-KH/ĐU", "11-KH/ĐU"]
    guidance = GoverningDocument.objects.get(organisation=org("34-KCQ"), number_text="09")
    assert guidance.code == "09-HD/BTCĐUK"


def test_every_organisation_has_one_congress_filed_at_its_place_in_the_tree(
    campaign: Campaign,
) -> None:
    congresses = Congress.objects.filter(campaign=campaign)
    assert congresses.count() == Organisation.objects.filter(structure__code="2020").count()
    assert not congresses.exclude(org_path=F("organisation__path")).exists()
    assert not congresses.exclude(level=F("organisation__level")).exists()
    assert not congresses.exclude(state="held").exists()


def test_some_congresses_are_late_against_their_plan_and_some_ahead(campaign: Campaign) -> None:
    # Thái Bình ran ahead of its plan at the grassroots, so its late ones are cells.
    days = [D(2020, 3, 15), D(2020, 4, 15), D(2020, 5, 15), D(2020, 7, 15)]
    for code in ("20", "34", "94"):
        assert any(late(campaign, org(code), day).exists() for day in days), code
        assert ahead(campaign, org(code), D(2020, 5, 15)).exists(), code


def test_loading_the_demo_campaign_again_changes_nothing(campaign: Campaign) -> None:
    before = Congress.objects.count()
    assert load_demo_campaign(TEST_PROVINCES) == campaign
    assert Congress.objects.count() == before
