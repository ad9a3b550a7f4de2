"""The approval writes of a congress page: submit, approve, return, withdraw; one URL each.

A refusal comes back on the congress page with 409 and the form as typed, a form error
with 400; the other forms of the page are shown as stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from daihoi.campaigns import access
from daihoi.campaigns.access import get_congress_for_user
from daihoi.campaigns.actions.approvals import do_approve_congress, do_withdraw_approval
from daihoi.campaigns.actions.submissions import do_return_submission, do_submit_congress
from daihoi.campaigns.approval_forms import ReasonForm, SubmitForm
from daihoi.campaigns.forms import ApprovalForm, MarkedForm
from daihoi.campaigns.models import ApprovalKind, Congress
from daihoi.campaigns.views.congress import as_stored, render_congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope

DOCUMENTS, PERSONNEL = ApprovalKind.DOCUMENTS, ApprovalKind.PERSONNEL


def _write(
    request: HttpRequest,
    campaign: str,
    code: str,
    *,
    name: str,
    kind: str,
    form_class: type[MarkedForm],
    action: Callable[[Congress, MarkedForm], object],
    done: str,
) -> HttpResponse:
    congress = get_congress_for_user(request.user, campaign, code, write=True)
    # The duty before the form: a reason typed or not, a unit does not decide its own request.
    superior_only = name != "submit"
    if superior_only and not access.may_approve(request.user, congress):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới duyệt, trả lại hoặc rút duyệt."))
    form = form_class(request.POST)
    status = 400
    if form.is_valid():
        try:
            action(congress, form)
        except ActionRefused as exc:
            form.refuse(exc)
            status = 409
        else:
            messages.success(request, done)
            return redirect("congress_detail", campaign=campaign, code=code)
    forms: dict[str, Form] = {f"{name}-{kind}": form}
    return render_congress(request, as_stored(congress), approval_forms=forms, status=status)


def _approve(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    user = scope.acting_user(request)

    def act(congress: Congress, form: MarkedForm) -> object:
        note = form.cleaned_data["note"]
        return do_approve_congress(congress, kind, acting_user=user, note=note)

    return _write(
        request, campaign, code, name="approve", kind=kind, form_class=ApprovalForm,
        action=act, done=_("Đã ghi nhận phê duyệt."),
    )  # fmt: skip


def _submit(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    user = scope.acting_user(request)

    def act(congress: Congress, form: MarkedForm) -> object:
        paper = form.paper_lines()  # type: ignore[attr-defined]
        return do_submit_congress(congress, kind, acting_user=user, paper=paper)

    return _write(
        request, campaign, code, name="submit", kind=kind, form_class=SubmitForm,
        action=act, done=_("Đã gửi xin duyệt; cấp trên đã được báo."),
    )  # fmt: skip


def _return(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    user = scope.acting_user(request)

    def act(congress: Congress, form: MarkedForm) -> object:
        reason = form.cleaned_data["reason"]
        return do_return_submission(congress, kind, reason=reason, acting_user=user)

    return _write(
        request, campaign, code, name="return", kind=kind, form_class=ReasonForm,
        action=act, done=_("Đã trả lại, kèm lý do; đơn vị đã được báo."),
    )  # fmt: skip


def _withdraw(request: HttpRequest, campaign: str, code: str, kind: str) -> HttpResponse:
    user = scope.acting_user(request)

    def act(congress: Congress, form: MarkedForm) -> object:
        reason = form.cleaned_data["reason"]
        return do_withdraw_approval(congress, kind, reason=reason, acting_user=user)

    return _write(
        request, campaign, code, name="withdraw", kind=kind, form_class=ReasonForm,
        action=act, done=_("Đã rút duyệt; đơn vị đã được báo và có thể sửa rồi gửi lại."),
    )  # fmt: skip


@login_required
@require_POST
def congress_approve_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _approve(request, campaign, code, DOCUMENTS)


@login_required
@require_POST
def congress_approve_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _approve(request, campaign, code, PERSONNEL)


@login_required
@require_POST
def congress_submit_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _submit(request, campaign, code, DOCUMENTS)


@login_required
@require_POST
def congress_submit_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _submit(request, campaign, code, PERSONNEL)


@login_required
@require_POST
def congress_return_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _return(request, campaign, code, DOCUMENTS)


@login_required
@require_POST
def congress_return_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _return(request, campaign, code, PERSONNEL)


@login_required
@require_POST
def congress_withdraw_documents(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _withdraw(request, campaign, code, DOCUMENTS)


@login_required
@require_POST
def congress_withdraw_personnel(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    return _withdraw(request, campaign, code, PERSONNEL)
