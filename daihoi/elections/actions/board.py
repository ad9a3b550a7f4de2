"""The counting board: who sits on it, in which role and team, and who may rule.

The organisers set the board until counting starts, when it is frozen in the
record. After that only the head may change it, by a decision with a reason
that becomes an entry of the chain; whoever has keyed a paper stays on their
team for good. Nobody on the list may count it; the head keys no paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.elections import access, board_pool, chain
from daihoi.elections.actions.common import managed
from daihoi.elections.actions.entries import append_board_change, board_of
from daihoi.elections.guards import locked, refuse_sealed, sealed_guard
from daihoi.elections.models import BoardMember, BoardRole, Election, ElectionState
from daihoi.elections.queries import names
from daihoi.lib import electionrecord as record
from daihoi.lib.text import fold

if TYPE_CHECKING:
    from daihoi.accounts.models import User

S = ElectionState
# Before counting the organisers may still take someone off the board.
OPEN_TO_ORGANISERS = (S.DRAFT, S.LIST_ADOPTED, S.BALLOTS_ISSUED)


def _counting_by_head(current: Election, acting_user: User) -> bool:
    """Whether the change is the head's during counting; refuses whoever may not change it."""
    if current.state == S.COUNTING:
        if not access.is_head(access.board_member(acting_user, current)):
            raise PermissionDenied(
                _("Khi đang kiểm phiếu, chỉ Trưởng ban kiểm phiếu mới thay đổi ban kiểm phiếu.")
            )
        return True
    if current.state in (S.RECONCILED, S.ANNOUNCED):
        raise ActionRefused(
            [_("Đã kiểm phiếu xong; không thay đổi ban kiểm phiếu nữa.")], ["board_closed"]
        )
    if not access.can_manage(acting_user, current):
        raise PermissionDenied
    return False


def _keyed_teams(current: Election, username: str) -> dict[str, set[int]]:
    """The teams this person has keyed any paper for."""
    keyed: dict[str, set[int]] = {}
    for person, team in (
        current.entries.filter(action__in=record.READINGS, keyed_by_name=username)
        .values_list("keyed_by_name", "team")
        .distinct()
    ):
        keyed.setdefault(person, set()).add(team)
    return keyed


@sealed_guard("add_board_member")
@transaction.atomic(durable=True)
def do_add_board_member(
    election: Election,
    user: User,
    *,
    role: str = BoardRole.MEMBER,
    team: int | None,
    may_rule: bool = False,
    reason: str = "",
    acting_user: User,
) -> BoardMember:
    """Put someone on the counting board, or change their role or team."""
    current = locked(election)
    refuse_sealed(current)
    counting = _counting_by_head(current, acting_user)
    full_name = user.full_name or user.username
    if not board_pool.eligible(user, current) and not current.board.filter(user=user).exists():
        raise ActionRefused(
            [
                _(
                    "%(name)s không phải đại biểu của đại hội này, cũng không phải nhân viên "
                    "kỹ thuật hay thành viên ban kiểm phiếu của tổ chức."
                )
                % {"name": full_name}
            ],
            ["not_eligible"],
        )
    if fold(full_name) in {fold(n) for n in names(current)}:
        raise ActionRefused(
            [
                _("%(name)s có tên trong danh sách bầu, không thể ở ban kiểm phiếu.")
                % {"name": full_name}
            ],
            ["on_list"],
        )
    if team is not None and not 1 <= team <= current.teams:
        raise ActionRefused(
            [_("Tổ nhập phiếu phải từ 1 đến %(n)s.") % {"n": current.teams}], ["team_range"]
        )
    if role == BoardRole.HEAD:
        # A head's team is not dropped quietly: admit_board refuses it (head_on_team).
        may_rule = True
    row = {
        "username": user.username,
        "full_name": full_name,
        "role": role,
        "team": team,
        "may_rule": may_rule,
    }
    change = record.Entry(
        seq=0,
        team=0,
        serial=0,
        keyed_by=acting_user.username,
        action=record.Action.BOARD,
        reason=" ".join(reason.split()),
        member=tuple(sorted(row.items())),
    )
    keyed = _keyed_teams(current, user.username)
    problems = record.admit_board(change, board_of(current), keyed, counting)
    if problems:
        raise ActionRefused(
            [chain.refusal_text(p) for p in problems], [str(p.code) for p in problems]
        )
    member, _created = BoardMember.objects.update_or_create(
        election=current, user=user, defaults={"role": role, "team": team, "may_rule": may_rule}
    )
    if counting:
        append_board_change(current, row, reason=reason, acting_user=acting_user)
    log.record(
        "election.board",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"user": user.pk, "role": role, "team": team, "may_rule": may_rule},
    )
    return member


@sealed_guard("remove_board_member")
@transaction.atomic(durable=True)
def do_remove_board_member(election: Election, member_pk: int, *, acting_user: User) -> None:
    """Take someone off the board before counting starts.

    Once counting has started the board is part of the record: it only changes by
    the head's recorded decision (a new role or team), never by deleting a row.
    """
    current = managed(election, acting_user)
    if current.state not in OPEN_TO_ORGANISERS:
        raise ActionRefused(
            [
                _(
                    "Ban kiểm phiếu đã cố định khi bắt đầu kiểm phiếu; không bỏ ai ra khỏi ban "
                    "được nữa."
                )
            ],
            ["board_frozen"],
        )
    member = current.board.filter(pk=member_pk).select_related("user").first()
    if member is None:
        raise ActionRefused([_("Người này không còn ở ban kiểm phiếu.")], ["not_on_board"])
    member.delete()
    log.record(
        "election.board_remove",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before={"user": member.user_id, "role": member.role, "team": member.team},
    )
