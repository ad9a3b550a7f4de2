"""Pages of the congress day: register, credentials, cards, check-in desk, live quorum."""

from __future__ import annotations

import json
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.models import User
from daihoi.assembly import actions
from daihoi.assembly.base import set_base_from_register
from daihoi.assembly.documents import credentials_document, credentials_figures
from daihoi.assembly.forms import (
    ABSENCE_CHOICES,
    AllotmentForm,
    CheckInUndoForm,
    DelegateForm,
    QuorumRuleForm,
    SittingForm,
    form_errors,
)
from daihoi.assembly.models import (
    CheckIn,
    CheckInUndo,
    Delegate,
    DelegateKind,
    Sitting,
)
from daihoi.assembly.quorum import attendance, current_sitting, quorum_rule
from daihoi.assembly.register_import import RegisterImportRejected, do_import_delegates
from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.models import Congress
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.core.tables import CellError, TableError, read_table
from daihoi.lib.text import fold
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation

SEARCH_LIMIT = 12
RECENT_LIMIT = 15
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


def congress_for(request: HttpRequest, campaign: str, code: str) -> Congress:
    """The congress of an organisation the user may see; outside their subtree a 404."""
    return get_congress_for_user(request.user, campaign, code)


def _sitting_for(request: HttpRequest, pk: int) -> Sitting:
    # Only the columns the check-in needs: this runs on every scan.
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


def _units(congress: Congress) -> list[tuple[str, str]]:
    return [(o.code, o.name) for o in tree.children(congress.organisation)]


def _unit(congress: Congress, code: str) -> Organisation | None:
    if not code:
        return None
    found = (
        Organisation.objects.filter(
            tree.subtree_q(congress.organisation.path, include_self=False),
            structure_id=congress.organisation.structure_id,
            code=code,
        )
        .select_related("level")
        .first()
    )
    if found is None:
        raise ActionRefused(
            [
                _("Đơn vị “%(code)s” không thuộc %(org)s.")
                % {"code": code, "org": congress.organisation.name}
            ]
        )
    return found


def _refused(request: HttpRequest, exc: ActionRefused) -> None:
    for reason in exc.reasons:
        messages.error(request, reason)


def _delegate(congress: Congress, pk: str | None) -> Delegate:
    # Only this congress's delegates: an id from another congress is simply not found.
    if not pk or not str(pk).isdigit():
        raise ActionRefused([_("Chưa chọn đại biểu.")])
    found = Delegate.objects.filter(congress=congress, pk=int(pk)).first()
    if found is None:
        raise ActionRefused([_("Không tìm thấy đại biểu số %(pk)s.") % {"pk": pk}])
    return found


def _context(request: HttpRequest, congress: Congress, **extra: Any) -> dict[str, Any]:
    return {
        "congress": congress,
        "org": congress.organisation,
        "campaign": congress.campaign,
        "can_manage": actions.may_manage(request.user, congress),
        "may_check_in": actions.may_check_in(request.user, congress),
        **extra,
    }


# ---------------------------------------------------------------- register


