"""The login form (password, and the six-digit code for users who turned two-step sign-in on),
and the form of an organisation's two-step sign-in policy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy

from daihoi.accounts import twofactor
from daihoi.accounts.models import Role, TwoFactorKind


class LoginForm(AuthenticationForm):
    # Django's field has no length limit: a megabyte "password" would be hashed
    # (PBKDF2 over all of it) on every try. No password of ours is this long.
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        strip=False,
        max_length=1024,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = forms.CharField(
        label=gettext_lazy("Mã xác thực hai bước"), required=False, max_length=12
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy("Tên đăng nhập hoặc mật khẩu không đúng."),
        "otp_missing": gettext_lazy(
            "Tài khoản này đã bật xác thực hai bước: nhập mã 6 số đang hiện trong ứng dụng."
        ),
        "otp_wrong": gettext_lazy("Mã xác thực hai bước không đúng hoặc đã hết hạn."),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        device = twofactor.confirmed_device(user)  # type: ignore[arg-type]
        if device is None:
            return cleaned
        token = twofactor.clean_token(cleaned.get("otp_token") or "")
        if not token or not device.verify_token(token):
            # A guessed code is a failed login: the throttle counts it like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username")},
                request=self.request,
            )
            self.user_cache = None
            code = "otp_missing" if not token else "otp_wrong"
            raise forms.ValidationError(self.error_messages[code], code=code)
        # django-otp keeps this device in the session when the login signal fires.
        user.otp_device = device  # type: ignore[union-attr,attr-defined]
        return cleaned


class TwoFactorPolicyForm(forms.Form):
    """Which kinds of user in the organisation's subtree must use two-step sign-in."""

    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Bắt buộc xác thực hai bước với"),
        choices=TwoFactorKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class TwoFactorCodeForm(forms.Form):
    """The six-digit code that turns two-step sign-in on (or off)."""

    token = forms.CharField(label=gettext_lazy("Mã 6 số"), max_length=12)


class AccountForm(forms.Form):
    """An account of the subtree: its name, unit (by code), roles and the technical mark.

    The roles offered are those the actor may give at this page's unit; any role is
    accepted by the form so that the action refuses the others by code, by name.
    """

    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    unit = forms.CharField(
        label=gettext_lazy("Mã đơn vị"),
        max_length=64,
        help_text=gettext_lazy("Mã của tổ chức trong cây, ví dụ 188 hoặc 06553."),
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Vai trò"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    technical_staff = forms.BooleanField(
        label=gettext_lazy("Nhân viên kỹ thuật (có thể vào tổ kỹ thuật của ban kiểm phiếu)"),
        required=False,
    )

    def __init__(self, *args: Any, offered: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = self.fields["roles"]
        roles.widget.choices = [(v, label) for v, label in Role.choices if v in offered]


class NewAccountForm(AccountForm):
    username = forms.CharField(
        label=gettext_lazy("Tên đăng nhập"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=gettext_lazy("Chữ, số và các ký tự @ . + - _; không dấu cách."),
    )
    field_order = ["username", "full_name", "unit", "roles", "technical_staff"]
