"""The check-in desk: its page, the scan (JSON), the name search (JSON) and the undo."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.assembly import access, queries
from daihoi.assembly.actions import checkin as checkin_actions
from daihoi.assembly.actions.checkin_undo import UNDO_REASON_MAX, do_undo_check_in
from daihoi.assembly.forms import CheckInUndoForm, form_errors
from daihoi.assembly.models import Sitting
from daihoi.assembly.quorum import attendance, current_sitting
from daihoi.assembly.tokens import card_token
from daihoi.assembly.views.common import congress_for, context, refused
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope

SITTING_FIELDS = (
    "kind",
    "date",
    "part",
    "ordinal",
    "opened_at",
    "closed_at",
    "congress__campaign_id",
    "congress__org_path",
    "congress__state",
    "congress__organisation__path",
    "congress__organisation__name",
    "congress__organisation__code",
    "congress__organisation__structure_id",
)


def _sitting_for(request: HttpRequest, pk: int) -> Sitting:
    # Only the columns the desk needs: this runs on every keystroke of the search.
    sitting = (
        Sitting.objects.select_related("congress__organisation")
        .only(*SITTING_FIELDS)
        .filter(pk=pk)
        .order_by()
        .first()
    )
    if sitting is None or not scope.can_see(request.user, sitting.congress.organisation):
        raise Http404(_("Không tìm thấy phiên họp."))
    return sitting


def _json_refusal(status: int, message: str) -> JsonResponse:
    return JsonResponse({"ok": False, "code": "refused", "message": message}, status=status)


@never_cache
@login_required
@require_GET
def desk(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    if not access.may_check_in(request.user, congress):
        raise PermissionDenied
    sittings = queries.sittings(congress)
    chosen = request.GET.get("phien", "")
    sitting = next((s for s in sittings if str(s.pk) == chosen), None) or current_sitting(congress)
    if sitting is None:
        sitting = next((s for s in reversed(sittings) if s.closed_at is None), None)
    return render(
        request,
        "assembly/desk.html",
        context(
            request,
            congress,
            sittings=sittings,
            sitting=sitting,
            desk_name=request.GET.get("ban", "") or request.user.get_username(),
            figures=attendance(congress, sitting) if sitting else None,
            recent=queries.recent_check_ins(sitting) if sitting else [],
            undo_form=CheckInUndoForm(),
            reason_max=UNDO_REASON_MAX,
        ),
    )


@require_POST
@login_required
def checkin_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """POST checkin=…, reason=…: take back one check-in of the sitting; back to the desk."""
    sitting = _sitting_for(request, pk)
    form = CheckInUndoForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form), ["form_invalid"])
        undo = do_undo_check_in(
            sitting,
            form.cleaned_data["checkin"],
            reason=form.cleaned_data["reason"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        refused(request, exc)
    else:
        messages.success(
            request,
            _("Đã hoàn tác điểm danh của %(name)s; có thể điểm danh lại.")
            % {"name": undo.delegate.full_name},
        )
    congress = sitting.congress
    back = reverse("assembly_desk", args=[congress.campaign.slug, congress.organisation.code])
    query: dict[str, str | int] = {"phien": sitting.pk}
    if form.data.get("desk"):
        query["ban"] = str(form.data["desk"])[:40]
    # The desk's page and its list of recent check-ins are read again: a redirect.
    return redirect(f"{back}?{urlencode(query)}")


@never_cache
@require_POST
def checkin(request: HttpRequest, pk: int) -> JsonResponse:
    """POST token=…: check a card in; JSON. Safe to resend: a repeat changes nothing."""
    if not request.user.is_authenticated:
        return _json_refusal(401, _("Phiên đăng nhập đã hết; hãy đăng nhập lại."))
    token = request.POST.get("token", "")
    if not token and request.content_type == "application/json":
        try:
            token = str(json.loads(request.body or b"{}").get("token", ""))
        except (ValueError, AttributeError):
            token = ""
    method = request.POST.get("method", "scan")
    # A row of the name search: the delegate it showed and the text in the search box.
    shown = request.POST.get("delegate", "")
    try:
        result = checkin_actions.check_in_scan(
            pk,
            token,
            desk=request.POST.get("desk", ""),
            acting_user=scope.acting_user(request),
            method=method,
            query=request.POST.get("q") if method == "name" else None,
            shown=int(shown) if method == "name" and shown.isdigit() else None,
        )
    except PermissionDenied:
        return _json_refusal(403, _("Bạn không được giao làm bàn điểm danh của đại hội này."))
    if result is None:
        raise Http404(_("Không tìm thấy phiên họp."))
    status = 200 if result.ok else 409 if result.code in ("closed", "expired") else 400
    return JsonResponse(result.as_json(), status=status)


@never_cache
@require_GET
def search(request: HttpRequest, pk: int) -> JsonResponse:
    """Delegates whose name contains the typed text, diacritics ignored; with their token."""
    if not request.user.is_authenticated:
        return _json_refusal(401, _("Phiên đăng nhập đã hết; hãy đăng nhập lại."))
    sitting = _sitting_for(request, pk)
    if not access.may_check_in(request.user, sitting.congress):
        return _json_refusal(403, _("Bạn không được giao làm bàn điểm danh của đại hội này."))
    return JsonResponse(
        {
            "results": [
                {
                    "id": d.pk,
                    "full_name": d.full_name,
                    "unit": d.unit.name if d.unit else "",
                    "kind": str(d.get_kind_display()),
                    "token": card_token(d),
                    "checked_in_at": timezone.localtime(at).strftime("%H:%M") if at else None,
                }
                for d, at in queries.search(sitting, request.GET.get("q", ""))
            ]
        }
    )
