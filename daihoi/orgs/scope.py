"""Who may see and change which organisations: the one place the subtree rule lives.

Every page, API operation, export and search goes through these functions;
nothing else filters organisations by the user's position in the tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from daihoi.core.roles import STAFF, TREE_WRITERS
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

M = TypeVar("M", bound=Model)


def scope_root(user: User | AnonymousUser) -> Organisation | None:
    """Return the organisation at the top of what the user may see, if any."""
    if not user.is_authenticated:
        return None
    return user.organisation  # type: ignore[union-attr]


def sees_everything(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser and user.organisation_id is None)  # type: ignore[union-attr]


def scope_q(user: User | AnonymousUser, *, prefix: str = "", copy: str | None = None) -> Q:
    """Return a filter limiting `prefix`-related organisations to the user's subtree.

    `copy` names instead a copy of the organisation's path kept on another row
    (`"congress__org_"` for Congress.org_path): the same range without joining the
    tree, which over the whole country is most of a query's cost.
    """
    if sees_everything(user):
        return Q()
    root = scope_root(user)
    if root is None:
        # Matches nothing: a user without an organisation sees no data.
        return Q(pk__in=[])
    if copy is not None:
        return subtree_q(root.path, prefix=copy)
    return subtree_q(root.path, prefix=f"{prefix}__" if prefix else "")


def scoped(
    user: User | AnonymousUser, queryset: QuerySet[M], *, via: str = "", copy: str | None = None
) -> QuerySet[M]:
    """Limit any queryset to the user's subtree; `via` names the organisation field
    (or `copy` the prefix of a copy of its path, see scope_q)."""
    return queryset.filter(scope_q(user, prefix=via, copy=copy))


def visible_orgs(user: User | AnonymousUser) -> QuerySet[Organisation]:
    return scoped(user, Organisation.objects.all())


def is_staff(user: User | AnonymousUser) -> bool:
    """Whether the user browses the tree and reads the audit trail (core/roles.STAFF)."""
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser) or user.has_role(*STAFF)  # type: ignore[union-attr]


def can_see(user: User | AnonymousUser, org: Organisation) -> bool:
    """Return whether org is in the user's subtree (for an object already loaded)."""
    if sees_everything(user):
        return True
    root = scope_root(user)
    return root is not None and org.path.startswith(root.path)


def can_write(user: User | AnonymousUser, org: Organisation) -> bool:
    """Return whether the user may change org (and add organisations under it)."""
    if not user.is_authenticated:
        return False
    if sees_everything(user):
        return True
    if not user.has_role(*TREE_WRITERS):  # type: ignore[union-attr]
        return False
    root = scope_root(user)
    return root is not None and org.path.startswith(root.path)


def is_superior_of(user: User | AnonymousUser, org: Organisation) -> bool:
    """Return whether the user acts for a committee above org (approvals, pilots)."""
    if not can_write(user, org):
        return False
    if sees_everything(user):
        return True
    root = scope_root(user)
    return root is not None and root.path != org.path


def acting_user(request: HttpRequest) -> User:
    """Return the logged-in user of a request, for actions that record who acted."""
    if not isinstance(request.user, get_user_model()):
        raise PermissionDenied
    return cast("User", request.user)


def get_org_for_user(
    user: User | AnonymousUser, structure: str, code: str, *, write: bool = False
) -> Organisation:
    """Return the organisation if the user may see it (and change it, with write).

    Outside the user's subtree the organisation does not exist (404), so codes
    of other provinces cannot be probed; inside it, a missing right is a 403.
    """
    if "\x00" in structure or "\x00" in code:
        # No code holds a NUL, and PostgreSQL refuses the byte in a query.
        raise Http404(_("Không tìm thấy tổ chức."))
    lookup: dict[str, Any] = {"structure__code": structure, "code": code}
    org = (
        visible_orgs(user)
        .select_related("level", "structure", "unit_type")
        .filter(**lookup)
        .first()
    )
    if org is None:
        raise Http404(_("Không tìm thấy tổ chức."))
    if write and not can_write(user, org):
        raise PermissionDenied(_("Bạn không có quyền thay đổi tổ chức này."))
    return org
