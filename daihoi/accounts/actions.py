"""Creating and changing accounts; every change is audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import ApiToken, Role, TwoFactorKind, TwoFactorPolicy, User
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
def do_create_api_token(user: User, name: str, *, acting_user: User | None) -> str:
    """Create an API token for user and return its raw value, which is not stored."""
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(user=user, name=name, digest=ApiToken.digest_of(raw))
    log.record(
        "user.token",
        actor=acting_user,
        organisation=user.organisation,
        target=f"{user.username}: {name}",
    )
    return raw


@transaction.atomic
def do_change_own_password(user: User, password: str, *, acting_user: User) -> None:
    """A user changes their own password (the old one checked by the form); ids only in the log."""
    user.set_password(password)
    user.save(update_fields=["password"])
    log.record(
        "accounts.password_change",
        actor=acting_user,
        organisation=user.organisation,
        target=f"user:{user.pk}",
    )


@transaction.atomic
def do_set_two_factor_policy(
    organisation: Organisation, kinds: Iterable[str], *, acting_user: User
) -> TwoFactorPolicy | None:
    """Require two-step sign-in of these kinds of user in the organisation's subtree.

    No kinds removes the policy. Access (a tree writer of the subtree) is checked
    by the caller through orgs.scope; the audit entry holds the kind codes only.
    """
    new = sorted({TwoFactorKind(k).value for k in kinds})
    policy = TwoFactorPolicy.objects.filter(organisation=organisation).first()
    old = list(policy.kinds) if policy is not None else []
    if new == old:
        return policy
    if not new and policy is not None:
        policy.delete()
        policy = None
    elif policy is None:
        policy = TwoFactorPolicy.objects.create(organisation=organisation, kinds=new)
    else:
        policy.kinds = new
        policy.updated = timezone.now()
        policy.save(update_fields=["kinds", "updated"])
    log.record(
        "accounts.two_factor_policy",
        actor=acting_user,
        organisation=organisation,
        target=f"organisation:{organisation.pk}",
        before={"kinds": old},
        after={"kinds": new},
    )
    return policy
