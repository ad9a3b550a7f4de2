"""Demo elections at Sóc Trăng's 14th provincial congress (94): one sealed, one being counted.

The committee election is counted in full: 300 papers keyed by two teams of
different people, two papers mistyped by team 2 and ruled by the head, then
reconciled, announced and sealed. The delegates' election to the 13th National
Congress stops half-way through the count, two papers waiting for a ruling, so
whoever signs in as a typist or as the head finds a live desk and a
reconciliation page.

Names come from the personnel demo: the congress's committee list if it has
one, else the committee it elected (who win here) with members of Sóc Trăng's
district standing committees as the surplus (who do not). Readings are drawn
from a fixed seed; every write goes through the action layer.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from daihoi.accounts.demo import ensure_demo_users
from daihoi.accounts.models import User
from daihoi.audit import log
from daihoi.campaigns.models import Campaign, Congress
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.models import BoardRole, Election, ElectionKind, ElectionState
from daihoi.lib.text import fold

SEED = 20201014
SOC_TRANG = "94"
ORGANISER = "soctrang"
HEAD = "truongbankp"
TYPISTS = {1: "nhapphieu1", 2: "nhapphieu2"}
COMMITTEE_TITLE = "Bầu Ban Chấp hành Đảng bộ tỉnh khóa XIV, nhiệm kỳ 2020–2025"
DELEGATES_TITLE = "Bầu đại biểu dự Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
# The official delegates summoned (the assembly demo's register of 300), none absent.
BASE = 300
PAPERS = 300
# Sóc Trăng sent 11 official delegates to the 13th National Congress; 13 names (18,18%).
DELEGATE_SEATS = 11
DELEGATE_NAMES = 13
# The counting desk in progress: team 1 has keyed this far, team 2 a little less.
LIVE_KEYED = (48, 40)
# Papers team 2 mistypes (one name more crossed, or one less): the board rules on them.
SEALED_MISTYPED = (87, 214)
LIVE_MISTYPED = (12, 31)


@dataclass(frozen=True)
class Slate:
    """A list for the ballot: who the voters favour, who they do not, and the seats."""

    favoured: list[str]
    others: list[str]
    seats: int

    @property
    def names(self) -> list[str]:
        return [*self.favoured, *self.others]


def _congress(campaign: Campaign) -> Congress | None:
    return (
        Congress.objects.filter(
            campaign=campaign,
            organisation__code=SOC_TRANG,
            organisation__structure=campaign.structure,
        )
        .select_related("organisation", "campaign")
        .first()
    )


# (congress, generator, folded names already taken) -> the congress's committee list, or None.
SlateSource = Callable[[Congress, random.Random, set[str]], "Slate | None"]
# The names come from the personnel demo, which sits above elections: it registers its
# source here from its AppConfig.ready() (personnel/demo.committee_slate).
slate_sources: list[SlateSource] = []


def register_slate_source(fn: SlateSource) -> None:
    if fn not in slate_sources:
        slate_sources.append(fn)


def committee_slate(congress: Congress, rng: random.Random, board: set[str]) -> Slate | None:
    """The committee list of this congress, from the first source that has one."""
    for source in slate_sources:
        slate = source(congress, rng, board)
        if slate is not None:
            return slate
    return None


def _reading(rng: random.Random, slate: Slate, spread: list[float]) -> list[int]:
    """One valid paper: the lines (1-based, on the ballot's order) the voter crossed out."""
    crossed = {line for line, p in enumerate(spread, start=1) if rng.random() < p}
    need = len(spread) - slate.seats
    # Too many names left would spoil the paper; a voter strikes the least favoured first.
    for line in sorted(range(1, len(spread) + 1), key=lambda n: -spread[n - 1]):
        if len(crossed) >= need:
            break
        crossed.add(line)
    return sorted(crossed)


def readings(
    rng: random.Random, election: Election, slate: Slate, papers: int
) -> list[tuple[list[int], list[str]]]:
    """What each paper says: (crossed lines, flags); two papers are spoilt."""
    ballot = list(election.candidates.order_by("position").values_list("full_name", flat=True))
    favoured = set(slate.favoured)
    # How likely each line is to be crossed out: rarely for the favoured, often for the rest.
    spread = [
        rng.uniform(0.02, 0.22) if name in favoured else rng.uniform(0.40, 0.75) for name in ballot
    ]
    out: list[tuple[list[int], list[str]]] = [
        (_reading(rng, slate, spread), []) for _ in range(papers)
    ]
    if papers >= 100:
        # A private mark on one paper; every name crossed out on another.
        spoilt = rng.sample(range(papers), 2)
        out[spoilt[0]] = (out[spoilt[0]][0], ["marked"])
        out[spoilt[1]] = (list(range(1, len(ballot) + 1)), [])
    return out


def mistyped(crossed: list[int], lines: int, rng: random.Random) -> list[int]:
    """The same paper read wrongly: one line crossed or uncrossed by mistake."""
    line = rng.randint(1, lines)
    return sorted(set(crossed) ^ {line})


def _users() -> dict[str, User]:
    ensure_demo_users()
    wanted = [ORGANISER, HEAD, *TYPISTS.values()]
    return {u.username: u for u in User.objects.filter(username__in=wanted)}


def _prepare(
    congress: Congress,
    kind: str,
    title: str,
    seats: int,
    names: Sequence[str],
    users: dict[str, User],
) -> Election:
    """Create the election and bring it to counting: list, board, base, ballots."""
    organiser = users[ORGANISER]
    election = do_create_election(congress, kind, seats, title=title, acting_user=organiser)
    do_set_candidates(election, names, acting_user=organiser)
    do_add_board_member(
        election, users[HEAD], role=BoardRole.HEAD, team=None, acting_user=organiser
    )
    for team, username in TYPISTS.items():
        do_add_board_member(
            election, users[username], role=BoardRole.TECHNICAL, team=team, acting_user=organiser
        )
    do_set_base(election, base=BASE, acting_user=organiser)
    do_transition_election(election, ElectionState.LIST_ADOPTED, acting_user=organiser)
    do_record_ballot_counts(election, issued=PAPERS, acting_user=organiser)
    do_transition_election(election, ElectionState.BALLOTS_ISSUED, acting_user=organiser)
    do_record_ballot_counts(election, collected=PAPERS, acting_user=organiser)
    do_transition_election(election, ElectionState.COUNTING, acting_user=organiser)
    return Election.objects.get(pk=election.pk)


def _key(
    election: Election,
    users: dict[str, User],
    papers: list[tuple[list[int], list[str]]],
    keyed: tuple[int, int],
    wrong: Sequence[int],
    rng: random.Random,
) -> None:
    """Each team keys its share of the papers, paper by paper; team 2 mistypes `wrong`."""
    lines = election.candidates.count()
    for serial in range(1, max(keyed) + 1):
        crossed, flags = papers[serial - 1]
        for team, upto in enumerate(keyed, start=1):
            if serial > upto:
                continue
            typed = mistyped(crossed, lines, rng) if team == 2 and serial in wrong else crossed
            do_key_ballot(
                election,
                team=team,
                serial=serial,
                crossed=typed,
                flags=flags,
                acting_user=users[TYPISTS[team]],
            )


# Not one transaction: each action commits on its own (atomic(durable=True)), as at a
# real count; a demo stopped halfway is loaded again into a fresh database.
def sealed_committee_election(
    congress: Congress, slate: Slate, users: dict[str, User], rng: random.Random
) -> Election:
    """The committee election, counted, ruled, reconciled, announced and sealed."""
    election = _prepare(
        congress,
        ElectionKind.COMMITTEE,
        COMMITTEE_TITLE,
        slate.seats,
        slate.names,
        users,
    )
    papers = readings(rng, election, slate, PAPERS)
    _key(election, users, papers, (PAPERS, PAPERS), SEALED_MISTYPED, rng)
    # The head looks at the paper itself, in the open, and rules what it says.
    for serial in SEALED_MISTYPED:
        crossed, flags = papers[serial - 1]
        do_key_ballot(
            election,
            team=0,
            serial=serial,
            crossed=crossed,
            flags=flags,
            acting_user=users[HEAD],
        )
    head = users[HEAD]
    do_transition_election(election, ElectionState.RECONCILED, acting_user=head)
    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=head)
    do_transition_election(election, ElectionState.SEALED, acting_user=users[ORGANISER])
    return Election.objects.get(pk=election.pk)


