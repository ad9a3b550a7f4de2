"""Every change to an election; each is audited, and nothing changes once it is sealed.

States: draft → list adopted → ballots issued → counting → reconciled →
results announced → sealed. Each transition refuses while `blockers()` lists
anything; the pages show the list.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.audit import log
from daihoi.campaigns.errors import ActionRefused
from daihoi.campaigns.models import Congress
from daihoi.elections.models import (
    BallotEntry,
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


def _locked(election: Election) -> Election:
    # Locking the election row serialises everything written to it, keying included.
    return (
        Election.objects.select_for_update()
        .select_related("congress__organisation", "congress__campaign")
        .get(pk=election.pk)
    )


class SealedRefusal(ActionRefused):
    """Raised inside an action on a sealed election; the guard logs it outside."""

    def __init__(self) -> None:
        super().__init__([_("Cuộc bầu cử đã niêm phong; không thể thay đổi gì nữa.")])


def _refuse_sealed(election: Election) -> None:
    if election.state == S.SEALED:
        raise SealedRefusal


F = TypeVar("F", bound=Callable[..., Any])


def sealed_guard(attempt: str) -> Callable[[F], F]:
    """Log every attempt to change a sealed election, where the log entry will stay.

    The action refuses inside its transaction (under the row lock, so a
    concurrent sealing is seen); a log entry written there would be rolled back
    with everything else, so it is written here, after the transaction ended.
    """

    def wrap(action: F) -> F:
        @functools.wraps(action)
        def guarded(election: Election, *args: Any, **kwargs: Any) -> Any:
            try:
                return action(election, *args, **kwargs)
            except SealedRefusal:
                log.record(
                    "election.refused_sealed",
                    actor=kwargs.get("acting_user"),
                    organisation=election.congress.organisation,
                    target=str(election),
                    after={"attempt": attempt},
                )
                raise

        return guarded  # type: ignore[return-value]

    return wrap


def _can_manage(user: User, election: Election) -> bool:
    return scope.can_write(user, election.congress.organisation)


def _managed(election: Election, attempt: str, user: User) -> Election:
    """Lock the election for a change by its organisers: not sealed, and theirs to manage."""
    current = _locked(election)
    _refuse_sealed(current)
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


def header(election: Election) -> dict[str, Any]:
    """What the entry chain is about: fixed once counting starts."""
    return {
        "election": election.pk,
        "organisation": election.congress.organisation.code,
        "campaign": election.congress.campaign.slug,
        "title": election.title,
        "kind": election.kind,
        "round": election.round_no,
        "seats": election.seats,
        "base": election.base,
        "teams": election.teams,
    }


def names(election: Election) -> list[str]:
    return list(election.candidates.order_by("position").values_list("full_name", flat=True))


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
        Candidate(election=current, full_name=name, position=i)
        for i, name in enumerate(sort_ballot_order(cleaned), start=1)
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
    acting_user: User,
) -> BoardMember:
    """Put someone on the counting board; nobody on the list may count it."""
    current = _managed(election, "add_board_member", acting_user)
    listed = {fold(n) for n in names(current)}
    if fold(user.full_name or user.username) in listed:
        raise ActionRefused(
            [
                _("%(name)s có tên trong danh sách bầu, không thể ở ban kiểm phiếu.")
                % {"name": user.full_name or user.username}
            ]
        )
    if team is not None and not 1 <= team <= current.teams:
        raise ActionRefused([_("Tổ nhập phiếu phải từ 1 đến %(n)s.") % {"n": current.teams}])
    member, _created = BoardMember.objects.update_or_create(
        election=current, user=user, defaults={"role": role, "team": team}
    )
    log.record(
        "election.board",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(current),
        after={"user": user.username, "role": role, "team": team},
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
    if target == S.RECONCILED:
        problems.extend(_reconcile_problems(election))
    return problems


def entries(election: Election) -> list[record.Entry]:
    return [
        record.Entry(
            seq=e.seq,
            team=e.team,
            serial=e.serial,
            crossed=tuple(e.crossed),
            void_lines=tuple(e.void_lines),
            flags=tuple(e.flags),
            keyed_by=e.keyed_by_name,
            keyed_at=e.keyed_at.isoformat(),
        )
        for e in election.entries.order_by("seq")
    ]


def reconciliation(election: Election) -> record.Reconciliation:
    return record.reconcile(entries(election), election.teams)


def _reconcile_problems(election: Election) -> list[str]:
    state = reconciliation(election)
    problems = []
    if state.disagreements:
        problems.append(
            _("%(n)s phiếu có các lượt nhập không khớp nhau: %(serials)s.")
            % {
                "n": len(state.disagreements),
                "serials": ", ".join(str(s) for s in list(state.disagreements)[:20]),
            }
        )
    if state.incomplete:
        problems.append(
            _("%(n)s phiếu chưa được đủ các tổ nhập: %(serials)s.")
            % {
                "n": len(state.incomplete),
                "serials": ", ".join(str(s) for s in list(state.incomplete)[:20]),
            }
        )
    keyed = len(state.final) + len(state.disagreements) + len(state.incomplete)
    if election.ballots_collected is not None and keyed != election.ballots_collected:
        problems.append(
            _("Đã nhập %(keyed)s phiếu nhưng thu vào %(collected)s phiếu.")
            % {"keyed": keyed, "collected": election.ballots_collected}
        )
    return problems


@sealed_guard("transition")
@transaction.atomic
def do_transition_election(election: Election, target: str, *, acting_user: User) -> Election:
    """Move an election to its next state, refusing while blockers remain."""
    current = _locked(election)
    _refuse_sealed(current)
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
    if target == S.ANNOUNCED:
        state = reconciliation(current)
        if current.base is None:  # counting cannot start without it
            raise ActionRefused([_("Chưa xác định cơ sở tính kết quả bầu cử.")])
        current.result = record.count(names(current), state.final, current.seats, current.base)
        current.chain_head = chain_head(current)
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


def _start_hash(election: Election) -> str:
    full = Election.objects.select_related("congress__organisation", "congress__campaign").get(
        pk=election.pk
    )
    return record.header_hash(header(full), names(full))


def chain_head(election: Election) -> str:
    """The hash of the last entry (or of the header, before any entry)."""
    last = election.entries.order_by("-seq").values_list("hash", flat=True).first()
    return last or _start_hash(election)


@sealed_guard("key_ballot")
@transaction.atomic
def do_key_ballot(
    election: Election,
    *,
    team: int,
    serial: int,
    crossed: Sequence[int] = (),
    void_lines: Sequence[int] = (),
    flags: Sequence[str] = (),
    acting_user: User,
    idempotency_key: str | None = None,
) -> BallotEntry:
    """Record one keying of one paper by one team (team 0: the board's ruling).

    Entries are appended to the hash chain and never changed; keying the same
    paper again for the same team is a correction that replaces the earlier
    reading in the count, while both stay in the log. A resent request with
    the same idempotency key returns the entry already recorded.
    """
    # A bare row lock: keying is the hot path (bench/tally.py), no joins needed.
    current = Election.objects.select_for_update().get(pk=election.pk)
    _refuse_sealed(current)
    if idempotency_key:
        earlier = current.entries.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            same = (
                earlier.team,
                earlier.serial,
                sorted(earlier.crossed),
                sorted(earlier.void_lines),
                sorted(earlier.flags),
            ) == (team, serial, sorted(crossed), sorted(void_lines), sorted(flags))
            if not same:
                raise ActionRefused([_("Mã gửi lại này đã dùng cho một phiếu khác.")])
            return earlier
    member = _board_member(acting_user, current)
    if team == record.RULING_TEAM:
        if member is None or member.role == BoardRole.TECHNICAL:
            raise PermissionDenied(
                _("Chỉ thành viên ban kiểm phiếu mới quyết định phiếu chênh lệch.")
            )
    elif member is None or member.team != team:
        raise PermissionDenied(_("Bạn không thuộc tổ nhập phiếu này."))
    if current.state != S.COUNTING:
        raise ActionRefused([_("Chỉ nhập phiếu khi đang kiểm phiếu.")])
    problems = []
    if current.ballots_issued and not 1 <= serial <= current.ballots_issued:
        problems.append(
            _("Phiếu số %(serial)s không nằm trong các số đã phát (1–%(issued)s).")
            % {"serial": serial, "issued": current.ballots_issued}
        )
    candidates = current.candidates.count()
    no_surplus = candidates == current.seats
    if void_lines and not no_surplus:
        problems.append(_("Phiếu có số dư không có dòng đánh dấu cả hai ô hoặc không ô nào."))
    last = current.entries.order_by("-seq").values_list("seq", "hash").first()
    seq = last[0] + 1 if last else 1
    now = timezone.now()
    entry = record.Entry(
        seq=seq,
        team=team,
        serial=serial,
        crossed=tuple(int(n) for n in crossed),
        void_lines=tuple(int(n) for n in void_lines),
        flags=tuple(flags),
        keyed_by=acting_user.username,
        keyed_at=now.isoformat(),
    )
    problems.extend(_plain_entry_problems(record.check_entry(entry, candidates, current.teams)))
    if problems:
        raise ActionRefused(problems)
    saved = BallotEntry.objects.create(
        election=current,
        seq=seq,
        team=team,
        serial=serial,
        crossed=sorted(entry.crossed),
        void_lines=sorted(entry.void_lines),
        flags=sorted(entry.flags),
        keyed_by=acting_user,
        keyed_by_name=acting_user.username,
        keyed_at=now,
        idempotency_key=idempotency_key or None,
        hash=record.entry_hash(last[1] if last else _start_hash(election), entry),
    )
    # Not audited one by one: the entry log is itself the audit trail of keying,
    # hash-chained and printed with the minutes.
    return saved


def _plain_entry_problems(problems: list[str]) -> list[str]:
    return [_("Dữ liệu phiếu không hợp lệ: %(detail)s") % {"detail": p} for p in problems]


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
            Candidate(
                election=current, full_name=n, position=i, floor_nomination=n in floor or n == name
            )
            for i, n in enumerate(ordered, start=1)
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
    current = _locked(election)
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
        Candidate(election=following, full_name=n, position=i)
        for i, n in enumerate(sort_ballot_order(chosen), start=1)
    )
    log.record(
        "election.next_round",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=str(following),
        after=snapshot(following),
    )
    return following