# never_cache on every page of delegates' names, credentials and cards (signed tokens):
# a venue computer is shared, and its browser must not show them after sign-out.
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    units = _units(congress)
    form = DelegateForm(units=units)
    allot_form = AllotmentForm(units=units)
    import_errors: list[CellError] = []
    if request.method == "POST":
        user = scope.acting_user(request)
        if not actions.may_manage(user, congress):
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "add":
                form = DelegateForm(request.POST, units=units)
                if not form.is_valid():
                    raise ActionRefused(form_errors(form))
                data = form.cleaned_data
                actions.do_add_delegate(
                    congress,
                    full_name=data["full_name"],
                    kind=data["kind"],
                    basis=data["basis"],
                    unit=_unit(congress, data["unit"]),
                    alternate_order=data["alternate_order"],
                    gender=data["gender"] or "",
                    ethnic_minority=data["ethnic_minority"],
                    birth_year=data["birth_year"],
                    position=data["position"],
                    acting_user=user,
                )
                messages.success(request, _("Đã thêm %(name)s.") % {"name": data["full_name"]})
            elif action == "allot":
                allot_form = AllotmentForm(request.POST, units=units)
                if not allot_form.is_valid():
                    raise ActionRefused(form_errors(allot_form))
                data = allot_form.cleaned_data
                unit = _unit(congress, data["unit"])
                if unit is None:
                    raise ActionRefused([_("Chưa chọn đơn vị.")])
                actions.do_set_allotment(
                    congress,
                    unit,
                    officials=data["officials"],
                    alternates=data["alternates"],
                    acting_user=user,
                )
                messages.success(
                    request, _("Đã lưu số đại biểu phân bổ cho %(unit)s.") % {"unit": unit.name}
                )
            elif action == "import":
                added = actions.do_import_elected(congress, acting_user=user)
                messages.success(
                    request,
                    _("Đã nhập %(n)s đại biểu từ kết quả bầu cử của đại hội cấp dưới.")
                    % {"n": added},
                )
            elif action == "upload":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ActionRefused([_("Hãy chọn tệp .csv hoặc .xlsx.")])
                try:
                    added = do_import_delegates(
                        congress,
                        read_table(upload.name or "", uploads.read_upload(upload)),
                        acting_user=user,
                        source=upload.name or "",
                    )
                except (TableError, RegisterImportRejected) as exc:
                    # Hundreds of messages would bury the page: the rows' errors are listed
                    # beside the upload form, and one message points there.
                    import_errors = exc.errors
                    raise ActionRefused(
                        [_("Tệp chưa được nhập vì có lỗi; xem danh sách lỗi ở phần nhập từ tệp.")]
                    ) from exc
                messages.success(request, _("Đã nhập %(n)s đại biểu từ tệp.") % {"n": added})
            elif action == "desk":
                target = User.objects.filter(
                    username=request.POST.get("username", "").strip()
                ).first()
                if target is None:
                    raise ActionRefused(
                        [_("Không có tài khoản “%(u)s”.") % {"u": request.POST.get("username", "")}]
                    )
                actions.do_set_desk_staff(
                    congress, target, desk=request.POST.get("remove") != "1", acting_user=user
                )
                messages.success(request, _("Đã cập nhật người làm bàn điểm danh."))
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            return redirect("assembly_register", campaign=campaign, code=code)
    delegates = list(
        Delegate.objects.filter(congress=congress)
        .select_related("unit")
        .order_by("kind", "unit__path", "alternate_order", "full_name", "pk")
    )
    lines = actions.allotment_check(congress)
    settings_row = (
        actions.settings_for(congress) if actions.may_manage(request.user, congress) else None
    )
    return render(
        request,
        "assembly/register.html",
        _context(
            request,
            congress,
            officials=[d for d in delegates if d.kind == DelegateKind.OFFICIAL],
            alternates=[d for d in delegates if d.kind == DelegateKind.ALTERNATE],
            guests=[d for d in delegates if d.kind == DelegateKind.GUEST],
            lines=lines,
            allotment_problems=sum(not line.ok for _unit_, line in lines),
            form=form,
            allot_form=allot_form,
            import_errors=import_errors,
            desk_staff=list(settings_row.desk_staff.all()) if settings_row else [],
        ),
    )


