"""Reads of an election: its lifecycle and what blocks the next step, the count, the result.

States: draft → list adopted → ballots issued → counting → reconciled →
results announced → sealed. Each transition refuses while `blockers()` lists
anything; the pages show the list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.core.numbers import local_percent
from daihoi.elections import chain
from daihoi.elections.forms import reading_text
from daihoi.elections.models import BoardRole, Election, ElectionState, RuleSet
from daihoi.elections.outcome import Outcome, as_outcome
from daihoi.lib import electionrecord as record
from daihoi.lib.surplus import (
    QD_190_2024,
    QD_244_2014,
    Stage,
    SurplusRules,
    body_of_kind,
    check_surplus,
    explain,
    rules_for_term,
)

if TYPE_CHECKING:
    from daihoi.campaigns.models import Campaign

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
# Steps the board proper takes itself; every other step is the organisers'.
BOARD_STEPS = (S.RECONCILED, S.ANNOUNCED)
RULES: dict[str, SurplusRules] = {RuleSet.QD190: QD_190_2024, RuleSet.QD244: QD_244_2014}
REASON_LABELS = {
    "not_issued": gettext_lazy("không do ban kiểm phiếu phát ra"),
    "more_than_seats": gettext_lazy("để lại nhiều tên hơn số lượng được bầu"),
    "all_crossed": gettext_lazy("gạch hết tên"),
    "written_in": gettext_lazy("ghi thêm tên"),
    "marked": gettext_lazy("có dấu hiệu riêng"),
}
RECENT_SHOWN = 12

names = chain.names
reconciliation = chain.reconciliation
chain_head = chain.chain_head


def rule_set_for(campaign: Campaign) -> str:
    """The regulation a campaign's elections follow, as its candidate lists do (one rule:
    lib.surplus.rules_for_term, the latest issued before the term starts)."""
    document = rules_for_term(campaign.term_start).document
    return next(name for name, rules in RULES.items() if rules.document == document)


def snapshot(election: Election) -> dict[str, Any]:
    """The audited fields of an election."""
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


def _surplus_problems(election: Election, listed: int) -> list[str]:
    rules = RULES[election.rule_set]
    body = body_of_kind(election.kind)
    # At the congress only the lists that must carry a surplus are held to its limits.
    if body not in rules.surplus_required_for or listed < election.seats:
        return []
    return [
        explain(problem.code, listed, election.seats, rules, translate=_, percent=local_percent)
        for problem in check_surplus(listed, election.seats, rules, Stage.CONGRESS, body=body)
    ]


def _counting_problems(election: Election) -> list[str]:
    problems = []
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
    return problems


def blockers(election: Election, target: str) -> list[str]:
    """Why the election cannot move to `target` now (empty: it can)."""
    if NEXT.get(election.state) != target:
        return [
            _("Không thể chuyển từ «%(src)s» sang «%(dst)s».")
            % {"src": S(election.state).label, "dst": S(target).label}
        ]
    problems: list[str] = []
    if target == S.LIST_ADOPTED:
        listed = election.candidates.count()
        if listed < election.seats:
            problems.append(
                _("Danh sách có %(n)s người, ít hơn số lượng được bầu (%(seats)s).")
                % {"n": listed, "seats": election.seats}
            )
        problems += _surplus_problems(election, listed)
    if target == S.BALLOTS_ISSUED and not election.ballots_issued:
        problems.append(_("Chưa ghi số phiếu phát ra."))
    if target == S.COUNTING:
        problems += _counting_problems(election)
    if target == S.RECONCILED:
        problems.extend(chain.reconcile_problems(election))
    return problems


def counting_today() -> bool:
    """Return whether an election's count started today and is still open (desks keying)."""
    # Today only: a count left open after its day must not hold imports back for ever.
    return Election.objects.filter(
        state=ElectionState.COUNTING, counting_at__date=timezone.localdate()
    ).exists()


def keyed_counts(election: Election) -> dict[str, int]:
    state = reconciliation(election)
    return {
        "final": len(state.final),
        "disagreements": len(state.disagreements),
        "incomplete": len(state.incomplete),
        "same_person": len(state.same_person),
        "keyed": state.keyed,
    }


def count_now(election: Election) -> Outcome:
    """Tally the settled readings as they stand (the base must be set)."""
    if election.base is None:
        raise ValueError("no election base")
    state = reconciliation(election)
    return Outcome.from_json(
        record.count(names(election), state.final, election.seats, election.base)
    )


def result_of(election: Election) -> Outcome | None:
    """The stored result once announced; computed live once reconciled; else none."""
    if election.state in (S.ANNOUNCED, S.SEALED):
        return election.outcome
    if election.state == S.RECONCILED and election.base is not None:
        return count_now(election)
    return None


def needs_next_round(election: Election) -> bool:
    """An announced result left a tie or seats, and no further round is open yet."""
    outcome = election.outcome
    return outcome is not None and not outcome.complete and not election.next_rounds.exists()


def result_view(result: Mapping[str, Any] | Outcome) -> dict[str, Any]:
    """What the result's table and lines show (results page, projector, hall screen)."""
    outcome = as_outcome(result)
    tied = set(outcome.tied)
    rows = [
        {
            **line.model_dump(),
            "pct_base": local_percent(line.percent_of_base, 2),
            "pct_valid": local_percent(line.percent_of_valid, 2),
            "tied": line.no in tied,
        }
        for line in sorted(outcome.candidates, key=lambda c: c.no)
    ]
    return {
        "result": outcome,
        "rows": rows,
        "elected_names": outcome.elected_names(),
        "tied_names": outcome.tied_names(),
        "tied_seats": outcome.tied_seats,
        "reasons": [(REASON_LABELS[name], n) for name, n in outcome.ballots.reasons()],
    }


def shown_head(election: Election) -> str:
    """The head once announced, else the last entry's hash ("" before any)."""
    if election.chain_head:
        return election.chain_head
    last = election.entries.order_by("-seq").values_list("hash", flat=True).first()
    return last or ""


def disagreements(state: record.Reconciliation) -> list[tuple[int, list[tuple[int, str, Any]]]]:
    """Each disputed paper with every team's reading side by side, in the desk syntax."""
    rows = []
    for serial, by_team in state.disagreements.items():
        readings = [
            (team, reading_text(e.crossed, e.void_lines, e.flags) or "—", e)
            for team, e in sorted(by_team.items())
        ]
        rows.append((serial, readings))
    return rows


def desk_state(election: Election, team: int) -> dict[str, Any]:
    """A team's recent entries and how many papers it has keyed."""
    recent = list(election.entries.filter(team=team).order_by("-seq")[:RECENT_SHOWN])
    return {
        "recent": [(e, reading_text(e.crossed, e.void_lines, e.flags)) for e in recent],
        "keyed": election.entries.filter(team=team).values("serial").distinct().count(),
        "collected": election.ballots_collected,
    }
