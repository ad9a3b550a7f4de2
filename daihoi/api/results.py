"""Results under a unit: announced elections, and the results reports by form or file.

A congress that ran its elections in the app has one item per announced election;
one that reported its results by form or file (results/) has one item per body it
reported (committee, secretary, deputies, delegates, alternates), in the same shape, so
a reporting system reads both alike: `kind`, the elected, the body's composition. The
two are one ordered list (a SQL union of ids), paginated as one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BigIntegerField, Case, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast
from django.http import HttpRequest
from ninja import Router

from daihoi.api.campaign_schemas import (
    CampaignSlug,
    CompositionOut,
    ElectedOut,
    ResultOut,
    ResultPageOut,
)
from daihoi.api.revalidate import revalidated
from daihoi.api.schemas import ERRORS, OrgCode, PageNumber
from daihoi.api.units import campaign_unit, page_of, unit_out
from daihoi.campaigns.models import Campaign, Congress, CongressState
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.elections.outcome import Outcome
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.models import ElectedMember
from daihoi.personnel.rollup import COMPOSITION

router = Router(tags=["results"])
ANNOUNCED = (ElectionState.ANNOUNCED, ElectionState.SEALED)
K = ElectionKind
# A report's bodies in the order a results report lists them.
REPORTED = (K.COMMITTEE, K.STANDING, K.SECRETARY, K.DEPUTY, K.DELEGATES, K.ALTERNATES)
# (congress, kind) -> the body's composition
Compositions = dict[tuple[int, str], CompositionOut]


def _entries(campaign: Campaign, org: Organisation) -> QuerySet[Any]:
    """(path, election id or None, congress id, kind, place) of every item, in order."""
    elections = (
        Election.objects.filter(
            subtree_q(org.path, prefix="congress__org_"),
            congress__campaign=campaign,
            state__in=ANNOUNCED,
            result__isnull=False,
        )
        .annotate(path=F("congress__org_path"), body=F("kind"), place=Value(0))
        .values_list("path", "pk", "congress_id", "body", "place")
        .order_by()
    )
    in_app = Election.objects.filter(congress__campaign=campaign, state__in=ANNOUNCED)
    reported = (
        ElectedMember.objects.filter(
            subtree_q(org.path, prefix="org_"),
            campaign=campaign,
            kind__in=REPORTED,
            congress__state=CongressState.REPORTED,
        )
        .exclude(congress_id__in=in_app.values("congress_id"))
        .annotate(
            path=F("org_path"),
            election=Cast(Value(None), BigIntegerField()),  # typed: a bare NULL is text
            body=F("kind"),
            place=Case(
                *(When(kind=kind, then=Value(n)) for n, kind in enumerate(REPORTED, 1)),
                output_field=IntegerField(),
            ),
        )
        .values_list("path", "election", "congress_id", "body", "place")
        .order_by()
        .distinct()
    )
    # A congress is in one side only (the other excludes it), so the election id orders
    # only elections and `place` only a report's bodies.
    return elections.union(reported, all=True).order_by("path", "pk", "place")


def _compositions(congress_ids: set[int]) -> Compositions:
    """The elected bodies of these congresses, counted in one query."""
    rows = (
        ElectedMember.objects.filter(congress_id__in=congress_ids)
        .values("congress_id", "kind")
        .annotate(**COMPOSITION)
        .order_by()
    )
    return {
        (r["congress_id"], r["kind"]): CompositionOut(
            members=r["total"],
            women=r["women"],
            ethnic_minority=r["ethnic_minority"],
            first_time=r["first_time"],
            under_40=r["under_40"],
            science_tech=r["science_tech"],
            standing=r["standing"],
        )
        for r in rows
    }


def _election(election: Election, compositions: Compositions) -> ResultOut:
    # The query keeps announced elections that have a result.
    outcome = Outcome.from_json(election.result or {})
    return ResultOut(
        source="election",
        election=election.pk,
        unit=unit_out(election.congress.organisation),
        kind=election.kind,
        title=election.title,
        round_no=election.round_no,
        seats=election.seats,
        announced_at=election.announced_at,
        ballots_collected=outcome.ballots.collected,
        ballots_valid=outcome.ballots.valid,
        ballots_invalid=outcome.ballots.invalid,
        elected=[
            ElectedOut(
                no=line.no,
                full_name=line.full_name,
                votes=line.votes,
                percent_of_base=line.percent_of_base,
            )
            for line in outcome.elected_lines()
        ],
        composition=compositions.get((election.congress_id, election.kind)),
    )


def _report(
    congress: Congress, kind: str, names: list[str], compositions: Compositions
) -> ResultOut:
    return ResultOut(
        source="report",
        election=None,
        unit=unit_out(congress.organisation),
        kind=kind,
        title=str(K(kind).label),
        round_no=None,
        seats=None,
        announced_at=congress.reported_at,
        ballots_collected=None,
        ballots_valid=None,
        ballots_invalid=None,
        elected=[
            ElectedOut(no=n, full_name=name, votes=None, percent_of_base=None)
            for n, name in enumerate(names, 1)
        ],
        composition=compositions.get((congress.pk, kind)),
    )


@router.get("/{slug}/results/{code}", response={200: ResultPageOut, **ERRORS})
@revalidated()
def list_results(
    request: HttpRequest, slug: CampaignSlug, code: OrgCode, page: PageNumber = 1
) -> ResultPageOut:
    """Every announced election and every body of a results report by form or file, of
    the unit's congress and of the congresses under it."""
    campaign, org = campaign_unit(request, slug, code)
    shown = page_of(_entries(campaign, org), page)
    units = ("organisation__structure", "organisation__level")
    elections = Election.objects.filter(pk__in=[r[1] for r in shown.rows if r[1] is not None])
    by_election = {e.pk: e for e in elections.select_related(*(f"congress__{u}" for u in units))}
    report_ids = {r[2] for r in shown.rows if r[1] is None}
    congresses = Congress.objects.filter(pk__in=report_ids).select_related(*units)
    by_congress = {c.pk: c for c in congresses}
    names: dict[tuple[int, str], list[str]] = {}
    for congress_id, kind, name in (
        ElectedMember.objects.filter(congress_id__in=report_ids)
        .order_by("pk")
        .values_list("congress_id", "kind", "full_name")
    ):
        names.setdefault((congress_id, kind), []).append(name)
    compositions = _compositions({r[2] for r in shown.rows})
    items = [
        _election(by_election[election], compositions)
        if election is not None
        else _report(by_congress[congress_id], kind, names[congress_id, kind], compositions)
        for _path, election, congress_id, kind, _place in shown.rows
    ]
    return ResultPageOut(**shown.meta(), items=items)
