"""Entries of the chain: what the counting desks and the board write while counting.

Every write here appends one entry to the election's hash chain and never
changes one: a team's reading of a paper (or its correction, or its mark
"unreadable"), the board's ruling on a disputed paper, the board voiding a
reading. Whether an entry is admitted is decided by the rules in
`daihoi.lib.electionrecord.admit`, the same rules `verify-election` replays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.core.errors import ActionRefused
from daihoi.elections import chain
from daihoi.elections.guards import refuse_sealed, sealed_guard
from daihoi.elections.models import BallotEntry, Election, ElectionState
from daihoi.lib import electionrecord as lib

if TYPE_CHECKING:
    from daihoi.accounts.models import User

Action = lib.Action
MAX_REASON = 300


def board_of(election: Election) -> lib.Board:
    return lib.Board.from_block(
        {"username": username, "role": role, "team": team, "may_rule": may_rule}
        for username, role, team, may_rule in election.board.values_list(
            "user__username", "role", "team", "may_rule"
        )
    )


def _listed(election: Election) -> int:
    """How many names are on the ballot: frozen in the block once counting starts."""
    if election.chain_block is not None:
        return len(election.chain_block["candidates"])
    return election.candidates.count()


@dataclass(frozen=True)
class _Tip:
    """What an entry about one paper is checked against, read in one query."""

    seq: int  # of the last entry, 0 before the first
    hash: str  # of the last entry, or of the block
    paper: lib.Paper  # the readings, rulings and voids of this paper so far
    board: lib.Board  # the frozen board with the head's recorded changes applied


_ENTRY_FIELDS = (
    "seq",
    "team",
    "serial",
    "crossed",
    "void_lines",
    "flags",
    "keyed_by_name",
    "keyed_at",
    "action",
    "reason",
    "member",
    "hash",
)


def _tip(election: Election, serial: int) -> _Tip:
    """The chain's last link, the paper's entries and the board, in one indexed query.

    Keying is the hot path (bench/tally.py, under 5 ms an entry), and on this
    machine each ORM query costs about 0.35 ms to build before SQLite runs it,
    so the three reads are one. Board changes are entries of serial 0: the
    board is the frozen block's, replayed through them, as verify-election does.
    """
    last_seq = election.entries.order_by("-seq").values("seq")[:1]
    rows = (
        election.entries.filter(Q(serial__in=(0, serial)) | Q(seq=Subquery(last_seq)))
        .order_by("seq")
        .values_list(*_ENTRY_FIELDS)
    )
    block = election.chain_block
    board = lib.Board.from_block(block["board"]) if block is not None else board_of(election)
    mine: list[lib.Entry] = []
    seq, head = 0, ""
    for *fields, row_hash in rows:
        entry = lib.Entry(
            seq=fields[0],
            team=fields[1],
            serial=fields[2],
            crossed=tuple(fields[3]),
            void_lines=tuple(fields[4]),
            flags=tuple(fields[5]),
            keyed_by=fields[6],
            keyed_at=fields[7].isoformat(),
            action=fields[8],
            reason=fields[9],
            member=tuple(sorted(fields[10].items())),
        )
        seq, head = entry.seq, row_hash
        if entry.action == Action.BOARD:
            if block is not None:
                board.set(dict(entry.member))
        elif entry.serial == serial:
            mine.append(entry)
    paper = lib.papers(mine).get(serial, lib.Paper())
    return _Tip(seq, head or chain.start_hash(election), paper, board)


def _same_as(earlier: BallotEntry, entry: lib.Entry) -> bool:
    return (
        earlier.action,
        earlier.team,
        earlier.serial,
        sorted(earlier.crossed),
        sorted(earlier.void_lines),
        sorted(earlier.flags),
    ) == (
        entry.action,
        entry.team,
        entry.serial,
        sorted(entry.crossed),
        sorted(entry.void_lines),
        sorted(entry.flags),
    )


def _append(
    current: Election,
    *,
    action: str,
    team: int,
    serial: int,
    crossed: Sequence[int] = (),
    void_lines: Sequence[int] = (),
    flags: Sequence[str] = (),
    reason: str = "",
    member: dict[str, Any] | None = None,
    acting_user: User,
    idempotency_key: str | None = None,
    admitted: bool = False,
    tip: _Tip | None = None,
) -> BallotEntry:
    """Check one entry against the rules and append it to the chain (under the row lock).

    Keying is the hot path (bench/tally.py: under 5 ms an entry): the list's length
    comes from the frozen block, and the chain's tip, the paper and the board are
    read once (`_tip`), by the caller when it has already.
    """
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise ActionRefused(
            [_("Lý do dài quá %(n)s ký tự.") % {"n": MAX_REASON}], ["reason_too_long"]
        )
    if tip is None:
        tip = _tip(current, serial)
    seq = tip.seq + 1
    now = timezone.now()
    entry = lib.Entry(
        seq=seq,
        team=team,
        serial=serial,
        crossed=tuple(sorted(int(n) for n in crossed)),
        void_lines=tuple(sorted(int(n) for n in void_lines)),
        flags=tuple(sorted(flags)),
        keyed_by=acting_user.username,
        keyed_at=now.isoformat(),
        action=action,
        reason=reason,
        member=tuple(sorted((member or {}).items())),
    )
    if idempotency_key:
        earlier = current.entries.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if not _same_as(earlier, entry) or earlier.keyed_by_id != acting_user.pk:
                raise ActionRefused(
                    [_("Mã gửi lại này đã dùng cho một phiếu khác.")], ["key_reused"]
                )
            return earlier
    reasons = [
        _("Dữ liệu phiếu không hợp lệ: %(detail)s") % {"detail": p}
        for p in chain.entry_problems(entry, _listed(current), current.teams)
    ]
    codes = ["bad_entry"] * len(reasons)
    if not admitted:
        refused = lib.admit(tip.paper, entry, current.teams, tip.board, current.ballots_collected)
        reasons += [chain.refusal_text(p) for p in refused]
        codes += [str(p.code) for p in refused]
    if reasons:
        raise ActionRefused(reasons, codes)
    return BallotEntry.objects.create(
        election=current,
        seq=seq,
        action=action,
        team=team,
        serial=serial,
        crossed=list(entry.crossed),
        void_lines=list(entry.void_lines),
        flags=list(entry.flags),
        reason=reason,
        member=member or {},
        keyed_by=acting_user,
        keyed_by_name=acting_user.username,
        keyed_at=now,
        idempotency_key=idempotency_key or None,
        hash=lib.entry_hash(tip.hash, entry),
    )


def _counting(election: Election) -> Election:
    # A bare row lock: keying is the hot path (bench/tally.py), no joins needed.
    current = Election.objects.select_for_update().get(pk=election.pk)
    refuse_sealed(current)
    if current.state != ElectionState.COUNTING:
        raise ActionRefused([_("Chỉ nhập phiếu khi đang kiểm phiếu.")], ["not_counting"])
    return current


@sealed_guard("key_ballot")
@transaction.atomic(durable=True)
def do_key_ballot(
    election: Election,
    *,
    team: int,
    serial: int,
    crossed: Sequence[int] = (),
    void_lines: Sequence[int] = (),
    flags: Sequence[str] = (),
    correction: bool = False,
    unreadable: bool = False,
    acting_user: User,
    idempotency_key: str | None = None,
) -> BallotEntry:
    """Record one team's reading of one paper (team 0: the board's ruling on a disputed one).

    Keying a paper the team has keyed already is refused unless it is said to be
    a correction, which is a new entry replacing the team's reading in the count
    while both stay in the log. A resent request with the same idempotency key
    returns the entry already recorded.
    """
    current = _counting(election)
    if team == lib.RULING_TEAM:
        action = Action.RULE
    elif unreadable:
        action = Action.UNREADABLE
    else:
        action = Action.CORRECT if correction else Action.KEY
    tip = _tip(current, serial)
    if tip.board.get(acting_user.username) is None:
        raise PermissionDenied(_("Bạn không ở trong ban kiểm phiếu của cuộc bầu cử này."))
    no_surplus = _listed(current) == current.seats
    if void_lines and not no_surplus:
        raise ActionRefused(
            [_("Phiếu có số dư không có dòng đánh dấu cả hai ô hoặc không ô nào.")],
            ["void_lines_with_surplus"],
        )
    return _append(
        current,
        action=action,
        team=team,
        serial=serial,
        crossed=crossed,
        void_lines=void_lines,
        flags=flags,
        acting_user=acting_user,
        idempotency_key=idempotency_key,
        tip=tip,
    )


@sealed_guard("void_entry")
@transaction.atomic(durable=True)
def do_void_entry(
    election: Election, *, serial: int, team: int, reason: str, acting_user: User
) -> BallotEntry:
    """Strike a team's standing reading of a paper (team 0: the board's ruling), with a reason.

    The void is itself an entry; the struck reading stays in the log. A phantom
    or mistyped paper can always be cleared this way, and the team keys it again.
    """
    current = _counting(election)
    if not current.board.filter(user_id=acting_user.pk).exists():
        raise PermissionDenied(_("Bạn không ở trong ban kiểm phiếu của cuộc bầu cử này."))
    return _append(
        current,
        action=Action.VOID,
        team=team,
        serial=serial,
        reason=reason,
        acting_user=acting_user,
    )


def append_board_change(
    current: Election, row: dict[str, Any], *, reason: str, acting_user: User
) -> BallotEntry:
    """Write the head's decision changing the board into the chain (checked by the caller)."""
    return _append(
        current,
        action=Action.BOARD,
        team=lib.RULING_TEAM,
        serial=0,
        reason=reason,
        member=row,
        acting_user=acting_user,
        admitted=True,
    )
