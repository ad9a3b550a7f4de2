"""The rule counted in the database says what lib/risk says, congress by congress.

Random situations (a seeded generator) under Lộc Bình: planned days either side of
today or none, a deadline for one level, approvals, requests waiting or returned,
complaints, inspection follow-ups, sittings, and peers that held their congress with
approvals at random leads. For every congress not yet held, the level and the reasons
its group in the database was assessed with (`classify.Survey.verdicts`) equal
`lib/risk.assess` over the Python facts; the counts and every page, cut anywhere, equal
those made from the Python list.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from daihoi.assembly.models import Sitting
from daihoi.campaigns.models import (
    ApprovalKind,
    Campaign,
    Congress,
    CongressState,
    LevelPlan,
    SubmissionState,
)
from daihoi.earlywarning import classify, facts, listing
from daihoi.lib.risk import Level, Reason
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import ComplaintStatus
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.earlywarning.helpers import LOC_BINH, approve, ask, at, complaint, today, visit

pytestmark = pytest.mark.django_db

KINDS = (ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL)


def random_campaign(seed: int) -> Campaign:
    rng = random.Random(seed)
    camp = small_campaign(f"ngau-nhien-{seed}")
    day = today()
    open_congresses(camp, LOC_BINH)
    everyone = list(Congress.objects.filter(campaign=camp).select_related("organisation"))
    # One level in two gets a deadline: a congress without a day counts to it.
    if rng.random() < 0.5:
        cells = everyone[-1].level
        LevelPlan.objects.update_or_create(
            campaign=camp, level=cells, defaults={"deadline": day + dt.timedelta(days=12)}
        )
    for congress in everyone:
        roll = rng.random()
        if roll < 0.25:
            # A peer: held lately, its steps approved at some lead before its day.
            held = day - dt.timedelta(days=rng.randint(0, 30))
            Congress.objects.filter(pk=congress.pk).update(
                planned_date=held, held_date=held, state=CongressState.HELD
            )
            for kind in KINDS:
                if rng.random() < 0.9:
                    approve(congress, kind, held - dt.timedelta(days=rng.randint(-2, 30)))
            continue
        planned = None if roll < 0.3 else day + dt.timedelta(days=rng.randint(-6, 30))
        Congress.objects.filter(pk=congress.pk).update(planned_date=planned)
        for kind in KINDS:
            step = rng.random()
            if step < 0.3:
                approve(congress, kind, day - dt.timedelta(days=rng.randint(0, 20)))
            elif step < 0.6:
                # Returned, sometimes sent again and waiting or returned again: the latest counts.
                ask(congress, kind, SubmissionState.RETURNED, day - dt.timedelta(days=10))
                if rng.random() < 0.5:
                    state = rng.choice([SubmissionState.WAITING, SubmissionState.RETURNED])
                    ask(congress, kind, state, day - dt.timedelta(days=9))
        if rng.random() < 0.1:
            complaint(congress, rng.choice([ComplaintStatus.OPEN, ComplaintStatus.SETTLED]))
        if rng.random() < 0.08:
            visit(congress.organisation, camp, done=rng.random() < 0.3)
        if planned is not None and planned <= day and rng.random() < 0.5:
            # Two sittings opened: the congress still counts once.
            for ordinal, part in ((1, "morning"), (2, "afternoon")):
                Sitting.objects.create(
                    congress=congress, kind="official", date=day, part=part, ordinal=ordinal,
                    opened_at=at(day),
                )  # fmt: skip
    return camp


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_classifies_every_congress_as_lib_risk_does(seed: int) -> None:
    camp = random_campaign(seed)
    root = Organisation.objects.get(structure=camp.structure, code=LOC_BINH)
    day = today()
    units = facts.units(camp, root, day)
    expected = {u.congress_id: (u.assessment.level, frozenset(u.assessment.reasons)) for u in units}
    found = classify.survey(classify.scope_for(camp, root, day))
    got = {cid: (level, reasons) for cid, level, reasons in found.verdicts()}
    assert got == expected
    # Fewer groups than congresses: the rule runs once per group.
    assert sum(g.n for g in found.groups) == len(units) > len(found.groups)
    # The random data reach every reason and both levels, and the peers' comparison.
    seen = {r for _level, reasons in expected.values() for r in reasons}
    assert seen == set(Reason)
    assert {level for level, _r in expected.values()} == {None, Level.HIGH, Level.MEDIUM}


@pytest.mark.parametrize("seed", [4])
def test_the_counts_and_the_pages_are_those_of_the_python_list(seed: int) -> None:
    camp = random_campaign(seed)
    root = Organisation.objects.get(structure=camp.structure, code=LOC_BINH)
    day = today()
    units = facts.units(camp, root, day)
    found = listing.at_risk(units)
    tally = listing.tally(found)
    surveyed = classify.survey(classify.scope_for(camp, root, day))
    counted = surveyed.counts()
    assert counted.open == len(units)
    assert (counted.by_level, counted.by_reason) == (tally.by_level, tally.by_reason)
    assert counted.chosen == len(found)
    assert surveyed.page(None, None, 0, 10**6) == [u.congress_id for u in found]
    for level in (*Level, None):
        for reason in (*Reason, None):
            chosen = [u.congress_id for u in listing.chosen(found, level, reason)]
            assert surveyed.counts(level, reason).chosen == len(chosen)
            assert surveyed.page(level, reason, 5, 7) == chosen[5:12]
            assert surveyed.page(level, reason, len(chosen), 3) == []


@pytest.mark.parametrize("seed", [5])
def test_a_page_cut_anywhere_is_that_slice_of_the_python_order(seed: int) -> None:
    """A page spans whole groups of one place in the order (level and days) and starts
    inside the first: pages of every size from every offset are the list's slices."""
    camp = random_campaign(seed)
    root = Organisation.objects.get(structure=camp.structure, code=LOC_BINH)
    day = today()
    found = [u.congress_id for u in listing.at_risk(facts.units(camp, root, day))]
    surveyed = classify.survey(classify.scope_for(camp, root, day))
    for limit in (1, 3, 50):
        for offset in range(0, len(found) + 1, 11 if limit > 1 else 37):
            assert surveyed.page(None, None, offset, limit) == found[offset : offset + limit]
    chosen = classify.Chosen(surveyed, None, None, len(found))
    assert chosen[7] == found[7]
    assert list(chosen[len(found) - 2 :]) == found[-2:]


def test_postgresql_plans_the_rest_of_the_transaction_as_before() -> None:
    """The grouped statements turn nested loops off for themselves alone (classify._fetch):
    a later statement of the same transaction is planned with the server's setting."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting; the SQLite pass probes by index instead")
    camp = random_campaign(6)
    root = Organisation.objects.get(structure=camp.structure, code=LOC_BINH)
    surveyed = classify.survey(classify.scope_for(camp, root, today()))
    assert surveyed.counts().open > 0 and surveyed.page(None, None, 0, 5)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_nestloop")
        assert cursor.fetchone()[0] == "on"
