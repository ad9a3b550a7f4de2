"""An organisation's two-step sign-in policy."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import TwoFactorKind, TwoFactorPolicy, User
from daihoi.audit import log
from daihoi.orgs.models import Organisation


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
