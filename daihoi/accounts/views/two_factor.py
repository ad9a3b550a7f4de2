"""Two-step sign-in: one's own page (GET) with a POST to turn it on and one to turn it
off, and an organisation's policy (GET page, POST save)."""

from __future__ import annotations

from typing import Any

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.accounts import twofactor
from daihoi.accounts.actions import do_set_two_factor_policy
from daihoi.accounts.forms import TwoFactorCodeForm, TwoFactorPolicyForm
from daihoi.accounts.models import TwoFactorPolicy, User
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.scope import acting_user


def _page(
    request: HttpRequest, user: User, form: TwoFactorCodeForm | None = None, *, status: int = 200
) -> HttpResponse:
    allowed = twofactor.may_use(user)
    device = twofactor.confirmed_device(user)
    pending = twofactor.pending_device(user) if allowed and device is None else None
    context = {
        "allowed": allowed,
        "required": twofactor.required_by_policy(user),
        "device": device,
        "form": form or TwoFactorCodeForm(),
        "qr": twofactor.qr_svg(pending) if pending else "",
        "secret": twofactor.secret_text(pending) if pending else "",
    }
    return render(request, "registration/two_factor.html", context, status=status)


def _wrong(request: HttpRequest, user: User, form: TwoFactorCodeForm, text: str) -> HttpResponse:
    form.add_error("token", text)
    return _page(request, user, form, status=400)


@login_required
@require_GET
def two_factor(request: HttpRequest) -> HttpResponse:
    return _page(request, acting_user(request))


@login_required
@require_POST
def two_factor_enable(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not twofactor.may_use(user) or twofactor.confirmed_device(user) is not None:
        return redirect("two_factor")
    form = TwoFactorCodeForm(request.POST)
    if not form.is_valid():
        return _page(request, user, form, status=400)
    if not twofactor.do_enable(user, form.cleaned_data["token"]):
        return _wrong(
            request, user, form, _("Mã không đúng; xem lại giờ trên điện thoại rồi nhập mã mới.")
        )
    # The code just typed verifies this session too; the others of this user are
    # refused from now on (accounts.middleware).
    django_otp.login(request, twofactor.confirmed_device(user))
    request.session.pop(twofactor.SETUP_REQUIRED_KEY, None)
    messages.success(request, _("Đã bật xác thực hai bước cho tài khoản này."))
    return redirect("two_factor")


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if twofactor.confirmed_device(user) is None:
        return redirect("two_factor")
    form = TwoFactorCodeForm(request.POST)
    if not form.is_valid():
        return _page(request, user, form, status=400)
    if twofactor.required_by_policy(user):
        return _wrong(
            request,
            user,
            form,
            _("Tổ chức của đồng chí bắt buộc xác thực hai bước; không tắt được."),
        )
    if not twofactor.do_disable(user, form.cleaned_data["token"]):
        return _wrong(request, user, form, _("Mã không đúng; xác thực hai bước vẫn đang bật."))
    messages.success(request, _("Đã tắt xác thực hai bước."))
    return redirect("two_factor")


def _policy_context(org: Organisation, form: TwoFactorPolicyForm) -> dict[str, Any]:
    return {"org": org, "form": form}


@login_required
@require_GET
def org_two_factor(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """An organisation's two-step policy: who in its subtree must use it (tree writers only)."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    policy = TwoFactorPolicy.objects.filter(organisation=org).first()
    form = TwoFactorPolicyForm(initial={"kinds": policy.kinds if policy else []})
    return render(request, "accounts/org_two_factor.html", _policy_context(org, form))


@login_required
@require_POST
def org_two_factor_save(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    form = TwoFactorPolicyForm(request.POST)
    if not form.is_valid():
        context = _policy_context(org, form)
        return render(request, "accounts/org_two_factor.html", context, status=400)
    do_set_two_factor_policy(org, form.cleaned_data["kinds"], acting_user=acting_user(request))
    messages.success(
        request,
        _("Đã lưu. Quy định áp dụng từ lần đăng nhập tới của những người trong tổ chức."),
    )
    return redirect("org_two_factor", structure=structure, code=code)