# ---------------------------------------------------------------- credentials


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def credentials(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    if request.method == "POST":
        user = scope.acting_user(request)
        if not actions.may_manage(user, congress):
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            delegate = _delegate(congress, request.POST.get("delegate"))
            reason = request.POST.get("reason", "")
            if action == "valid":
                actions.do_decide_credential(delegate, valid=True, acting_user=user)
            elif action == "invalid":
                actions.do_decide_credential(delegate, valid=False, reason=reason, acting_user=user)
            elif action == "absence":
                actions.do_record_absence(
                    delegate,
                    absence=request.POST.get("absence", ""),
                    reason=reason,
                    acting_user=user,
                )
            elif action == "replace":
                alternate = actions.do_replace_with_alternate(delegate, acting_user=user)
                messages.success(
                    request,
                    _("Đồng chí %(alt)s (dự khuyết thứ %(n)s) thay đồng chí %(name)s.")
                    % {
                        "alt": alternate.full_name,
                        "n": alternate.alternate_order,
                        "name": delegate.full_name,
                    },
                )
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            if action != "replace":
                messages.success(
                    request, _("Đã ghi nhận cho đồng chí %(name)s.") % {"name": delegate.full_name}
                )
            return redirect("assembly_credentials", campaign=campaign, code=code)
    delegates = list(
        Delegate.objects.filter(congress=congress)
        .exclude(kind=DelegateKind.GUEST)
        .select_related("unit", "replaced_by")
        .order_by("kind", "unit__path", "alternate_order", "full_name", "pk")
    )
    return render(
        request,
        "assembly/credentials.html",
        _context(
            request,
            congress,
            delegates=delegates,
            figures=credentials_figures(congress),
            absence_choices=ABSENCE_CHOICES,
        ),
    )


@never_cache
@login_required
@require_GET
def credentials_docx(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    response = HttpResponse(
        credentials_document(congress),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tham-tra-tu-cach-{congress.organisation.code}.docx"'
    )
    return response


# ---------------------------------------------------------------- cards


def qr_svg(token: str) -> str:
    # Medium error correction: a card folded in a pocket still scans.
    return str(segno.make(token, error="m", micro=False).svg_inline(scale=3, border=2))


@never_cache
@login_required
@require_GET
def cards(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Printable cards, four A6 per A4; they carry the signed tokens, so only keepers print."""
    congress = congress_for(request, campaign, code)
    if not actions.may_manage(request.user, congress):
        raise PermissionDenied
    delegates = Delegate.objects.filter(congress=congress).select_related("unit")
    unit = request.GET.get("don-vi", "")
    if unit:
        delegates = delegates.filter(unit__code=unit)
    kind = request.GET.get("loai", "")
    if kind in DelegateKind.values:
        delegates = delegates.filter(kind=kind)
    rows = [
        {"d": d, "qr": qr_svg(actions.card_token(d))}
        for d in delegates.order_by("kind", "unit__path", "alternate_order", "full_name", "pk")
    ]
    return render(request, "assembly/cards.html", _context(request, congress, rows=rows))


# ---------------------------------------------------------------- desk and check-in


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    congress = congress_for(request, campaign, code)
    if not actions.may_check_in(request.user, congress):
        raise PermissionDenied
    sittings = list(Sitting.objects.filter(congress=congress).order_by("ordinal"))
    chosen = request.GET.get("phien", "")
    sitting = next((s for s in sittings if str(s.pk) == chosen), None) or current_sitting(congress)
    if sitting is None:
        sitting = next((s for s in reversed(sittings) if s.closed_at is None), None)
    recent = (
        list(
            CheckIn.objects.filter(sitting=sitting)
            .select_related("delegate")
            .order_by("-at", "-pk")[:RECENT_LIMIT]
        )
        if sitting
        else []
    )
    return render(
        request,
        "assembly/desk.html",
        _context(
            request,
            congress,
            sittings=sittings,
            sitting=sitting,
            desk_name=request.GET.get("ban", "") or request.user.get_username(),
            figures=attendance(congress, sitting) if sitting else None,
            recent=recent,
            undo_form=CheckInUndoForm(),
            reason_max=actions.UNDO_REASON_MAX,
        ),
    )


@require_POST
@login_required
def checkin_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """POST checkin=…, reason=…: take back one check-in of the sitting; back to the desk."""
    sitting = get_object_or_404(
        Sitting.objects.select_related("congress__campaign", "congress__organisation"), pk=pk
    )
    congress = sitting.congress
    if not scope.can_see(request.user, congress.organisation):
        raise Http404(_("Không tìm thấy phiên họp."))
    form = CheckInUndoForm(request.POST)
    try:
        if not form.is_valid():
            raise ActionRefused(form_errors(form))
        undo = actions.do_undo_check_in(
            sitting,
            form.cleaned_data["checkin"],
            reason=form.cleaned_data["reason"],
            acting_user=scope.acting_user(request),
        )
    except ActionRefused as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            _("Đã hoàn tác điểm danh của %(name)s; có thể điểm danh lại.")
            % {"name": undo.delegate.full_name},
        )
    back = reverse("assembly_desk", args=[congress.campaign.slug, congress.organisation.code])
    query: dict[str, str | int] = {"phien": sitting.pk}
    if form.is_bound and form.data.get("desk"):
        query["ban"] = str(form.data["desk"])[:40]
    return redirect(f"{back}?{urlencode(query)}")


def _json_refusal(status: int, message: str) -> JsonResponse:
    return JsonResponse({"ok": False, "code": "refused", "message": message}, status=status)


@never_cache
@require_POST
def checkin(request: HttpRequest, pk: int) -> JsonResponse:
    """POST token=…: check a card in; JSON. Safe to resend: a repeat changes nothing."""
    if not request.user.is_authenticated:
        return _json_refusal(401, _("Phiên đăng nhập đã hết; hãy đăng nhập lại."))
    user = scope.acting_user(request)
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
        found = actions.check_in_scan(
            pk,
            token,
            desk=request.POST.get("desk", ""),
            acting_user=user,
            method=method,
            query=request.POST.get("q") if method == "name" else None,
            shown=int(shown) if method == "name" and shown.isdigit() else None,
        )
    except PermissionDenied:
        return _json_refusal(403, _("Bạn không được giao làm bàn điểm danh của đại hội này."))
    if found is None:
        raise Http404(_("Không tìm thấy phiên họp."))
    result = found
    return JsonResponse(
        result.as_json(),
        status=200 if result.ok else 409 if result.code in ("closed", "expired") else 400,
    )


@never_cache
@require_GET
def search(request: HttpRequest, pk: int) -> JsonResponse:
    """Delegates whose name contains the typed text, diacritics ignored; with their token."""
    if not request.user.is_authenticated:
        return _json_refusal(401, _("Phiên đăng nhập đã hết; hãy đăng nhập lại."))
    sitting = _sitting_for(request, pk)
    if not actions.may_check_in(request.user, sitting.congress):
        return _json_refusal(403, _("Bạn không được giao làm bàn điểm danh của đại hội này."))
    query = fold(request.GET.get("q", ""))[:60]
    if len(query) < 2:
        return JsonResponse({"results": []})
    found = (
        Delegate.objects.filter(congress_id=sitting.congress_id, folded_name__contains=query)
        .select_related("unit")
        .order_by("folded_name", "pk")[:SEARCH_LIMIT]
    )
    done = dict(
        CheckIn.objects.filter(sitting=sitting, delegate__in=[d.pk for d in found]).values_list(
            "delegate_id", "at"
        )
    )
    return JsonResponse(
        {
            "results": [
                {
                    "id": d.pk,
                    "full_name": d.full_name,
                    "unit": d.unit.name if d.unit else "",
                    "kind": str(d.get_kind_display()),
                    "token": actions.card_token(d),
                    "checked_in_at": timezone.localtime(done[d.pk]).strftime("%H:%M")
                    if d.pk in done
                    else None,
                }
                for d in found
            ]
        }
    )


# ---------------------------------------------------------------- quorum, sittings, base


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def quorum(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """The presidium's page: the live figures, the sittings, the rule and the elections' base."""
    congress = congress_for(request, campaign, code)
    sitting_form = SittingForm(initial={"date": congress.held_date or timezone.localdate()})
    rule = quorum_rule(congress)
    rule_form = QuorumRuleForm(
        initial={
            "numerator": rule.numerator,
            "denominator": rule.denominator,
            "strict": rule.strict,
        }
    )
    if request.method == "POST":
        user = scope.acting_user(request)
        if not actions.may_manage(user, congress):
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "open":
                sitting_form = SittingForm(request.POST)
                if not sitting_form.is_valid():
                    raise ActionRefused(form_errors(sitting_form))
                d = sitting_form.cleaned_data
                opened = actions.do_open_sitting(
                    congress, kind=d["kind"], date=d["date"], part=d["part"], acting_user=user
                )
                messages.success(request, _("Đã khai mạc: %(s)s.") % {"s": opened})
            elif action == "close":
                found = Sitting.objects.filter(
                    congress=congress, pk=request.POST.get("sitting") or 0
                ).first()
                if found is None:
                    raise ActionRefused([_("Không tìm thấy phiên họp.")])
                actions.do_close_sitting(found, acting_user=user)
                messages.success(request, _("Đã kết thúc: %(s)s.") % {"s": found})
            elif action == "rule":
                rule_form = QuorumRuleForm(request.POST)
                if not rule_form.is_valid():
                    raise ActionRefused(form_errors(rule_form))
                d = rule_form.cleaned_data
                actions.do_set_quorum_rule(
                    congress,
                    numerator=d["numerator"],
                    denominator=d["denominator"],
                    strict=d["strict"],
                    acting_user=user,
                )
                messages.success(request, _("Đã lưu tỉ lệ tối thiểu."))
            elif action == "base":
                from daihoi.elections.models import Election

                election = Election.objects.filter(
                    congress=congress, pk=request.POST.get("election") or 0
                ).first()
                if election is None:
                    raise ActionRefused([_("Không tìm thấy cuộc bầu cử.")])
                value = set_base_from_register(election, acting_user=user)
                messages.success(
                    request,
                    _("Cơ sở tính kết quả của «%(e)s»: %(n)s.") % {"e": election.title, "n": value},
                )
            else:
                raise ActionRefused([_("Thao tác không hợp lệ.")])
        except ActionRefused as exc:
            _refused(request, exc)
        else:
            return redirect("assembly_quorum", campaign=campaign, code=code)
    from daihoi.elections.models import Election

    sittings = list(
        Sitting.objects.filter(congress=congress).annotate(n=Count("checkins")).order_by("ordinal")
    )
    undos = list(
        CheckInUndo.objects.filter(sitting__congress=congress)
        .select_related("delegate", "sitting", "undone_by", "checked_in_by")
        .order_by("-undone_at", "-pk")
    )
    return render(
        request,
        "assembly/quorum.html",
        _context(
            request,
            congress,
            figures=attendance(congress),
            sittings=sittings,
            sitting_form=sitting_form,
            rule_form=rule_form,
            elections=list(Election.objects.filter(congress=congress).order_by("pk")),
            undos=undos,
            json_url=reverse("assembly_quorum_json", args=[campaign, code]),
        ),
    )


@never_cache
@login_required
@require_GET
def quorum_json(request: HttpRequest, campaign: str, code: str) -> JsonResponse:
    """The live Attendance as JSON, polled by the presidium's page and the projector."""
    congress = congress_for(request, campaign, code)
    chosen = request.GET.get("phien", "")
    sitting = (
        Sitting.objects.filter(congress=congress, pk=int(chosen)).first()
        if chosen.isdigit()
        else None
    )
    return JsonResponse(attendance(congress, sitting).as_json())
