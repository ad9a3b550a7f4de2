"""The figures a count is measured against: the election base, the ballots issued and collected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.common import managed
from daihoi.elections.guards import sealed_guard
from daihoi.elections.models import Election, ElectionState
from daihoi.elections.queries import snapshot
from daihoi.lib.tally import DelegatesCongress, election_base

if TYPE_CHECKING:
    from daihoi.accounts.models import User

S = ElectionState


@sealed_guard("set_base")
@transaction.atomic(durable=True)
def do_set_base(
    election: Election,
    *,
    base: int | None = None,
    delegates: DelegatesCongress | None = None,
    acting_user: User,
) -> int:
    """Fix the election base, as a number or from the attendance figures."""
    current = managed(election, acting_user)
    if current.state in (S.COUNTING, S.RECONCILED, S.ANNOUNCED):
        raise ActionRefused(
            [_("Cơ sở tính kết quả đã cố định khi bắt đầu kiểm phiếu.")], ["base_fixed"]
        )
    value = election_base(delegates) if delegates is not None else base
    if value is None or value < 1:
        raise ActionRefused([_("Cơ sở tính kết quả phải là số dương.")], ["base_range"])
    with log.audited(
        "election.base",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        snapshot=lambda: {"base": current.base},
    ):
        current.base = value
        current.save(update_fields=["base"])
    return value


@sealed_guard("ballot_counts")
@transaction.atomic(durable=True)
def do_record_ballot_counts(
    election: Election,
    *,
    issued: int | None = None,
    collected: int | None = None,
    acting_user: User,
) -> Election:
    """Record how many ballots were issued and collected."""
    current = managed(election, acting_user)
    if current.state not in (S.LIST_ADOPTED, S.BALLOTS_ISSUED):
        raise ActionRefused(
            [_("Số phiếu chỉ ghi trước khi bắt đầu kiểm phiếu.")], ["counts_closed"]
        )
    with log.audited(
        "election.ballot_counts",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        snapshot=lambda: snapshot(current),
    ):
        if issued is not None:
            current.ballots_issued = issued
        if collected is not None:
            current.ballots_collected = collected
        current.save(update_fields=["ballots_issued", "ballots_collected"])
    return current
