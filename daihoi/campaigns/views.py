"""Pages of a campaign: the dashboard, a congress record, the bulk editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from daihoi.campaigns import charts, hooks, lifecycle, progress
from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.actions import (
    BulkRow,
    do_approve_congress,
    do_bulk_update_congresses,
    do_transition_congress,
    do_update_congress,
)
from daihoi.campaigns.forms import CongressForm, parse_as_of
from daihoi.campaigns.models import ApprovalKind, Campaign, Congress, CongressState
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Level, Organisation
from daihoi.core.steps import timeline

LATE_SHOWN = 20
AHEAD_SHOWN = 10
BULK_PAGE = 50


def _campaign(slug: str) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("structure"), slug=slug)


def _root_for(request: HttpRequest, campaign: Campaign) -> Organisation:
    """The organisation a user's dashboard opens at: their own, or the campaign's top."""
    own = scope.scope_root(request.user)
    if own is not None and own.structure_id == campaign.structure_id:
        return own
    if scope.sees_everything(request.user) or (own is not None and own.depth == 1):
        return progress.campaign_root(campaign)
    raise Http404(_("Tài khoản của bạn không thuộc cơ cấu của đợt đại hội này."))


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.select_related("structure").order_by("-term_start", "-pk").first()
    if campaign is None:
        return render(request, "campaigns/no_campaign.html")
    root = _root_for(request, campaign)
    return redirect("dashboard", campaign=campaign.slug, code=root.code)


def _main_level(levels: list[Level], wanted: str | None) -> Level | None:
    """The level the chart and the children's ranking follow: chosen, else grassroots."""
    by_code = {level.code: level for level in levels}
    if wanted in by_code:
        return by_code[wanted]
    for code in ("co-so", "cap-xa"):
        if code in by_code:
            return by_code[code]
    return levels[0] if levels else None


