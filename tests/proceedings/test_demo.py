"""The demo loader gives the congresses the assembly demo seated a programme, once."""

from __future__ import annotations

import pytest

from daihoi.campaigns.models import Congress
from daihoi.proceedings.demo import load_demo_programmes
from daihoi.proceedings.models import AgendaItem
from daihoi.proceedings.programme import DEFAULT_PROGRAMME
from tests.proceedings.helpers import congress_at_loc_binh, hall_of

pytestmark = pytest.mark.django_db


def test_it_follows_the_register_and_runs_twice_without_adding():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=0)
    lines: list[str] = []
    load_demo_programmes(congress.campaign, None, lines.append)
    load_demo_programmes(congress.campaign, None, lines.append)
    assert AgendaItem.objects.filter(congress=congress).count() == len(DEFAULT_PROGRAMME)
    others = Congress.objects.filter(campaign=congress.campaign).exclude(pk=congress.pk)
    assert not AgendaItem.objects.filter(congress__in=others).exists()
    assert lines == ["Đã tạo chương trình đại hội mẫu cho 1 đại hội."]
