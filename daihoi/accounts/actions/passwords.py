"""Passwords: one's own change, a one-time reset link, a set by an administrator."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy

from daihoi.accounts.models import Role, User
from daihoi.audit import log
from daihoi.core.roles import TREE_WRITERS


@transaction.atomic
def do_set_password(user: User, password: str, *, acting_user: User | None) -> None:
    """Set a user's password; the audit entry records that it changed, never the value."""
    user.set_password(password)
    user.save(update_fields=["password"])
    log.record(
        "user.password",
        actor=acting_user,
        organisation=user.organisation,
        target=user.username,
    )


@transaction.atomic
def do_change_own_password(user: User, password: str, *, acting_user: User) -> None:
    """A user changes their own password (the old one checked by the form); ids only in the log."""
    _store_password(user, password, "accounts.password_change", actor=acting_user)


def _store_password(user: User, password: str, action: str, *, actor: User) -> None:
    """Hash and save a new password; the audit entry names the account by id, no value."""
    user.set_password(password)
    # A password the user chose themselves is no longer the printed one.
    user.password_temporary = False
    user.save(update_fields=["password", "password_temporary"])
    log.record(action, actor=actor, organisation=user.organisation, target=f"user:{user.pk}")


RESET_REFUSALS = {
    "own_account": gettext_lazy("Mật khẩu của chính mình thì đổi ở trang «Đổi mật khẩu»."),
    "out_of_scope": gettext_lazy("Tài khoản này không thuộc tổ chức mà đồng chí được quản lý."),
    "peer": gettext_lazy(
        "Tài khoản này cùng quản trị đơn vị với đồng chí; "
        "cấp trên cấp lại mật khẩu cho tài khoản này."
    ),
    "more_rights": gettext_lazy(
        "Tài khoản này có quyền mà đồng chí không có; cấp trên cấp lại mật khẩu cho tài khoản này."
    ),
}


def may_reset_password(actor: User, target: User) -> str | None:
    """Why `actor` may not issue a reset link for `target` (None: may).

    A tree writer of a subtree manages its accounts (typists, subcommittees,
    delegates, the departments below), but never one with more rights than their
    own, nor a fellow administrator of their own unit: otherwise a department
    could take over an administrator's or a colleague's account through a link it
    made. Those are reset by the level above.
    """
    from daihoi.orgs import scope

    if actor.pk == target.pk:
        return "own_account"
    if target.organisation is None or not scope.can_write(actor, target.organisation):
        return "out_of_scope"
    if target.is_superuser and not actor.is_superuser:
        return "more_rights"
    if actor.is_superuser or actor.has_role(Role.ADMIN):
        return None
    if target.is_staff or target.has_role(Role.ADMIN):
        return "more_rights"
    if target.has_role(*TREE_WRITERS) and target.organisation_id == actor.organisation_id:
        return "peer"
    return None


@transaction.atomic
def do_issue_password_reset(target: User, *, acting_user: User) -> str:
    """Make a one-time password-reset path for `target`; it is shown once, never stored.

    The token is Django's PasswordResetTokenGenerator's: it covers the password
    hash and the last sign-in, so it stops working once used (or once the user
    signs in) and after PASSWORD_RESET_TIMEOUT. The audit entry holds ids only.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    why = may_reset_password(acting_user, target)
    if why is not None:
        raise PermissionDenied(str(RESET_REFUSALS[why]))
    log.record(
        "accounts.password_reset_link",
        actor=acting_user,
        organisation=target.organisation,
        target=f"user:{target.pk}",
    )
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(target.pk)),
            "token": default_token_generator.make_token(target),
        },
    )


@transaction.atomic
def do_reset_password(user: User, password: str) -> None:
    """The user sets a new password through a reset link (the token checked by the view)."""
    _store_password(user, password, "accounts.password_reset", actor=user)