@login_required
def dashboard(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = _campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    as_of, date_error = parse_as_of(request.GET.get("ngay"), timezone.localdate())
    result = progress.progress(camp, org, as_of, detail=True)
    main = _main_level(result.levels, request.GET.get("cap"))
    children = sorted(
        result.children,
        key=lambda c: (-(c.at(main).percent if main else 0), c.org.path),
    )
    late = progress.late(camp, org, as_of)
    totals = sum((counts for _level, counts in result.rows()), progress.Counts())
    context = {
        "campaign": camp,
        "campaigns": Campaign.objects.filter(structure=camp.structure),
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "as_of": as_of,
        "date_error": date_error,
        "result": result,
        "main": main,
        "children": children,
        "late": [(c, (as_of - c.planned_date).days) for c in late[:LATE_SHOWN] if c.planned_date],
        "late_count": totals.late,
        "ahead_count": totals.ahead,
        "ahead": [
            (c, (c.planned_date - c.held_date).days)
            for c in progress.ahead(camp, org, as_of)[:AHEAD_SHOWN]
            if c.planned_date and c.held_date
        ]
        if totals.ahead
        else [],
        "upcoming": progress.upcoming(camp, org, as_of)[:20],
        "pilots": progress.pilots(camp, org)[:20],
        "chart": charts.cumulative_chart(progress.cumulative(camp, org, main), as_of)
        if main
        else None,
        "own": Congress.objects.filter(campaign=camp, organisation=org).first(),
        "can_write": scope.can_write(request.user, org),
        "panels": hooks.dashboard_sections(request, camp, org, as_of),
    }
    return render(request, "campaigns/dashboard.html", context)


def _congress_for(request: HttpRequest, campaign: str, code: str) -> Congress:
    return get_congress_for_user(request.user, campaign, code)


@login_required
@require_http_methods(["GET", "POST"])
def congress_detail(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = _congress_for(request, campaign, code)
    org = congress.organisation
    user = scope.acting_user(request)
    form = CongressForm(
        request.POST or None, instance=congress, superior=scope.is_superior_of(user, org)
    )
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "save":
                if not form.is_valid():
                    raise ActionRefused([str(e) for errs in form.errors.values() for e in errs])
                do_update_congress(
                    congress,
                    form.changes(),
                    expected_version=form.cleaned_data["version"],
                    acting_user=user,
                )
                messages.success(request, _("Đã lưu hồ sơ đại hội."))
            elif action == "transition":
                target = lifecycle.next_state(congress)
                if target is None:
                    raise ActionRefused([_("Đại hội đã ở bước cuối.")])
                do_transition_congress(congress, target, acting_user=user)
                messages.success(
                    request,
                    _("Đã chuyển sang «%(state)s».") % {"state": CongressState(target).label},
                )
            elif action in ApprovalKind.values:
                do_approve_congress(
                    congress, action, acting_user=user, note=request.POST.get("note", "")
                )
                messages.success(request, _("Đã ghi nhận phê duyệt."))
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            for reason in exc.reasons:
                messages.error(request, reason)
        else:
            return redirect("congress_detail", campaign=campaign, code=code)
    target = lifecycle.next_state(congress)
    context = {
        "congress": congress,
        "org": org,
        "campaign": congress.campaign,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "form": form,
        "next_state": CongressState(target).label if target else None,
        "blockers": lifecycle.blockers(congress, target) if target else [],
        "approvals": congress.approvals.select_related("approved_by", "approver_organisation"),
        "can_write": scope.can_write(user, org),
        "is_superior": scope.is_superior_of(user, org),
        "approval_kinds": [
            kind for kind in ApprovalKind if not congress.approvals.filter(kind=kind).exists()
        ],
        "states": timeline(congress, CongressState, lifecycle.STAMP),
        "panels": hooks.congress_sections(request, congress),
    }
    return render(request, "campaigns/congress.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def congress_bulk(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Edit the planned and held dates of the direct children's congresses in one table."""
    camp = _campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code, write=True)
    user = scope.acting_user(request)
    children = list(Organisation.objects.get_children(org).select_related("level").order_by("path"))
    page_text = request.GET.get("page", "1")
    page_number = max(int(page_text), 1) if page_text.isdigit() else 1
    start = (page_number - 1) * BULK_PAGE
    shown = children[start : start + BULK_PAGE]
    records = {
        c.organisation_id: c for c in Congress.objects.filter(campaign=camp, organisation__in=shown)
    }
    errors: list[str] = []
    if request.method == "POST":
        rows, errors = _bulk_rows(request, shown, records)
        if not errors:
            try:
                changed = do_bulk_update_congresses(camp, rows, acting_user=user)
            except ActionRefused as exc:
                errors = exc.reasons
            else:
                messages.success(request, _("Đã cập nhật %(n)s đại hội.") % {"n": changed})
                return redirect(f"{request.path}?page={page_number}")
    context = {
        "campaign": camp,
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "rows": [(child, records.get(child.pk)) for child in shown],
        "errors": errors,
        "page_number": page_number,
        "has_next": start + BULK_PAGE < len(children),
        "has_previous": page_number > 1,
        "data": request.POST if request.method == "POST" else None,
    }
    return render(request, "campaigns/bulk.html", context)


def _bulk_rows(
    request: HttpRequest, shown: list[Organisation], records: dict[int, Congress]
) -> tuple[list[BulkRow], list[str]]:
    """Read the table's inputs; dates dd/mm/yyyy or YYYY-MM-DD, empty = none."""
    from daihoi.campaigns.congress_import import parse_day

    rows: list[BulkRow] = []
    errors: list[str] = []
    for child in shown:
        record = records.get(child.pk)
        changes: dict[str, object] = {}
        for field, label in (("planned_date", _("ngày dự kiến")), ("held_date", _("ngày tổ chức"))):
            text = request.POST.get(f"{field}-{child.pk}", "").strip()
            day = parse_day(text) if text else None
            if text and day is None:
                errors.append(
                    _("%(org)s: %(field)s «%(value)s» không hợp lệ (dd/mm/yyyy).")
                    % {"org": child.name, "field": label, "value": text}
                )
                continue
            if record is None or getattr(record, field) != day:
                changes[field] = day
        if not changes:
            continue
        version = request.POST.get(f"version-{child.pk}", "")
        rows.append(
            BulkRow(
                organisation=child,
                congress_id=record.pk if record else None,
                version=int(version) if version.isdigit() else None,
                changes=changes,
            )
        )
    return rows, errors