def live_delegates_election(
    congress: Congress, slate: Slate, users: dict[str, User], rng: random.Random
) -> Election:
    """The delegates' election, stopped in the middle of the count."""
    election = _prepare(
        congress,
        ElectionKind.DELEGATES,
        DELEGATES_TITLE,
        slate.seats,
        slate.names,
        users,
    )
    papers = readings(rng, election, slate, PAPERS)
    _key(election, users, papers, LIVE_KEYED, LIVE_MISTYPED, rng)
    return Election.objects.get(pk=election.pk)


def _rng(part: str) -> random.Random:
    # Demo readings, not secrets: a seeded generator makes every run give the same count,
    # one per election so that either is the same whether or not the other was made first.
    return random.Random(f"{SEED}:{part}")  # noqa: S311


def load_demo_elections(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Sóc Trăng's two demo elections, each made once; skipped when Sóc Trăng is not loaded."""
    if provinces is not None and SOC_TRANG not in provinces:
        return
    congress = _congress(campaign)
    if congress is None:
        return
    have = set(Election.objects.filter(congress=congress).values_list("title", flat=True))
    if COMMITTEE_TITLE in have and DELEGATES_TITLE in have:
        return
    users = _users()
    if not all(name in users for name in (ORGANISER, HEAD, *TYPISTS.values())):
        write("Chưa có tài khoản ban kiểm phiếu Sóc Trăng; bỏ qua bầu cử mẫu.")
        return
    board = {fold(users[u].full_name or u) for u in (HEAD, *TYPISTS.values())}
    slate = committee_slate(congress, _rng("list"), board)
    if slate is None:
        write("Đại hội Đảng bộ tỉnh Sóc Trăng chưa có danh sách nhân sự mẫu; bỏ qua bầu cử mẫu.")
        return
    made = []
    started = time.perf_counter()
    if COMMITTEE_TITLE not in have:
        sealed = sealed_committee_election(congress, slate, users, _rng("committee"))
        made.append(sealed.pk)
        write(
            f"Đã kiểm xong và niêm phong «{COMMITTEE_TITLE}»: {slate.seats} người trong "
            f"{len(slate.names)}, {PAPERS} phiếu, mỗi phiếu hai tổ nhập, 2 phiếu do "
            f"Trưởng ban quyết định ({time.perf_counter() - started:.1f} giây)."
        )
    if DELEGATES_TITLE not in have:
        started = time.perf_counter()
        # The delegates are drawn from the new committee, its standing members first.
        delegates = Slate(
            slate.favoured[:DELEGATE_SEATS],
            slate.favoured[DELEGATE_SEATS:DELEGATE_NAMES],
            DELEGATE_SEATS,
        )
        if len(delegates.names) == DELEGATE_NAMES:
            live = live_delegates_election(congress, delegates, users, _rng("delegates"))
            made.append(live.pk)
            write(
                f"«{DELEGATES_TITLE}» đang kiểm phiếu: tổ 1 đã nhập {LIVE_KEYED[0]}, "
                f"tổ 2 đã nhập {LIVE_KEYED[1]} trong {PAPERS} phiếu, 2 phiếu chờ Trưởng ban "
                f"quyết định ({time.perf_counter() - started:.1f} giây)."
            )
    if made:
        log.record(
            "elections.demo",
            actor=None,
            organisation=congress.organisation,
            target=campaign.slug,
            after={"elections": made},
        )
