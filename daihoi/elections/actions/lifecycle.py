"""An election's life: opened in draft, moved step by step to sealed, followed by a further round.

Each step refuses while `queries.blockers()` lists anything. Counting freezes the
block the chain starts from; announcing counts the settled readings, freezes the
result and the head, and signs it. Nothing changes once sealed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.db.limits import within_limits
from daihoi.elections import access, chain
from daihoi.elections.guards import locked, refuse_sealed, sealed_guard
from daihoi.elections.models import Candidate, Election, ElectionKind, ElectionState
from daihoi.elections.queries import (
    BOARD_STEPS,
    STAMP,
    blockers,
    count_now,
    names,
    rule_set_for,
    snapshot,
)
from daihoi.lib import electionrecord as record
from daihoi.lib.names import sort_ballot_order
from daihoi.lib.text import clean, fold
from daihoi.notifications.actions import notify
from daihoi.notifications.events import Event
from daihoi.notifications.recipients import holders
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.campaigns.models import Congress

S = ElectionState


@transaction.atomic(durable=True)
def do_create_election(
    congress: Congress,
    kind: str,
    seats: int,
    *,
    title: str = "",
    teams: int = 2,
    direct: bool = False,
    acting_user: User,
) -> Election:
    """Open an election at a congress, in draft, under its campaign's regulation."""
    if not scope.can_write(acting_user, congress.organisation):
        raise PermissionDenied
    problems, codes = [], []
    if seats < 1:
        problems.append(_("Số lượng được bầu phải từ 1 trở lên."))
        codes.append("seats_range")
    if teams not in (2, 3):
        problems.append(_("Mỗi phiếu được nhập độc lập bởi 2 hoặc 3 tổ."))
        codes.append("teams_range")
    if problems:
        raise ActionRefused(problems, codes)
    election = Election.objects.create(
        congress=congress,
        kind=kind,
        seats=seats,
        title=clean(title) or str(ElectionKind(kind).label),
        # One source: the regulation is the campaign's, never chosen per election.
        rule_set=rule_set_for(congress.campaign),
        teams=teams,
        direct=direct,
    )
    log.record(
        "election.create",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(election),
        after=snapshot(election),
    )
    return election


@sealed_guard("transition")
@transaction.atomic(durable=True)
def do_transition_election(election: Election, target: str, *, acting_user: User) -> Election:
    """Move an election to its next state, refusing while blockers remain."""
    current = locked(election)
    refuse_sealed(current)
    allowed = access.can_manage(acting_user, current) or (
        target in BOARD_STEPS and access.counts(access.board_member(acting_user, current))
    )
    if not allowed:
        raise PermissionDenied
    problems = blockers(current, target)
    if problems:
        raise ActionRefused(problems, ["blocked"] * len(problems))
    before = snapshot(current)
    if target == S.COUNTING:
        # The board, the counts and the list are fixed from here: the chain starts from them.
        current.chain_block = chain.block(current)
        current.chain_start = record.block_hash(current.chain_block)
    if target == S.ANNOUNCED:
        if current.base is None:  # counting cannot start without it
            raise ActionRefused([_("Chưa xác định cơ sở tính kết quả bầu cử.")], ["no_base"])
        current.outcome = count_now(current)
        chain.seal_head(current)
    current.state = target
    setattr(current, STAMP[target], timezone.now())
    current.save()
    log.record(
        "election.transition",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after={**snapshot(current), "chain_head": current.chain_head},
    )
    if target == S.ANNOUNCED:
        _tell_results(current, acting_user)
    return current


def _tell_results(election: Election, acting_user: User) -> None:
    """Tell the congress's department and the one above it that the results are announced."""
    unit = election.congress.organisation
    superior = (
        Organisation.objects.filter(path=unit.parent_path).first() if unit.depth > 1 else None
    )
    notify(
        Event.RESULTS_ANNOUNCED,
        holders([unit, superior]),
        url=reverse("election_results", args=[election.pk]),
        params={"unit": unit.name, "what": "election", "title": election.title},
        organisation=unit,
        exclude=acting_user,
    )


@transaction.atomic(durable=True)
def do_open_next_round(
    election: Election, *, full_names: Sequence[str] | None = None, acting_user: User
) -> Election:
    """Open the further round a result calls for: a re-vote among exactly the tied, or bầu tiếp.

    For a tie the list is the tied candidates and nobody else; for seats left
    the congress adopts a list, given here.
    """
    current = locked(election)
    if not access.can_manage(acting_user, current):
        raise PermissionDenied
    outcome = current.outcome
    if current.state not in (S.ANNOUNCED, S.SEALED) or outcome is None:
        raise ActionRefused([_("Chỉ bầu lại sau khi đã công bố kết quả.")], ["not_announced"])
    listed = names(current)
    if outcome.tied:
        tied = [listed[no - 1] for no in outcome.tied]
        if full_names is not None and sorted(fold(n) for n in full_names) != sorted(
            fold(n) for n in tied
        ):
            raise ActionRefused(
                [_("Bầu lại khi số phiếu bằng nhau chỉ gồm đúng những người bằng phiếu.")],
                ["not_the_tied"],
            )
        seats, chosen = outcome.tied_seats, tied
    elif outcome.seats_left:
        if not full_names:
            raise ActionRefused([_("Đại hội cần thông qua danh sách bầu tiếp.")], ["no_list"])
        elected = {listed[no - 1] for no in outcome.elected}
        already = [n for n in full_names if n in elected]
        if already:
            raise ActionRefused([_("%(name)s đã trúng cử.") % {"name": already[0]}], ["elected"])
        seats, chosen = outcome.seats_left, list(full_names)
    else:
        raise ActionRefused([_("Kết quả đã đủ số lượng; không cần bầu thêm.")], ["complete"])
    following = Election.objects.create(
        congress=current.congress,
        kind=current.kind,
        seats=seats,
        title=_("%(title)s — lần %(n)s") % {"title": current.title, "n": current.round_no + 1},
        rule_set=current.rule_set,
        teams=current.teams,
        base=current.base,
        direct=current.direct,
        previous=current,
        round_no=current.round_no + 1,
    )
    Candidate.objects.bulk_create(
        within_limits(
            Candidate(election=following, full_name=n, position=i)
            for i, n in enumerate(sort_ballot_order(chosen), start=1)
        )
    )
    log.record(
        "election.next_round",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(following),
        after=snapshot(following),
    )
    return following
