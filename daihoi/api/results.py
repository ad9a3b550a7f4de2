"""Announced election results under a unit, with the elected body's composition."""

from __future__ import annotations

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
from daihoi.elections.models import Election, ElectionState
from daihoi.elections.outcome import Outcome
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.models import ElectedMember
from daihoi.personnel.rollup import COMPOSITION

router = Router(tags=["results"])
ANNOUNCED = (ElectionState.ANNOUNCED, ElectionState.SEALED)


def _compositions(elections: list[Election]) -> dict[tuple[int, str], CompositionOut]:
    """The elected bodies of these elections' congresses, counted in one query."""
    rows = (
        ElectedMember.objects.filter(congress_id__in={e.congress_id for e in elections})
        .values("congress_id", "kind")
        .annotate(**COMPOSITION)
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


def _result(election: Election, compositions: dict[tuple[int, str], CompositionOut]) -> ResultOut:
    # The query keeps announced elections that have a result.
    outcome = Outcome.from_json(election.result or {})
    return ResultOut(
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


@router.get("/{slug}/results/{code}", response={200: ResultPageOut, **ERRORS})
@revalidated()
def list_results(
    request: HttpRequest, slug: CampaignSlug, code: OrgCode, page: PageNumber = 1
) -> ResultPageOut:
    """Every announced election of the unit's congress and of the congresses under it."""
    campaign, org = campaign_unit(request, slug, code)
    found = (
        Election.objects.filter(
            subtree_q(org.path, prefix="congress__org_"),
            congress__campaign=campaign,
            state__in=ANNOUNCED,
            result__isnull=False,
        )
        .select_related("congress__organisation__structure", "congress__organisation__level")
        .order_by("congress__org_path", "pk")
    )
    shown = page_of(found, page)
    elections = shown.rows
    compositions = _compositions(elections)
    return ResultPageOut(
        **shown.meta(),
        items=[_result(e, compositions) for e in elections],
    )
