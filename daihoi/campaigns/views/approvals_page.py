"""The superior's approvals page: the units directly below by state, and approving several."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns import approval_states, queries
from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.actions.approvals import do_approve_many
from daihoi.campaigns.approval_forms import BulkApproveForm
from daihoi.campaigns.approvals_job import do_start_bulk_approval, runs_as_job
from daihoi.campaigns.models import ApprovalKind, Campaign
from daihoi.core.errors import ActionRefused
from daihoi.core.paging import paginate
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation

# The page's filters, as the address bar reads them.
KINDS = {"van-kien": ApprovalKind.DOCUMENTS, "nhan-su": ApprovalKind.PERSONNEL}
PARAM = {kind: param for param, kind in KINDS.items()}


def render_page(
    request: HttpRequest,
    campaign: Campaign,
    org: Organisation,
    *,
    kind: str,
    state: str = "",
    form: BulkApproveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    # Counted and filtered by the database over every unit below; one page of them
    # is read in full (approval_states, issue 19.5).
    counts = approval_states.state_counts(campaign, org, kind)
    found = approval_states.children_by_state(campaign, org, kind)
    page = paginate(
        request,
        found.filter(row_state=state) if state else found,
        count=counts[state] if state else sum(counts.values()),
    )
    shown = queries.approval_rows(campaign, org, list(page.object_list))
    may_approve = scope.can_write(user, org)
    context = {
        "campaign": campaign,
        "org": org,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(user)),
        "kind": kind,
        "kind_param": PARAM[ApprovalKind(kind)],
        "kinds": [(param, ApprovalKind(k).label) for param, k in KINDS.items()],
        "state": state,
        "states": [(s, s.label, counts[s]) for s in queries.RowState],
        "rows": [(r, r.statuses[kind]) for r in shown],
        "total": sum(counts.values()),
        "page": page,
        "may_approve": may_approve,
        "form": form or BulkApproveForm(codes=[], initial={"kind": kind}),
        "waiting_state": queries.RowState.WAITING,
    }
    return render(request, "campaigns/approvals.html", context, status=status)


def _chosen(request: HttpRequest) -> tuple[str, str]:
    kind = KINDS.get(request.GET.get("noi-dung", ""), ApprovalKind.DOCUMENTS)
    state = request.GET.get("trang-thai", "")
    return kind, state if state in queries.RowState.values else ""


@require_GET
@login_required
def approvals_page(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code)
    kind, state = _chosen(request)
    return render_page(request, camp, org, kind=kind, state=state)


@login_required
@require_POST
def approvals_approve_many(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp = get_campaign(campaign)
    org = scope.get_org_for_user(request.user, camp.structure.code, code, write=True)
    # The choices are this unit's own units below: a code from elsewhere is not one.
    by_code = {c.organisation.code: c for c in queries.congresses_below(camp, org)}
    form = BulkApproveForm(request.POST, codes=sorted(by_code))
    status = 400
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        chosen = [by_code[code] for code in form.cleaned_data["units"]]
        page = reverse("approvals_page", args=[campaign, code])
        page = f"{page}?noi-dung={PARAM[ApprovalKind(kind)]}"
        if runs_as_job(len(chosen)):
            job = do_start_bulk_approval(
                org,
                chosen,
                kind,
                acting_user=scope.acting_user(request),
                page=page,
                note=form.cleaned_data["note"],
            )
            return redirect("jobs_detail", pk=job.pk)
        try:
            done = do_approve_many(
                chosen, kind, acting_user=scope.acting_user(request), note=form.cleaned_data["note"]
            )
        except ActionRefused as exc:
            form.refuse(exc)
            status = 409
        else:
            messages.success(request, _("Đã duyệt %(n)s đơn vị.") % {"n": len(done)})
            return redirect(page)
    typed = str(form.data.get("kind", ""))
    shown = typed if typed in ApprovalKind.values else ApprovalKind.DOCUMENTS
    return render_page(request, camp, org, kind=shown, form=form, status=status)
