"""API tokens: only the digest is stored."""

from __future__ import annotations

from django.db import transaction

from daihoi.accounts.models import ApiToken, User
from daihoi.audit import log


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
