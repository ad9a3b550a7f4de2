"""The election's record as the chain sees it: the frozen block, the entries, where papers stand.

The rules themselves live in `daihoi.lib.electionrecord`; this module reads
the database into its terms and words its refusals for the counting board.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.elections import signing
from daihoi.elections.models import BallotEntry, Election
from daihoi.lib import electionrecord as lib

Code = lib.Code

# What the board reads when the rules refuse an entry. %(serial)s, %(team)s,
# %(person)s and %(detail)s come from the refused entry.
REFUSALS: dict[lib.Code, Any] = {
    Code.NOT_ON_TEAM: gettext_lazy("%(person)s không thuộc tổ nhập phiếu %(team)s."),
    Code.HEAD_KEYS: gettext_lazy("Trưởng ban kiểm phiếu không nhập phiếu."),
    Code.SERIAL_RANGE: gettext_lazy(
        "Phiếu số %(serial)s nằm ngoài các số ban kiểm phiếu đã đánh (%(detail)s)."
    ),
    Code.REKEY: gettext_lazy(
        "Tổ %(team)s đã nhập phiếu số %(serial)s. Nếu đây là sửa lại, hãy chọn «Sửa phiếu đã "
        "nhập» rồi gửi lại; lượt cũ vẫn được lưu."
    ),
    Code.NOTHING_TO_CORRECT: gettext_lazy(
        "Tổ %(team)s chưa nhập phiếu số %(serial)s nên không có gì để sửa."
    ),
    Code.OTHER_TEAM_SAME_PERSON: gettext_lazy(
        "%(person)s đã nhập phiếu số %(serial)s cho tổ %(detail)s; một người không nhập một "
        "phiếu cho hai tổ."
    ),
    Code.ALREADY_RULED: gettext_lazy(
        "Ban kiểm phiếu đã quyết định phiếu số %(serial)s; muốn thay đổi phải hủy quyết định đó "
        "trước, có ghi lý do."
    ),
    Code.NOT_DECIDER: gettext_lazy(
        "Chỉ Trưởng ban kiểm phiếu hoặc ủy viên được ban giao quyết định phiếu mới làm được việc "
        "này."
    ),
    Code.NOT_DISPUTED: gettext_lazy(
        "Phiếu số %(serial)s không có chênh lệch giữa các tổ (các tổ nhập khớp nhau hoặc chưa đủ "
        "tổ nhập, và không tổ nào đánh dấu không đọc được): ban kiểm phiếu không quyết định."
    ),
    Code.DECIDER_KEYED: gettext_lazy(
        "%(person)s đã nhập phiếu số %(serial)s nên không được quyết định hay hủy lượt nhập "
        "của phiếu này."
    ),
    Code.NOTHING_TO_VOID: gettext_lazy(
        "Phiếu số %(serial)s không có lượt nhập của tổ %(team)s để hủy."
    ),
    Code.NO_REASON: gettext_lazy("Cần ghi lý do."),
    Code.MOVE_AFTER_KEYING: gettext_lazy(
        "%(detail)s đã nhập phiếu nên không thể chuyển sang tổ khác hay giữ vai trò khác."
    ),
    Code.HEAD_ON_TEAM: gettext_lazy(
        "Trưởng ban kiểm phiếu không ở tổ nhập phiếu nào và không tự đổi vai trò "
        "khi đang kiểm phiếu (%(detail)s)."
    ),
    Code.BAD_ENTRY: gettext_lazy("Lượt nhập phiếu số %(serial)s không hợp lệ: %(detail)s."),
}


def refusal_text(problem: lib.Problem) -> str:
    return str(REFUSALS[problem.code]) % {
        "serial": problem.serial,
        "team": problem.team,
        "person": problem.person,
        "detail": problem.detail,
    }


def names(election: Election) -> list[str]:
    return list(election.candidates.order_by("position").values_list("full_name", flat=True))


def board_rows(election: Election) -> list[dict[str, Any]]:
    return [
        {
            "username": m.user.username,
            "full_name": m.user.full_name or m.user.username,
            "role": m.role,
            "team": m.team,
            "may_rule": m.may_rule,
        }
        for m in election.board.select_related("user").order_by("user__username")
    ]


def block(election: Election) -> dict[str, Any]:
    """The election block of the record: what every entry is about."""
    congress = election.congress
    org = congress.organisation
    return {
        "organisation": {"code": org.code, "name": org.name},
        "campaign": {"slug": congress.campaign.slug, "name": congress.campaign.name},
        "congress": {"ordinal": congress.ordinal, "term": congress.term},
        "election": election.pk,
        "title": election.title,
        "kind": election.kind,
        "round": election.round_no,
        "rule_set": election.rule_set,
        "seats": election.seats,
        "base": election.base,
        "teams": election.teams,
        "ballots_issued": election.ballots_issued,
        "ballots_collected": election.ballots_collected,
        "board": board_rows(election),
        "candidates": names(election),
    }


def frozen_block(election: Election) -> dict[str, Any]:
    return election.chain_block if election.chain_block is not None else block(election)


def start_hash(election: Election) -> str:
    return election.chain_start or lib.block_hash(frozen_block(election))


def to_entry(row: BallotEntry) -> lib.Entry:
    return lib.Entry(
        seq=row.seq,
        team=row.team,
        serial=row.serial,
        crossed=tuple(row.crossed),
        void_lines=tuple(row.void_lines),
        flags=tuple(row.flags),
        keyed_by=row.keyed_by_name,
        keyed_at=row.keyed_at.isoformat(),
        action=row.action,
        reason=row.reason,
        member=tuple(sorted(row.member.items())),
    )


def entries(election: Election) -> list[lib.Entry]:
    return [to_entry(e) for e in election.entries.order_by("seq")]


def reconciliation(election: Election) -> lib.Reconciliation:
    return lib.reconcile(entries(election), election.teams)


def live_head(election: Election) -> str:
    """The hash of the last entry (or of the block, before any entry)."""
    last = election.entries.order_by("-seq").values_list("hash", flat=True).first()
    return last or start_hash(election)


def chain_head(election: Election) -> str:
    """The record's head once announced; while counting, the last entry's hash."""
    return election.chain_head or live_head(election)


def seal_head(election: Election) -> None:
    """Freeze the head over the block, every entry, their number and the result, and sign it."""
    count = election.entries.count()
    election.chain_head = lib.final_hash(live_head(election), election.result, count)
    election.signature = signing.sign(election.chain_head)


def reconcile_problems(election: Election) -> list[str]:
    """Why the board cannot close the count yet, naming the papers."""
    state = reconciliation(election)
    problems = []

    def listed(serials: Any) -> str:
        shown = [str(s) for s in list(serials)[:20]]
        more = len(list(serials)) - len(shown)
        return ", ".join(shown) + (_(" và %(n)s phiếu khác") % {"n": more} if more > 0 else "")

    if state.disagreements:
        problems.append(
            _(
                "%(n)s phiếu có các lượt nhập không khớp nhau hoặc bị đánh dấu không đọc được: "
                "%(serials)s."
            )
            % {"n": len(state.disagreements), "serials": listed(state.disagreements)}
        )
    if state.incomplete:
        problems.append(
            _("%(n)s phiếu chưa được đủ các tổ nhập: %(serials)s.")
            % {"n": len(state.incomplete), "serials": listed(state.incomplete)}
        )
    if state.same_person:
        problems.append(
            _(
                "%(n)s phiếu do cùng một người nhập cho nhiều tổ, nên chưa được coi là khớp: "
                "%(serials)s. Ban kiểm phiếu hủy một lượt nhập để tổ kia nhập lại."
            )
            % {"n": len(state.same_person), "serials": listed(state.same_person)}
        )
    collected = election.ballots_collected
    if collected is not None:
        seen = set(state.final) | set(state.disagreements) | set(state.incomplete)
        seen |= set(state.same_person)
        missing = [s for s in range(1, collected + 1) if s not in seen]
        if missing:
            problems.append(
                _("%(n)s trong %(collected)s phiếu thu vào chưa được tổ nào nhập: %(serials)s.")
                % {"n": len(missing), "collected": collected, "serials": listed(missing)}
            )
    return problems


def entry_problems(entry: lib.Entry, candidates: int, teams: int) -> list[str]:
    """What is wrong with an entry on its own (lines not on the list, unknown flags)."""
    return lib.check_entry(entry, candidates, teams)
