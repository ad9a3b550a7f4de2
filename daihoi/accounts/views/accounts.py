"""The accounts of an organisation's subtree, for its tree writers: the list, a new
account (GET form, POST create that prints its sheet), an account's edit page and
its save, lock and unlock, and a one-time password-reset link."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from daihoi.accounts import access
from daihoi.accounts.actions import do_issue_password_reset, may_reset_password
from daihoi.accounts.actions.accounts import (
    do_create_account,
    do_edit_account,
    do_lock_account,
    do_unlock_account,
)
from daihoi.accounts.forms import AccountForm, NewAccountForm
from daihoi.accounts.models import User
from daihoi.accounts.sheets import sheets_response
from daihoi.core.errors import ActionRefused
from daihoi.core.paging import paginate
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.scope import acting_user
from daihoi.orgs.tree import subtree_q


def _account(
    request: HttpRequest, structure: str, code: str, user_id: int
) -> tuple[Organisation, User]:
    """The page's unit (the user writes it) and an account of its subtree (else 404)."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    target = get_object_or_404(
        User.objects.filter(subtree_q(org.path, prefix="organisation__")).select_related(
            "organisation"
        ),
        pk=user_id,
    )
    return org, target


def _unit(org: Organisation, code: str) -> Organisation | None:
    """The unit typed on the form, in the page's structure (its scope is the action's)."""
    return Organisation.objects.filter(structure_id=org.structure_id, code=code.strip()).first()


def _form_page(
    request: HttpRequest,
    org: Organisation,
    form: AccountForm,
    *,
    target: User | None = None,
    refused: ActionRefused | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"org": org, "form": form, "target": target, "refused": refused}
    return render(request, "accounts/account_form.html", context, status=status)


def _list_page(
    request: HttpRequest,
    org: Organisation,
    *,
    refused: ActionRefused | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = acting_user(request)
    users = (
        User.objects.filter(subtree_q(org.path, prefix="organisation__"))
        .select_related("organisation")
        .order_by("organisation__path", "username")
    )
    page = paginate(request, users)
    rows = [
        (u, may_reset_password(actor, u) is None, access.manage_refusal(actor, u) is None)
        for u in page.object_list
    ]
    context = {"org": org, "page": page, "rows": rows, "refused": refused}
    return render(request, "accounts/org_accounts.html", context, status=status)


@login_required
@require_GET
def org_accounts(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """Who, where, which roles, whether locked or with two-step sign-in on."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    return _list_page(request, org)


@login_required
@require_GET
def org_account_new(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    offered = access.grantable_roles(acting_user(request), org)
    return _form_page(request, org, NewAccountForm(initial={"unit": org.code}, offered=offered))


@never_cache
@login_required
@require_POST
def org_account_create(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """Create the account and show its sheet once: the one-time password is in no log."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    actor = acting_user(request)
    form = NewAccountForm(request.POST, offered=access.grantable_roles(actor, org))
    if not form.is_valid():
        return _form_page(request, org, form, status=400)
    unit = _unit(org, form.cleaned_data["unit"])
    if unit is None:
        form.add_error(
            "unit", _("Không có đơn vị mã «%(code)s».") % {"code": form.cleaned_data["unit"]}
        )
        return _form_page(request, org, form, status=400)
    try:
        issued = do_create_account(
            form.cleaned_data["username"],
            full_name=form.cleaned_data["full_name"],
            unit=unit,
            roles=form.cleaned_data["roles"],
            technical_staff=form.cleaned_data["technical_staff"],
            acting_user=actor,
        )
    except ActionRefused as exc:
        return _form_page(request, org, form, refused=exc, status=409)
    back = reverse("org_accounts", args=[structure, code])
    return sheets_response(request, [issued], title=_("Phiếu đăng nhập"), back_url=back)


@login_required
@require_GET
def org_account_edit(request: HttpRequest, structure: str, code: str, user_id: int) -> HttpResponse:
    org, target = _account(request, structure, code, user_id)
    why = access.manage_refusal(acting_user(request), target)
    if why is not None:
        raise PermissionDenied(str(access.MANAGE_REFUSALS[why]))
    initial = {
        "full_name": target.full_name,
        "unit": target.organisation.code if target.organisation else "",
        "roles": target.roles,
        "technical_staff": target.technical_staff,
    }
    offered = access.grantable_roles(acting_user(request), org)
    return _form_page(request, org, AccountForm(initial=initial, offered=offered), target=target)


@login_required
@require_POST
def org_account_save(request: HttpRequest, structure: str, code: str, user_id: int) -> HttpResponse:
    org, target = _account(request, structure, code, user_id)
    actor = acting_user(request)
    form = AccountForm(request.POST, offered=access.grantable_roles(actor, org))
    if not form.is_valid():
        return _form_page(request, org, form, target=target, status=400)
    unit = _unit(org, form.cleaned_data["unit"])
    if unit is None:
        form.add_error(
            "unit", _("Không có đơn vị mã «%(code)s».") % {"code": form.cleaned_data["unit"]}
        )
        return _form_page(request, org, form, target=target, status=400)
    try:
        do_edit_account(
            target,
            full_name=form.cleaned_data["full_name"],
            unit=unit,
            roles=form.cleaned_data["roles"],
            technical_staff=form.cleaned_data["technical_staff"],
            acting_user=actor,
        )
    except ActionRefused as exc:
        return _form_page(request, org, form, target=target, refused=exc, status=409)
    messages.success(request, _("Đã lưu tài khoản %(name)s.") % {"name": target.username})
    return redirect("org_accounts", structure=structure, code=code)


def _switch(
    request: HttpRequest, structure: str, code: str, user_id: int, *, lock: bool
) -> HttpResponse:
    org, target = _account(request, structure, code, user_id)
    action = do_lock_account if lock else do_unlock_account
    try:
        action(target, acting_user=acting_user(request))
    except ActionRefused as exc:
        return _list_page(request, org, refused=exc, status=409)
    done = _("Đã khóa tài khoản %(name)s.") if lock else _("Đã mở khóa tài khoản %(name)s.")
    messages.success(request, done % {"name": target.username})
    return redirect("org_accounts", structure=structure, code=code)


@login_required
@require_POST
def org_account_lock(request: HttpRequest, structure: str, code: str, user_id: int) -> HttpResponse:
    """Lock an account (the page asks first): it signs in no more until unlocked."""
    return _switch(request, structure, code, user_id, lock=True)


@login_required
@require_POST
def org_account_unlock(
    request: HttpRequest, structure: str, code: str, user_id: int
) -> HttpResponse:
    return _switch(request, structure, code, user_id, lock=False)


@never_cache
@login_required
@require_POST
def org_account_reset(
    request: HttpRequest, structure: str, code: str, user_id: int
) -> HttpResponse:
    """Make a one-time reset link for an account of the subtree and show it once."""
    org, target = _account(request, structure, code, user_id)
    path = do_issue_password_reset(target, acting_user=acting_user(request))
    link = request.build_absolute_uri(path)
    qr = segno.make(link, error="m").svg_inline(scale=3, border=2)
    context = {"org": org, "target": target, "link": link, "qr": qr}
    return render(request, "accounts/reset_link.html", context)
