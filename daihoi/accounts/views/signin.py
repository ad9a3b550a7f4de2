"""Signing in, one's own password change, and the page a one-time reset link opens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from daihoi.accounts.actions import do_change_own_password, do_reset_password
from daihoi.accounts.forms import LoginForm
from daihoi.orgs.scope import acting_user


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


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


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The page a one-time reset link opens: a new password, through the audited action."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        do_reset_password(form.user, form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Đã đặt mật khẩu mới. Mời đồng chí đăng nhập."))
        return HttpResponseRedirect(str(self.success_url))
