"""Sign-in with a second step, the page that turns it on or off, an organisation's
two-step policy, and the self-service password change."""

from __future__ import annotations

from typing import Any

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from daihoi.accounts import twofactor
from daihoi.accounts.actions import (
    do_change_own_password,
    do_issue_password_reset,
    do_reset_password,
    do_set_two_factor_policy,
    may_reset_password,
)
from daihoi.accounts.forms import LoginForm, TwoFactorPolicyForm
from daihoi.accounts.models import TwoFactorPolicy, User
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.scope import acting_user
from daihoi.orgs.tree import subtree_q


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    allowed = twofactor.may_use(user)
    required = twofactor.required_by_policy(user)
    device = twofactor.confirmed_device(user)
    if request.method == "POST" and allowed:
        token = request.POST.get("token", "")
        if device is None:
            if twofactor.do_enable(user, token):
                # The code just typed verifies this session too; the others of this
                # user are refused from now on (accounts.middleware).
                django_otp.login(request, twofactor.confirmed_device(user))
                request.session.pop(twofactor.SETUP_REQUIRED_KEY, None)
                messages.success(request, _("Đã bật xác thực hai bước cho tài khoản này."))
                return redirect("two_factor")
            messages.error(
                request, _("Mã không đúng; xem lại giờ trên điện thoại rồi nhập mã mới.")
            )
        elif required:
            messages.error(
                request, _("Tổ chức của đồng chí bắt buộc xác thực hai bước; không tắt được.")
            )
        else:
            if twofactor.do_disable(user, token):
                messages.success(request, _("Đã tắt xác thực hai bước."))
                return redirect("two_factor")
            messages.error(request, _("Mã không đúng; xác thực hai bước vẫn đang bật."))
    pending = twofactor.pending_device(user) if allowed and device is None else None
    context = {
        "allowed": allowed,
        "required": required,
        "device": device,
        "qr": twofactor.qr_svg(pending) if pending else "",
        "secret": twofactor.secret_text(pending) if pending else "",
    }
    return render(request, "registration/two_factor.html", context)


def _policy_context(org: Organisation, form: TwoFactorPolicyForm) -> dict[str, Any]:
    return {"org": org, "form": form}


@login_required
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


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user changes their own password (old one first), through the audited action."""

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user = acting_user(self.request)
        do_change_own_password(user, form.cleaned_data["new_password1"], acting_user=user)
        # Keeps this session (and its two-step verification) valid with the new password.
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return HttpResponseRedirect(str(self.success_url))


@login_required
def org_accounts(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The accounts of an organisation's subtree, for its tree writers: who, where, which
    roles, whether two-step sign-in is on, and a one-time reset link for a lost password."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    actor = acting_user(request)
    users = (
        User.objects.filter(subtree_q(org.path, prefix="organisation__"))
        .select_related("organisation")
        .order_by("organisation__path", "username")
    )
    page = Paginator(users, 50).get_page(request.GET.get("trang"))
    rows = [(u, may_reset_password(actor, u) is None) for u in page.object_list]
    return render(request, "accounts/org_accounts.html", {"org": org, "page": page, "rows": rows})


@never_cache
@login_required
@require_POST
def org_account_reset(
    request: HttpRequest, structure: str, code: str, user_id: int
) -> HttpResponse:
    """Make a one-time reset link for an account of the subtree and show it once."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    target = get_object_or_404(
        User.objects.filter(subtree_q(org.path, prefix="organisation__")), pk=user_id
    )
    path = do_issue_password_reset(target, acting_user=acting_user(request))
    link = request.build_absolute_uri(path)
    qr = segno.make(link, error="m").svg_inline(scale=3, border=2)
    context = {"org": org, "target": target, "link": link, "qr": qr}
    return render(request, "accounts/reset_link.html", context)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The page a one-time reset link opens: a new password, through the audited action."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        do_reset_password(form.user, form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Đã đặt mật khẩu mới. Mời đồng chí đăng nhập."))
        return HttpResponseRedirect(str(self.success_url))
