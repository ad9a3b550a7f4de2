"""The election's action layer: states, keying, reconciliation, sealing and the record."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from daihoi.elections import signing
from daihoi.elections.actions import (
    blockers,
    do_key_ballot,
    do_set_candidates,
    do_transition_election,
    reconciliation,
)
from daihoi.elections.models import Election, ElectionState
from daihoi.lib import electionrecord as record
from tests.elections.helpers import counting_election, staff, typist

pytestmark = pytest.mark.django_db
S = ElectionState
# Ballot order: An, Bình, Cường, Dung (given names, Vietnamese collation).
PAPERS = {1: [4], 2: [3], 3: [4], 4: [1], 5: [2]}  # serial → lines crossed out


def key_all(election: Election, papers: dict[int, list[int]] = PAPERS) -> None:
    for team, name in ((1, "to1"), (2, "to2")):
        for serial, crossed in papers.items():
            do_key_ballot(
                election, team=team, serial=serial, crossed=crossed, acting_user=typist(name, team)
            )


def test_the_list_is_put_in_ballot_order_by_given_name() -> None:
    election = counting_election()
    assert list(election.candidates.values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
    ]


def test_a_full_count_elects_by_the_base_and_seals() -> None:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=typist("truongban", None))
    announced = do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    result = announced.result
    assert result is not None
    votes = {c["full_name"]: c["votes"] for c in result["candidates"]}
    assert votes == {"Nguyễn Văn An": 4, "Trần Thị Bình": 4, "Lê Văn Cường": 4, "Phạm Thị Dung": 3}
    # Base 7: 4 votes are needed (4 × 2 > 7); Dung's 3 are not enough.
    assert result["needed"] == 4
    assert result["elected"] == [1, 2, 3] and result["seats_left"] == 0
    # The head covers the last entry, the number of entries and the result, and is signed.
    last = announced.entries.order_by("-seq").first()
    assert last is not None
    assert announced.chain_head == record.final_hash(last.hash, result, 10)
    assert announced.signature is not None
    assert record.signature_valid(
        signing.public_bytes(),
        announced.chain_head,
        base64.b64decode(announced.signature["value"]),
    )
    sealed = do_transition_election(announced, S.SEALED, acting_user=staff())
    assert sealed.sealed_at is not None


def test_after_sealing_nothing_changes_and_the_attempt_is_logged() -> None:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    do_transition_election(election, S.SEALED, acting_user=staff())
    with pytest.raises(ActionRefused, match="niêm phong"):
        do_key_ballot(election, team=1, serial=1, crossed=[1], acting_user=typist("to1", 1))
    with pytest.raises(ActionRefused, match="niêm phong"):
        do_set_candidates(election, ["Ai đó"], acting_user=staff())
    attempts = AuditEntry.objects.filter(action="election.refused_sealed")
    assert sorted(a.after["attempt"] for a in attempts) == ["key_ballot", "set_candidates"]  # type: ignore[index]


def test_differing_entries_block_reconciliation_until_the_board_rules() -> None:
    election = counting_election()
    key_all(election, {**PAPERS})
    do_key_ballot(
        election, team=2, serial=3, crossed=[2], correction=True, acting_user=typist("to2", 2)
    )
    assert 3 in reconciliation(election).disagreements
    problems = blockers(election, S.RECONCILED)
    assert problems and "không đọc được: 3." in problems[0]
    with pytest.raises(ActionRefused) as refused:
        do_key_ballot(election, team=0, serial=3, crossed=[4], acting_user=typist("to1", 1))
    assert refused.value.codes == ["not_decider"]
    do_key_ballot(election, team=0, serial=3, crossed=[4], acting_user=typist("truongban", None))
    assert blockers(election, S.RECONCILED) == []


def test_keyed_must_equal_collected() -> None:
    election = counting_election(collected=5)
    key_all(election, {1: [1], 2: [2], 3: [3], 4: [4]})
    assert "1 trong 5 phiếu thu vào chưa được tổ nào nhập: 5." in blockers(election, S.RECONCILED)


def test_a_typist_keys_only_for_their_team_and_only_while_counting() -> None:
    election = counting_election()
    with pytest.raises(ActionRefused) as refused:
        do_key_ballot(election, team=2, serial=1, acting_user=typist("to1", 1))
    assert refused.value.codes == ["not_on_team"]
    with pytest.raises(PermissionDenied):
        do_key_ballot(election, team=1, serial=1, acting_user=staff())


def test_bad_lines_and_serials_are_refused_with_reasons() -> None:
    election = counting_election(issued=6, collected=5)
    with pytest.raises(ActionRefused) as refused:
        do_key_ballot(election, team=1, serial=6, crossed=[7], acting_user=typist("to1", 1))
    text = " ".join(refused.value.reasons)
    # Papers are numbered 1…5 by the board once the box is opened: 6 was issued, not collected.
    assert "Phiếu số 6 nằm ngoài các số ban kiểm phiếu đã đánh (1..5)." in text
    assert "[7]" in text
    assert refused.value.codes == ["bad_entry", "serial_range"]
    assert election.entries.count() == 0


def test_a_resent_entry_with_the_same_key_is_recorded_once() -> None:
    election = counting_election()
    first = do_key_ballot(
        election, team=1, serial=1, crossed=[2], acting_user=typist("to1", 1), idempotency_key="k-1"
    )
    again = do_key_ballot(
        election, team=1, serial=1, crossed=[2], acting_user=typist("to1", 1), idempotency_key="k-1"
    )
    assert first.pk == again.pk and election.entries.count() == 1
    with pytest.raises(ActionRefused):
        do_key_ballot(
            election,
            team=1,
            serial=2,
            crossed=[2],
            acting_user=typist("to1", 1),
            idempotency_key="k-1",
        )


def test_a_state_cannot_be_skipped_and_outsiders_cannot_move_it() -> None:
    election = counting_election()
    with pytest.raises(ActionRefused):
        do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    from daihoi.accounts.models import User

    with pytest.raises(PermissionDenied):
        do_transition_election(
            election, S.RECONCILED, acting_user=User.objects.get(username="soctrang")
        )


def test_the_record_exports_verifies_offline_and_imports_on_another_installation(
    tmp_path: Path,
) -> None:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    path = tmp_path / "bau-cu.json"
    key = tmp_path / "khoa.pem"
    call_command(
        "export_election",
        str(election.pk),
        str(path),
        "--public-key",
        str(key),
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("verify_election", str(path), "--key", str(key), stdout=out)
    assert "HỢP LỆ" in out.getvalue() and "Trần Thị Bình" in out.getvalue()

    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][2]["crossed"] = [1]
    tampered = tmp_path / "sua.json"
    tampered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="KHÔNG hợp lệ"):
        call_command("verify_election", str(tampered), stderr=io.StringIO())
    with pytest.raises(CommandError, match="bị từ chối"):
        call_command(
            "import_election",
            str(tampered),
            "--congress",
            "bau-cu-thu/188",
            "--user",
            "langson",
            stderr=io.StringIO(),
        )

    # The record was counted on a venue laptop: this installation has never seen it.
    election = Election.objects.get(pk=election.pk)
    result, head = election.result, election.chain_head
    election.entries.all().delete()
    election.delete()
    call_command(
        "import_election",
        str(path),
        "--congress",
        "bau-cu-thu/188",
        "--user",
        "langson",
        stdout=io.StringIO(),
    )
    imported = Election.objects.get()
    assert imported.result == result and result is not None
    assert imported.chain_head == head


def test_a_list_over_the_congress_surplus_limit_cannot_be_adopted() -> None:
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions import do_create_election
    from tests.campaigns.helpers import open_congresses, small_campaign

    campaign = small_campaign("du-thua")
    open_congresses(campaign, "188")
    congress = Congress.objects.get(campaign=campaign, organisation__code="06553")
    election = do_create_election(congress, "committee", 3, acting_user=staff())
    do_set_candidates(
        election,
        ["A Văn Một", "B Văn Hai", "C Văn Ba", "D Văn Bốn", "E Văn Năm"],
        acting_user=staff(),
    )
    assert blockers(election, S.LIST_ADOPTED) == [
        "Cấp ủy từ 3 đến 5 người chỉ được dư tối đa 1 người (190-QĐ/TW)."
    ]
    with pytest.raises(ActionRefused):
        do_transition_election(election, S.LIST_ADOPTED, acting_user=staff())
    bigger = do_create_election(congress, "committee", 10, acting_user=staff())
    do_set_candidates(bigger, [f"Người Thứ {chr(65 + i)}" for i in range(14)], acting_user=staff())
    problems = blockers(bigger, S.LIST_ADOPTED)
    assert len(problems) == 1 and "40" in problems[0] and "30%" in problems[0], problems


def test_the_list_cannot_change_once_adopted() -> None:
    election = counting_election()
    with pytest.raises(ActionRefused, match="dự thảo"):
        do_set_candidates(election, ["Ai đó"], acting_user=staff())


def test_a_floor_nomination_enters_the_list_only_above_30_percent_of_those_present() -> None:
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions import do_create_election, do_record_floor_nomination
    from tests.campaigns.helpers import open_congresses, small_campaign

    campaign = small_campaign("de-cu")
    open_congresses(campaign, "188")
    congress = Congress.objects.get(campaign=campaign, organisation__code="06553")
    election = do_create_election(congress, "committee", 9, acting_user=staff())
    do_set_candidates(election, [f"Người Số {c}" for c in "ABCDEFGHIJ"], acting_user=staff())
    # 30 of 100 is exactly 30%: not more than 30%, so not on the list.
    assert not do_record_floor_nomination(
        election, "Hoàng Văn Xuân", agree=30, present=100, acting_user=staff()
    )
    assert do_record_floor_nomination(
        election, "Hoàng Văn Xuân", agree=31, present=100, acting_user=staff()
    )
    listed = list(election.candidates.values_list("full_name", "floor_nomination"))
    assert ("Hoàng Văn Xuân", True) in listed and len(listed) == 11
    # Ballot order is kept: "Xuân" sorts after every "Số …" given name? No: by given name.
    names = [n for n, _f in listed]
    assert names == sorted(
        names, key=lambda n: __import__("daihoi.lib.names").lib.names.ballot_sort_key(n)
    )
    votes = AuditEntry.objects.filter(action="election.floor_nomination")
    assert [v.after["entered"] for v in votes.order_by("pk")] == [False, True]  # type: ignore[index]


def test_a_tie_opens_a_revote_among_exactly_the_tied() -> None:
    from daihoi.elections.actions import do_open_next_round

    election = counting_election(seats=2, issued=6, collected=6, kind="delegates", base=5)
    # Six papers: An 6 votes; Bình and Cường 3 each, both over half of 5 → tied for the last seat.
    papers = {1: [3, 4], 2: [3, 4], 3: [3, 4], 4: [2, 4], 5: [2, 4], 6: [2, 4]}
    for team, name in ((1, "to1"), (2, "to2")):
        for serial, crossed in papers.items():
            do_key_ballot(
                election, team=team, serial=serial, crossed=crossed, acting_user=typist(name, team)
            )
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    done = do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    assert done.result is not None
    assert done.result["elected"] == [1] and done.result["tied"] == [2, 3]
    tied = [done.result["candidates"][no - 1]["full_name"] for no in done.result["tied"]]  # type: ignore[index]
    with pytest.raises(ActionRefused):
        do_open_next_round(done, full_names=[*tied, "Nguyễn Văn An"], acting_user=staff())
    following = do_open_next_round(done, acting_user=staff())
    assert sorted(following.candidates.values_list("full_name", flat=True)) == sorted(tied)
    assert following.round_no == 2 and following.previous_id == done.pk
    assert following.seats == done.seats - len(done.result["elected"])  # type: ignore[index]


STEPS = [
    (S.DRAFT, S.LIST_ADOPTED),
    (S.LIST_ADOPTED, S.BALLOTS_ISSUED),
    (S.BALLOTS_ISSUED, S.COUNTING),
    (S.COUNTING, S.RECONCILED),
    (S.RECONCILED, S.ANNOUNCED),
    (S.ANNOUNCED, S.SEALED),
]


@pytest.mark.parametrize(("source", "target"), STEPS)
def test_every_step_is_refused_to_another_province_and_from_the_wrong_state(
    source: str, target: str
) -> None:
    from daihoi.accounts.models import User

    election = counting_election(collected=1)
    do_key_ballot(election, team=1, serial=1, crossed=[1], acting_user=typist("to1", 1))
    do_key_ballot(election, team=2, serial=1, crossed=[1], acting_user=typist("to2", 2))
    Election.objects.filter(pk=election.pk).update(state=source)
    outsider = User.objects.get(username="soctrang")
    with pytest.raises(PermissionDenied):
        do_transition_election(election, target, acting_user=outsider)
    # Any state but the one before: refused with the reason, state unchanged.
    wrong = next(s for s, _t in STEPS if s != source)
    Election.objects.filter(pk=election.pk).update(state=wrong)
    with pytest.raises(ActionRefused, match="Không thể chuyển từ"):
        do_transition_election(election, target, acting_user=staff())
    assert Election.objects.get(pk=election.pk).state == wrong
    # From the right state, by staff, the step is taken.
    Election.objects.filter(pk=election.pk).update(state=source)
    moved = do_transition_election(election, target, acting_user=staff())
    assert moved.state == target
    assert getattr(moved, f"{target}_at") is not None
