"""Every change to an election; each is audited, and nothing changes once it is sealed.

States: draft → list adopted → ballots issued → counting → reconciled →
results announced → sealed. Each transition refuses while `blockers()` lists
anything; the pages show the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.db.limits import within_limits
from daihoi.elections import chain, keying
from daihoi.elections.guards import locked, refuse_sealed, sealed_guard
from daihoi.elections.keying import do_key_ballot, do_void_entry
from daihoi.elections.models import (
    BoardMember,
    BoardRole,
    Candidate,
    Election,
    ElectionKind,
    ElectionState,
    RuleSet,
)
from daihoi.lib import electionrecord as record
from daihoi.lib.names import sort_ballot_order
from daihoi.lib.nominations import enters_list
from daihoi.lib.surplus import (
    QD_190_2024,
    QD_244_2014,
    Body,
    ProblemCode,
    Stage,
    SurplusRules,
    check_surplus,
    surplus_text,
)
from daihoi.lib.tally import DelegatesCongress, election_base
from daihoi.lib.text import clean, fold
from daihoi.orgs import scope
from daihoi.orgs.names import checked_name, name_messages

if TYPE_CHECKING:
    from daihoi.accounts.models import User

S = ElectionState
NEXT: dict[str, str] = {
    S.DRAFT: S.LIST_ADOPTED,
    S.LIST_ADOPTED: S.BALLOTS_ISSUED,
    S.BALLOTS_ISSUED: S.COUNTING,
    S.COUNTING: S.RECONCILED,
    S.RECONCILED: S.ANNOUNCED,
    S.ANNOUNCED: S.SEALED,
}
STAMP: dict[str, str] = {
    S.LIST_ADOPTED: "list_adopted_at",
    S.BALLOTS_ISSUED: "ballots_issued_at",
    S.COUNTING: "counting_at",
    S.RECONCILED: "reconciled_at",
    S.ANNOUNCED: "announced_at",
    S.SEALED: "sealed_at",
}
RULES: dict[str, SurplusRules] = {RuleSet.QD190: QD_190_2024, RuleSet.QD244: QD_244_2014}
# The rules' own wording is English (lib/ stays framework-free); users read these.
SURPLUS_MESSAGES = {
    ProblemCode.NO_SURPLUS: gettext_lazy(
        "%(document)s yêu cầu danh sách bầu nhiều hơn số lượng được bầu."
    ),
    ProblemCode.ABOVE_CONGRESS_LIMIT: gettext_lazy(
        "Số dư %(surplus)s vượt mức tối đa 30%% mà %(document)s cho phép đại hội quyết định."
    ),
    ProblemCode.SMALL_BODY_TOO_MANY_EXTRA: gettext_lazy(
        "Cấp ủy từ 3 đến 5 người chỉ được dư tối đa 1 người (%(document)s)."
    ),
}
BODY_OF_KIND = {
    ElectionKind.COMMITTEE: Body.COMMITTEE,
    ElectionKind.STANDING: Body.STANDING_COMMITTEE,
}


def _can_manage(user: User, election: Election) -> bool:
    return scope.can_write(user, election.congress.organisation)


__all__ = ["do_key_ballot", "do_void_entry"]  # kept here for the callers of the action layer
names = chain.names
reconciliation = chain.reconciliation
chain_head = chain.chain_head


def _managed(election: Election, attempt: str, user: User) -> Election:
    """Lock the election for a change by its organisers: not sealed, and theirs to manage."""
    current = locked(election)
    refuse_sealed(current)
    if not _can_manage(user, current):
        raise PermissionDenied
    return current


def _board_member(user: User, election: Election) -> BoardMember | None:
    return election.board.filter(user=user).first()


def snapshot(election: Election) -> dict[str, Any]:
    return {
        "title": election.title,
        "kind": election.kind,
        "seats": election.seats,
        "base": election.base,
        "teams": election.teams,
        "state": election.state,
        "ballots_issued": election.ballots_issued,
        "ballots_collected": election.ballots_collected,
        "candidates": list(election.candidates.values_list("full_name", flat=True)),
    }


@transaction.atomic
def do_create_election(
    congress: Congress,
    kind: str,
    seats: int,
    *,
    title: str = "",
    rule_set: str = RuleSet.QD190,
    teams: int = 2,
    direct: bool = False,
    previous: Election | None = None,
    acting_user: User,
) -> Election:
    """Open an election at a congress, in draft."""
    if not scope.can_write(acting_user, congress.organisation):
        raise PermissionDenied
    problems = []
    if seats < 1:
        problems.append(_("Số lượng được bầu phải từ 1 trở lên."))
    if teams not in (2, 3):
        problems.append(_("Mỗi phiếu được nhập độc lập bởi 2 hoặc 3 tổ."))
    if problems:
        raise ActionRefused(problems)
    election = Election.objects.create(
        congress=congress,
        kind=kind,
        seats=seats,
        title=clean(title) or str(ElectionKind(kind).label),
        rule_set=rule_set,
        teams=teams,
        direct=direct,
        previous=previous,
        round_no=previous.round_no + 1 if previous else 1,
    )
    log.record(
        "election.create",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(election),
        after=snapshot(election),
    )
    return election


@sealed_guard("set_candidates")
@transaction.atomic
def do_set_candidates(election: Election, full_names: Iterable[str], *, acting_user: User) -> None:
    """Replace the draft list; the ballot order is Vietnamese alphabetical by given name."""
    current = _managed(election, "set_candidates", acting_user)
    if current.state != S.DRAFT:
        raise ActionRefused([_("Danh sách chỉ sửa được khi còn là dự thảo.")])
    typed = [n for n in full_names if clean(n)]
    # An invisible or lookalike letter makes two names on the list look the same.
    unreadable = [m for n in typed for m in name_messages(n, field=_("Họ và tên"))[1]]
    if unreadable:
        raise ActionRefused(unreadable)
    cleaned = [clean(n) for n in typed]
    folded = [fold(n) for n in cleaned]
    repeated = sorted({n for n in cleaned if folded.count(fold(n)) > 1})
    if repeated:
        raise ActionRefused(
            [_("Tên trùng trong danh sách: %(names)s.") % {"names": ", ".join(repeated)}]
        )
    board_names = {
        fold(m.user.full_name or m.user.username) for m in current.board.select_related("user")
    }
    on_board = [n for n in cleaned if fold(n) in board_names]
    if on_board:
        raise ActionRefused(
            [
                _("%(name)s đang ở ban kiểm phiếu, không thể có tên trong danh sách bầu.")
                % {"name": n}
                for n in on_board
            ]
        )
    before = snapshot(current)
    current.candidates.all().delete()
    Candidate.objects.bulk_create(
        within_limits(
            Candidate(election=current, full_name=name, position=i)
            for i, name in enumerate(sort_ballot_order(cleaned), start=1)
        )
    )
    log.record(
        "election.candidates",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after=snapshot(current),
    )


@sealed_guard("add_board_member")
@transaction.atomic
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
    """Put someone on the counting board, or change their role or team.

    The organisers set the board until counting starts, when it is frozen in the
    record. After that only the head may change it, by a decision with a reason
    that becomes an entry of the chain; whoever has keyed a paper stays on their
    team for good. Nobody on the list may count it; the head keys no paper.
    """
    current = locked(election)
    refuse_sealed(current)
    counting = current.state == S.COUNTING
    if counting:
        head = current.board.filter(user_id=acting_user.pk, role=BoardRole.HEAD).exists()
        if not head:
            raise PermissionDenied(
                _("Khi đang kiểm phiếu, chỉ Trưởng ban kiểm phiếu mới thay đổi ban kiểm phiếu.")
            )
    elif current.state in (S.RECONCILED, S.ANNOUNCED):
        raise ActionRefused(
            [_("Đã kiểm phiếu xong; không thay đổi ban kiểm phiếu nữa.")], ["board_closed"]
        )
    elif not _can_manage(acting_user, current):
        raise PermissionDenied
    listed = {fold(n) for n in names(current)}
    if fold(user.full_name or user.username) in listed:
        raise ActionRefused(
            [
                _("%(name)s có tên trong danh sách bầu, không thể ở ban kiểm phiếu.")
                % {"name": user.full_name or user.username}
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
        "full_name": user.full_name or user.username,
        "role": role,
        "team": team,
        "may_rule": may_rule,
    }
    keyed: dict[str, set[int]] = {}
    for person, keyed_team in (
        current.entries.filter(action__in=record.READINGS, keyed_by_name=user.username)
        .values_list("keyed_by_name", "team")
        .distinct()
    ):
        keyed.setdefault(person, set()).add(keyed_team)
    change = record.Entry(
        seq=0,
        team=0,
        serial=0,
        keyed_by=acting_user.username,
        action=record.Action.BOARD,
        reason=" ".join(reason.split()),
        member=tuple(sorted(row.items())),
    )
    problems = record.admit_board(change, keying.board_of(current), keyed, counting)
    if problems:
        raise ActionRefused(
            [chain.refusal_text(p) for p in problems], [str(p.code) for p in problems]
        )
    member, _created = BoardMember.objects.update_or_create(
        election=current, user=user, defaults={"role": role, "team": team, "may_rule": may_rule}
    )
    if counting:
        keying.append_board_change(current, row, reason=reason, acting_user=acting_user)
    log.record(
        "election.board",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"user": user.pk, "role": role, "team": team, "may_rule": may_rule},
    )
    return member


@sealed_guard("set_base")
@transaction.atomic
def do_set_base(
    election: Election,
    *,
    base: int | None = None,
    delegates: DelegatesCongress | None = None,
    acting_user: User,
) -> int:
    """Fix the election base, as a number or from the attendance figures."""
    current = _managed(election, "set_base", acting_user)
    if current.state in (S.COUNTING, S.RECONCILED, S.ANNOUNCED):
        raise ActionRefused([_("Cơ sở tính kết quả đã cố định khi bắt đầu kiểm phiếu.")])
    value = election_base(delegates) if delegates is not None else base
    if value is None or value < 1:
        raise ActionRefused([_("Cơ sở tính kết quả phải là số dương.")])
    before = {"base": current.base}
    current.base = value
    current.save(update_fields=["base"])
    log.record(
        "election.base",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after={"base": value},
    )
    return value


def blockers(election: Election, target: str) -> list[str]:
    """Why the election cannot move to `target` now (empty: it can)."""
    if NEXT.get(election.state) != target:
        return [
            _("Không thể chuyển từ «%(src)s» sang «%(dst)s».")
            % {"src": S(election.state).label, "dst": S(target).label}
        ]
    problems: list[str] = []
    listed = election.candidates.count()
    if target == S.LIST_ADOPTED:
        if listed < election.seats:
            problems.append(
                _("Danh sách có %(n)s người, ít hơn số lượng được bầu (%(seats)s).")
                % {"n": listed, "seats": election.seats}
            )
        body = BODY_OF_KIND.get(ElectionKind(election.kind))
        if body is not None and listed >= election.seats:
            rules = RULES[election.rule_set]
            for problem in check_surplus(listed, election.seats, rules, Stage.CONGRESS, body=body):
                message = SURPLUS_MESSAGES.get(problem.code)
                problems.append(
                    str(message)
                    % {"document": rules.document, "surplus": surplus_text(listed, election.seats)}
                    if message is not None
                    else problem.message
                )
    if target == S.BALLOTS_ISSUED and not election.ballots_issued:
        problems.append(_("Chưa ghi số phiếu phát ra."))
    if target == S.COUNTING:
        if election.base is None:
            problems.append(_("Chưa xác định cơ sở tính kết quả bầu cử."))
        if election.ballots_collected is None:
            problems.append(_("Chưa ghi số phiếu thu vào."))
        elif election.ballots_issued and election.ballots_collected > election.ballots_issued:
            problems.append(_("Số phiếu thu vào nhiều hơn số phiếu phát ra."))
        teams = set(election.board.exclude(team=None).values_list("team", flat=True))
        missing = [t for t in range(1, election.teams + 1) if t not in teams]
        if missing:
            problems.append(
                _("Chưa phân công người nhập phiếu cho tổ %(teams)s.")
                % {"teams": ", ".join(str(t) for t in missing)}
            )
        if not election.board.filter(role=BoardRole.HEAD).exists():
            problems.append(_("Ban kiểm phiếu chưa có Trưởng ban."))
    if target == S.RECONCILED:
        problems.extend(chain.reconcile_problems(election))
    return problems


@sealed_guard("transition")
@transaction.atomic
def do_transition_election(election: Election, target: str, *, acting_user: User) -> Election:
    """Move an election to its next state, refusing while blockers remain."""
    current = locked(election)
    refuse_sealed(current)
    member = _board_member(acting_user, current)
    board_steps = (S.RECONCILED, S.ANNOUNCED)
    allowed = _can_manage(acting_user, current) or (
        target in board_steps and member is not None and member.role != BoardRole.TECHNICAL
    )
    if not allowed:
        raise PermissionDenied
    problems = blockers(current, target)
    if problems:
        raise ActionRefused(problems)
    before = snapshot(current)
    if target == S.COUNTING:
        # The board, the counts and the list are fixed from here: the chain starts from them.
        current.chain_block = chain.block(current)
        current.chain_start = record.block_hash(current.chain_block)
    if target == S.ANNOUNCED:
        state = reconciliation(current)
        if current.base is None:  # counting cannot start without it
            raise ActionRefused([_("Chưa xác định cơ sở tính kết quả bầu cử.")])
        current.result = record.count(names(current), state.final, current.seats, current.base)
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
    return current


@sealed_guard("ballot_counts")
@transaction.atomic
def do_record_ballot_counts(
    election: Election,
    *,
    issued: int | None = None,
    collected: int | None = None,
    acting_user: User,
) -> Election:
    """Record how many ballots were issued and collected."""
    current = _managed(election, "ballot_counts", acting_user)
    if current.state not in (S.LIST_ADOPTED, S.BALLOTS_ISSUED):
        raise ActionRefused([_("Số phiếu chỉ ghi trước khi bắt đầu kiểm phiếu.")])
    before = snapshot(current)
    if issued is not None:
        current.ballots_issued = issued
    if collected is not None:
        current.ballots_collected = collected
    current.save(update_fields=["ballots_issued", "ballots_collected"])
    log.record(
        "election.ballot_counts",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        before=before,
        after=snapshot(current),
    )
    return current


@sealed_guard("floor_nomination")
@transaction.atomic
def do_record_floor_nomination(
    election: Election, full_name: str, *, agree: int, present: int, acting_user: User
) -> bool:
    """Record the opinion vote on a floor nomination; the name enters the list above 30%."""
    current = _managed(election, "floor_nomination", acting_user)
    if current.state != S.DRAFT:
        raise ActionRefused([_("Chỉ đề cử thêm khi danh sách còn là dự thảo.")])
    name = checked_name(full_name, field=_("Họ và tên người được đề cử"))
    if not name:
        raise ActionRefused([_("Chưa ghi họ và tên người được đề cử.")])
    try:
        entered = enters_list(agree, present)
    except ValueError as exc:
        raise ActionRefused(
            [
                _("Số biểu quyết không hợp lệ: %(agree)s đồng ý trên %(present)s có mặt.")
                % {"agree": agree, "present": present}
            ]
        ) from exc
    if entered:
        listed = names(current)
        if fold(name) in {fold(n) for n in listed}:
            raise ActionRefused([_("%(name)s đã có trong danh sách.") % {"name": name}])
        ordered = sort_ballot_order([*listed, name])
        floor = set(
            current.candidates.filter(floor_nomination=True).values_list("full_name", flat=True)
        )
        current.candidates.all().delete()
        Candidate.objects.bulk_create(
            within_limits(
                Candidate(
                    election=current,
                    full_name=n,
                    position=i,
                    floor_nomination=n in floor or n == name,
                )
                for i, n in enumerate(ordered, start=1)
            )
        )
    log.record(
        "election.floor_nomination",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"name": name, "agree": agree, "present": present, "entered": entered},
    )
    return entered


@transaction.atomic
def do_open_next_round(
    election: Election, *, full_names: Sequence[str] | None = None, acting_user: User
) -> Election:
    """Open the further round a result calls for: a re-vote among exactly the tied, or bầu tiếp.

    For a tie the list is the tied candidates and nobody else; for seats left
    the congress adopts a list, given here.
    """
    current = locked(election)
    if not _can_manage(acting_user, current):
        raise PermissionDenied
    if current.state not in (S.ANNOUNCED, S.SEALED) or current.result is None:
        raise ActionRefused([_("Chỉ bầu lại sau khi đã công bố kết quả.")])
    result = current.result
    listed = names(current)
    if result["tied"]:
        tied = [listed[no - 1] for no in result["tied"]]
        if full_names is not None and sorted(fold(n) for n in full_names) != sorted(
            fold(n) for n in tied
        ):
            raise ActionRefused(
                [_("Bầu lại khi số phiếu bằng nhau chỉ gồm đúng những người bằng phiếu.")]
            )
        seats = len(tied) - (
            len(tied) - (current.seats - len(result["elected"]) - result["seats_left"])
        )
        chosen = tied
    elif result["seats_left"]:
        if not full_names:
            raise ActionRefused([_("Đại hội cần thông qua danh sách bầu tiếp.")])
        seats = result["seats_left"]
        elected = {listed[no - 1] for no in result["elected"]}
        already = [n for n in full_names if n in elected]
        if already:
            raise ActionRefused([_("%(name)s đã trúng cử.") % {"name": already[0]}])
        chosen = list(full_names)
    else:
        raise ActionRefused([_("Kết quả đã đủ số lượng; không cần bầu thêm.")])
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
