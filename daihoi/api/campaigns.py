"""The campaign answers: progress as of a day, congress records with their approvals,
approvals waiting, announced results. Read-only, scoped like the pages, paginated."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from daihoi.api.campaign_schemas import (
    ApprovalOut,
    CampaignOut,
    CampaignSlug,
    ChildProgressOut,
    CongressOut,
    CongressPageOut,
    CountsOut,
    ProgressOut,
    StateFilter,
    SubmissionOut,
    WaitingOut,
    WaitingPageOut,
)
from daihoi.api.revalidate import revalidated
from daihoi.api.schemas import ERRORS, OrgCode, PageNumber
from daihoi.api.units import campaign_unit, level_out, page_of, unit_out
from daihoi.campaigns import queries
from daihoi.campaigns.models import Approval, Campaign, Congress, Submission
from daihoi.campaigns.progress import Counts, progress
from daihoi.orgs.models import Level
from daihoi.orgs.tree import subtree_q

router = Router(tags=["campaigns"])


def _counts(level: Level, counts: Counts) -> CountsOut:
    return CountsOut(
        level=level_out(level),
        total=counts.total,
        planned=counts.planned,
        held=counts.held,
        held_percent=counts.percent,
        late=counts.late,
        ahead=counts.ahead,
    )


@router.get("", response=list[CampaignOut])
@revalidated()
def list_campaigns(request: HttpRequest) -> list[CampaignOut]:
    return [
        CampaignOut(
            slug=c.slug,
            name=c.name,
            structure=c.structure.code,
            term_start=c.term_start,
            term_end=c.term_end,
        )
        for c in Campaign.objects.select_related("structure").order_by("-term_start", "slug")
    ]


@router.get("/{slug}/progress/{code}", response={200: ProgressOut, **ERRORS})
@revalidated()
def get_progress(
    request: HttpRequest,
    slug: CampaignSlug,
    code: OrgCode,
    day: dt.date | None = None,
    page: PageNumber = 1,
) -> ProgressOut:
    """Congresses due, planned and held under the unit by the day (today if not given),
    per level and per direct child (the children a page at a time)."""
    campaign, org = campaign_unit(request, slug, code)
    as_of = day or timezone.localdate()
    found = progress(campaign, org, as_of, detail=True)
    shown = page_of(found.children, page)
    return ProgressOut(
        campaign=campaign.slug,
        unit=unit_out(org),
        day=as_of,
        by_level=[_counts(level, counts) for level, counts in found.rows()],
        children_count=shown.count,
        page=shown.page,
        pages=shown.pages,
        children=[
            ChildProgressOut(
                unit=unit_out(child.org),
                own_held=bool(child.own.held),
                by_level=[_counts(level, child.at(level)) for level in found.levels[1:]],
            )
            for child in shown.rows
        ],
    )


def _congresses() -> QuerySet[Congress]:
    return Congress.objects.select_related(
        "organisation__structure", "organisation__level"
    ).prefetch_related(
        Prefetch(
            "approvals",
            queryset=Approval.objects.select_related("approver_organisation").order_by("at"),
        ),
        Prefetch("submissions", queryset=Submission.objects.order_by("submitted_at", "pk")),
    )


def _congress(congress: Congress) -> CongressOut:
    return CongressOut(
        unit=unit_out(congress.organisation),
        state=congress.state,
        state_label=congress.get_state_display(),
        ordinal=congress.ordinal,
        term=congress.term,
        planned_date=congress.planned_date,
        held_date=congress.held_date,
        held_end_date=congress.held_end_date,
        pilot=congress.pilot,
        preparing_at=congress.preparing_at,
        documents_approved_at=congress.documents_approved_at,
        personnel_approved_at=congress.personnel_approved_at,
        held_at=congress.held_at,
        reported_at=congress.reported_at,
        approvals=[
            ApprovalOut(
                kind=a.kind,
                approver=a.approver_organisation.code if a.approver_organisation else None,
                at=a.at,
            )
            for a in congress.approvals.all()
        ],
        submissions=[
            SubmissionOut(
                kind=s.kind,
                state=s.state,
                submitted_at=s.submitted_at,
                decided_at=s.decided_at,
                reason=s.reason,
            )
            for s in congress.submissions.all()
        ],
    )


@router.get("/{slug}/congresses/{code}", response={200: CongressOut, **ERRORS})
@revalidated()
def get_congress(request: HttpRequest, slug: CampaignSlug, code: OrgCode) -> CongressOut:
    """The unit's own congress record: its state, dates, steps, approvals and submissions."""
    campaign, org = campaign_unit(request, slug, code)
    congress = _congresses().filter(campaign=campaign, organisation=org).first()
    if congress is None:
        raise Http404(_("Tổ chức này chưa có hồ sơ đại hội trong đợt này."))
    return _congress(congress)


@router.get("/{slug}/congresses/{code}/below", response={200: CongressPageOut, **ERRORS})
@revalidated()
def list_congresses_below(
    request: HttpRequest,
    slug: CampaignSlug,
    code: OrgCode,
    state: StateFilter | None = None,
    page: PageNumber = 1,
) -> CongressPageOut:
    """The congress records of every unit under this one, in tree order, filtered by state."""
    campaign, org = campaign_unit(request, slug, code)
    found = _congresses().filter(
        subtree_q(org.path, prefix="org_", include_self=False), campaign=campaign
    )
    if state:
        found = found.filter(state=state)
    shown = page_of(found.order_by("org_path"), page)
    return CongressPageOut(**shown.meta(), items=[_congress(c) for c in shown.rows])


@router.get("/{slug}/approvals-waiting/{code}", response={200: WaitingPageOut, **ERRORS})
@revalidated()
def list_approvals_waiting(
    request: HttpRequest, slug: CampaignSlug, code: OrgCode, page: PageNumber = 1
) -> WaitingPageOut:
    """What the units directly below have submitted and this unit has yet to decide."""
    campaign, org = campaign_unit(request, slug, code)
    found = (
        queries.approvals_waiting(org)
        .filter(congress__campaign=campaign)
        .select_related("congress__organisation__structure", "congress__organisation__level")
    )
    shown = page_of(found, page)
    return WaitingPageOut(
        **shown.meta(),
        items=[
            WaitingOut(
                unit=unit_out(s.congress.organisation), kind=s.kind, submitted_at=s.submitted_at
            )
            for s in shown.rows
        ],
    )
