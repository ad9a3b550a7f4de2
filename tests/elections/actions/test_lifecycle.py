"""An election's steps: counted, announced, sealed; refused; followed by a further round."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from daihoi.elections import signing
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import (
    do_create_election,
    do_open_next_round,
    do_transition_election,
)
from daihoi.elections.models import Election, ElectionState, RuleSet
from daihoi.elections.queries import RULES, blockers, rule_set_for
from daihoi.lib import electionrecord as record
from tests.elections.helpers import (
    counting_election,
    denied,
    draft_election,
    key_all,
    outsider,
    refused,
    staff,
    typist,
)

pytestmark = pytest.mark.django_db
S = ElectionState


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


def test_a_state_cannot_be_skipped_and_outsiders_cannot_move_it() -> None:
    election = counting_election()
    with pytest.raises(ActionRefused):
        do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    from daihoi.accounts.models import User

    with pytest.raises(PermissionDenied):
        do_transition_election(
            election, S.RECONCILED, acting_user=User.objects.get(username="soctrang")
        )


def test_a_list_over_the_congress_surplus_limit_cannot_be_adopted() -> None:
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions.lifecycle import do_create_election
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
    # A 2020–2025 campaign: its elections follow QĐ 244, as its candidate lists do.
    assert blockers(election, S.LIST_ADOPTED) == [
        "Cấp ủy từ 3 đến 5 người chỉ được dư tối đa 1 người (244-QĐ/TW)."
    ]
    with pytest.raises(ActionRefused):
        do_transition_election(election, S.LIST_ADOPTED, acting_user=staff())
    bigger = do_create_election(congress, "committee", 10, acting_user=staff())
    do_set_candidates(bigger, [f"Người Thứ {chr(65 + i)}" for i in range(14)], acting_user=staff())
    problems = blockers(bigger, S.LIST_ADOPTED)
    assert len(problems) == 1 and "40" in problems[0] and "30%" in problems[0], problems


def test_a_tie_opens_a_revote_among_exactly_the_tied() -> None:
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


def test_an_election_is_opened_in_draft_under_its_campaigns_regulation() -> None:
    from daihoi.campaigns.models import Congress

    election = draft_election()
    assert (election.state, election.round_no, election.teams) == (S.DRAFT, 1, 2)
    congress = Congress.objects.get(pk=election.congress_id)
    assert congress.campaign.term_start == 2020 and election.rule_set == RuleSet.QD244
    assert AuditEntry.objects.filter(action="election.create").exists()


def test_an_election_and_the_candidate_list_of_a_congress_cite_the_same_regulation() -> None:
    # One source: QĐ 244 for a congress of the 2020–2025 term, QĐ 190 from 2025.
    from daihoi.campaigns.models import Campaign, Congress
    from daihoi.personnel.checks import rules_for

    election = draft_election()
    campaign = Congress.objects.get(pk=election.congress_id).campaign
    assert RULES[election.rule_set].document == rules_for(campaign).document == "244-QĐ/TW"
    assert election.get_rule_set_display() == "Quy định 244-QĐ/TW (2014)"
    later = Campaign(term_start=2025, term_end=2030)
    assert RULES[rule_set_for(later)].document == rules_for(later).document == "190-QĐ/TW"


def test_an_election_needs_a_seat_and_two_or_three_teams() -> None:
    congress = draft_election().congress
    before = Election.objects.count()
    with pytest.raises(ActionRefused) as caught:
        do_create_election(congress, "committee", 0, teams=4, acting_user=staff())
    assert caught.value.codes == ["seats_range", "teams_range"]
    assert Election.objects.count() == before


def test_another_province_or_a_typist_may_not_open_an_election() -> None:
    congress = draft_election().congress
    before = Election.objects.count()
    for user in (outsider(), typist("to1", 1)):
        with pytest.raises(PermissionDenied):
            do_create_election(congress, "committee", 3, acting_user=user)
    assert Election.objects.count() == before


def test_a_blocked_step_is_refused_with_its_blockers_and_nothing_moves() -> None:
    election = draft_election(seats=5)  # four names for five seats
    refused(["blocked"], do_transition_election, election, S.LIST_ADOPTED, acting_user=staff())


def test_a_typist_may_not_take_a_step_and_the_board_only_its_own() -> None:
    election = draft_election()
    denied(do_transition_election, election, S.LIST_ADOPTED, acting_user=typist("to1", 1))
    denied(do_transition_election, election, S.LIST_ADOPTED, acting_user=typist("truongban", None))


def test_a_further_round_only_after_an_announced_result() -> None:
    election = counting_election()
    refused(["not_announced"], do_open_next_round, election, acting_user=staff())


def test_a_complete_result_needs_no_further_round() -> None:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    done = do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    assert done.outcome is not None and done.outcome.complete
    refused(["complete"], do_open_next_round, done, acting_user=staff())


def test_seats_left_open_a_further_round_on_the_list_the_congress_adopts() -> None:
    election = counting_election(base=20)  # nobody reaches more than half of 20
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    done = do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    assert done.outcome is not None and done.outcome.seats_left == 3
    refused(["no_list"], do_open_next_round, done, acting_user=staff())
    following = do_open_next_round(
        done, full_names=["Phạm Thị Dung", "Vi Văn Mới", "Lò Thị Hai"], acting_user=staff()
    )
    assert (following.seats, following.round_no, following.rule_set) == (3, 2, done.rule_set)


def test_another_province_or_a_typist_may_not_open_a_further_round() -> None:
    election = counting_election(base=20)
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    done = do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    for user in (outsider(), typist("to1", 1)):
        denied(do_open_next_round, done, full_names=["Vi Văn Mới"], acting_user=user)
