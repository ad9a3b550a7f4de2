"""Creating accounts from the command line and the demo (no scope: the caller is trusted)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from daihoi.accounts.models import Role, User
from daihoi.audit import log
from daihoi.orgs.models import Organisation


def _snapshot(user: User) -> dict[str, object]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "organisation": user.organisation.code if user.organisation else None,
        "roles": list(user.roles),
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
    }


@transaction.atomic
def do_create_user(
    username: str,
    password: str,
    *,
    organisation: Organisation | None,
    roles: Iterable[str],
    full_name: str = "",
    superuser: bool = False,
    acting_user: User | None,
) -> User:
    """Create an account attached to an organisation with the given roles."""
    role_list = [Role(r).value for r in roles]
    user = User(
        username=username,
        full_name=full_name,
        organisation=organisation,
        roles=role_list,
        # Django admin is unscoped, so only national superusers get in (see accounts/admin.py).
        is_staff=superuser,
        is_superuser=superuser,
    )
    user.set_password(password)
    user.save()
    log.record(
        "user.create",
        actor=acting_user,
        organisation=organisation,
        target=username,
        after=_snapshot(user),
    )
    return user
