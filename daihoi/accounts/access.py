"""Who may manage which account, and which roles they may give (issue 17.5).

A tree writer manages the accounts of its subtree, never with more rights than
its own: a department gives the roles below the administrator's, an
administrator also gives the administrator's role, and only to a unit strictly
below its own. A fellow tree writer of one's own unit, an administrator or a
superuser is managed by the level above. Every action checks these again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from daihoi.core.roles import TREE_WRITERS, Role
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

# What a department gives: every role but the administrator's.
DEPARTMENT_GRANTS = frozenset(Role.values) - {Role.ADMIN.value}

MANAGE_REFUSALS = {
    "own_account": gettext_lazy("Tài khoản của chính mình thì sửa ở trang «Đổi mật khẩu»."),
    "out_of_scope": gettext_lazy("Tài khoản này không thuộc tổ chức mà đồng chí được quản lý."),
    "peer": gettext_lazy(
        "Tài khoản này cùng quản trị đơn vị với đồng chí; cấp trên quản lý tài khoản này."
    ),
    "more_rights": gettext_lazy(
        "Tài khoản này có quyền mà đồng chí không có; cấp trên quản lý tài khoản này."
    ),
}


def is_national(actor: User) -> bool:
    return bool(actor.is_superuser and actor.organisation_id is None)


def grantable_roles(actor: User, unit: Organisation) -> frozenset[str]:
    """The roles `actor` may give an account of `unit` (none outside its subtree)."""
    if not scope.can_write(actor, unit):
        return frozenset()
    if is_national(actor):
        return frozenset(Role.values)
    own = actor.organisation
    below_own = own is not None and unit.path != own.path
    if (actor.is_superuser or actor.has_role(Role.ADMIN)) and below_own:
        return frozenset(Role.values)
    return DEPARTMENT_GRANTS


def manage_refusal(actor: User, target: User) -> str | None:
    """Why `actor` may not change `target`'s account (None: may).

    Otherwise a department could take over an administrator's or a colleague's
    account: those are managed by the level above.
    """
    if actor.pk == target.pk:
        return "own_account"
    if target.organisation is None or not scope.can_write(actor, target.organisation):
        return "out_of_scope"
    if target.is_superuser and not actor.is_superuser:
        return "more_rights"
    if target.is_staff and not actor.is_superuser:
        return "more_rights"
    extra = set(target.roles) - grantable_roles(actor, target.organisation)
    if extra:
        return "more_rights"
    if is_national(actor) or actor.has_role(Role.ADMIN) or actor.is_superuser:
        return None
    if target.has_role(*TREE_WRITERS) and target.organisation_id == actor.organisation_id:
        return "peer"
    return None
