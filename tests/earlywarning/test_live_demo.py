"""The live 2025 demo campaign gives units at risk for real reasons (Lạng Sơn's part)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from daihoi.campaigns.demo_live import LOC_BINH_COMMUNE
from daihoi.campaigns.demo_live_steps import load_live_submissions
from daihoi.earlywarning import facts, listing
from daihoi.earlywarning.demo_live import load_live_inspections
from daihoi.lib.risk import Level, Reason
from daihoi.orgs.models import Organisation
from daihoi.personnel.demo_live import load_live_personnel
from tests.campaigns.live_helpers import live_lang_son

pytestmark = pytest.mark.django_db


def test_the_live_campaign_has_units_at_risk_for_each_kind_of_reason() -> None:
    campaign = live_lang_son()
    # As the demo command runs them: the personnel demo gives xã Lộc Bình its list first.
    load_live_personnel(campaign, ["20"], lambda _line: None)
    load_live_submissions(campaign, ["20"], lambda _line: None)
    load_live_inspections(campaign, ["20"], lambda _line: None)
    lang_son = Organisation.objects.select_related("level").get(structure__code="2025", code="20")
    found = listing.at_risk(facts.units(campaign, lang_son, timezone.localdate()))
    levels = Counter(u.assessment.level for u in found)
    reasons = Counter(r for u in found for r in u.assessment.reasons)
    assert levels[Level.HIGH] and levels[Level.MEDIUM]
    for reason in (Reason.OVERDUE, Reason.DOCUMENTS, Reason.PERSONNEL, Reason.RETURNED,
                   Reason.COMPLAINTS, Reason.FINDINGS, Reason.DOCUMENTS_BEHIND,
                   Reason.NO_SITTING):  # fmt: skip
        assert reasons[reason], reason
    loc_binh = next(u for u in found if u.org_path == Organisation.objects.get(
        structure__code="2025", code=LOC_BINH_COMMUNE).path)  # fmt: skip
    assert Reason.COMPLAINTS in loc_binh.assessment.reasons
