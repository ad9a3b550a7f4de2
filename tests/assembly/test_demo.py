"""The demo register and the congress page's section."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.assembly.demo import WANTED, load_demo_register
from daihoi.assembly.models import Delegate, DelegateBasis, DelegateKind
from daihoi.assembly.queries import allotment_check
from daihoi.assembly.quorum import attendance
from daihoi.campaigns.models import Campaign, Congress
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_demo_register_matches_its_allotments_and_loads_once(demo_campaign: Campaign) -> None:
    lines: list[str] = []
    load_demo_register(demo_campaign, ["20"], lines.append)
    load_demo_register(demo_campaign, ["20"], lines.append)
    assert len(lines) == 1  # the second run adds nothing
    congress = Congress.objects.get(campaign=demo_campaign, organisation__code="188")
    _province, _code, officials, ex_officio = WANTED[0]
    register = Delegate.objects.filter(congress=congress)
    assert register.filter(kind=DelegateKind.OFFICIAL).count() == officials
    assert register.filter(basis=DelegateBasis.EX_OFFICIO).count() == ex_officio
    assert all(line.ok for _unit, line in allotment_check(congress))
    assert attendance(congress).summoned == officials
    # Sóc Trăng was not asked for.
    assert not Delegate.objects.filter(congress__organisation__code="94").exists()


def test_congress_page_shows_the_day_and_its_links(demo_campaign: Campaign) -> None:
    load_demo_register(demo_campaign, ["20"], lambda _line: None)
    url = reverse("congress_detail", args=[demo_campaign.slug, "188"])
    staff_page = login("locbinh").get(url).content.decode()
    assert "Ngày đại hội: đại biểu và điểm danh" in staff_page
    assert reverse("assembly_desk", args=[demo_campaign.slug, "188"]) in staff_page
    reader_page = login("lanhdao").get(url)
    assert reader_page.status_code == 404  # Thái Bình's leader does not see Lạng Sơn
