"""The live demo's reported congresses hold the results a report requires."""

from __future__ import annotations

from collections import Counter

import pytest

from daihoi.campaigns.models import Congress, CongressState
from daihoi.personnel.models import ElectedMember
from daihoi.results import requirements
from daihoi.results.demo_live import load_live_results
from tests.campaigns.live_helpers import live_lang_son

pytestmark = pytest.mark.django_db


def test_every_reported_congress_of_the_live_demo_lacks_nothing() -> None:
    campaign = live_lang_son()
    lines: list[str] = []
    load_live_results(campaign, None, lines.append)
    reported = list(
        Congress.objects.filter(campaign=campaign, state=CongressState.REPORTED).select_related(
            "organisation"
        )
    )
    by_rank = Counter(c.level.rank for c in reported)
    assert by_rank[2] and by_rank[3], "communes and cells both reported"
    lacking = {c.organisation.code: requirements.problems(c) for c in reported}
    assert {code: found for code, found in lacking.items() if found} == {}
    # Held but not reported: nothing written for them.
    held = Congress.objects.filter(campaign=campaign, state=CongressState.HELD)
    assert not ElectedMember.objects.filter(congress__in=held).exists()
    # Idempotent: a second run writes nothing more.
    count = ElectedMember.objects.filter(campaign=campaign).count()
    load_live_results(campaign, None, lines.append)
    assert ElectedMember.objects.filter(campaign=campaign).count() == count
