"""Show-of-hands votes: checked against the hall, decided by the item's rule, audited."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from daihoi.proceedings.actions.programme import do_edit_item
from daihoi.proceedings.actions.votes import do_correct_vote, do_record_vote
from daihoi.proceedings.models import ItemKind, ShowOfHands, VoteRule
from tests.denials import refusal_codes
from tests.proceedings.helpers import (
    assert_denied,
    congress_at_loc_binh,
    hall_of,
    item_of,
    programme,
    staff,
)

pytestmark = pytest.mark.django_db


def test_more_votes_than_present_is_refused_with_both_numbers():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    programme(congress)
    with pytest.raises(ActionRefused) as refused:
        do_record_vote(item_of(congress), agree=8, disagree=1, abstain=1, acting_user=staff())
    message = refused.value.reasons[0]
    assert "10" in message and "9" in message
    assert refused.value.codes == ["more_than_present"]
    assert not ShowOfHands.objects.filter(congress=congress).exists()


def test_as_many_votes_as_present_is_recorded_with_time_and_who():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    programme(congress)
    vote = do_record_vote(item_of(congress), agree=7, disagree=1, abstain=1, acting_user=staff())
    assert (vote.present, vote.summoned, vote.adopted) == (9, 12, True)
    assert vote.recorded_by_name == "locbinh" and vote.recorded_at is not None
    entry = AuditEntry.objects.get(action="proceedings.vote_recorded", target=vote.motion)
    assert entry.after["agree"] == 7 and entry.actor_name == "locbinh"


def test_half_of_those_present_is_not_a_majority():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=10)
    programme(congress)
    item = item_of(congress)
    assert not do_record_vote(item, agree=5, disagree=5, abstain=0, acting_user=staff()).adopted
    assert do_record_vote(item, agree=6, disagree=4, abstain=0, acting_user=staff()).adopted


def test_the_resolution_needs_more_than_half_of_those_summoned():
    congress = congress_at_loc_binh()
    # 12 summoned, 9 present (quorum 8): 6 of 9 present agree, but 6 of 12 summoned is half.
    hall_of(congress, summoned=12, present=9)
    programme(congress)
    resolution = item_of(congress, ItemKind.RESOLUTION)
    assert resolution.vote_rule == VoteRule.SUMMONED_HALF
    vote = do_record_vote(resolution, agree=6, disagree=3, abstain=0, acting_user=staff())
    assert (vote.adopted, vote.needed) == (False, 7)
    assert do_record_vote(resolution, agree=7, disagree=2, abstain=0, acting_user=staff()).adopted


def test_the_rule_is_data_the_presidium_may_change():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    programme(congress)
    item = do_edit_item(
        item_of(congress),
        title="Thông qua quy chế bầu cử",
        vote_rule=VoteRule.PRESENT_TWO_THIRDS,
        acting_user=staff(),
    )
    assert not do_record_vote(item, agree=5, disagree=4, abstain=0, acting_user=staff()).adopted
    assert do_record_vote(item, agree=6, disagree=3, abstain=0, acting_user=staff()).adopted


def test_no_vote_without_a_quorum():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=7)  # two thirds of 12 is 8
    programme(congress)
    with pytest.raises(ActionRefused) as refused:
        do_record_vote(item_of(congress), agree=7, disagree=0, abstain=0, acting_user=staff())
    assert "chưa đủ số đại biểu" in refused.value.reasons[0]
    assert refused.value.codes == ["no_quorum"]


def test_an_item_without_a_vote_refuses_one():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    programme(congress)
    report = item_of(congress, ItemKind.REPORT)
    codes = refusal_codes(
        lambda: do_record_vote(report, agree=3, disagree=0, abstain=0, acting_user=staff())
    )
    assert codes == ["no_vote_rule"]
    assert not ShowOfHands.objects.exists()


def test_readers_and_another_province_may_not_record_a_vote():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    programme(congress)
    item = item_of(congress)
    assert_denied(
        lambda user: do_record_vote(item, agree=3, disagree=0, abstain=0, acting_user=user)
    )
    assert not ShowOfHands.objects.exists()


def test_every_rule_an_item_may_name_is_defined_as_data():
    from daihoi.lib.votes import RULES

    assert set(VoteRule.values) == set(RULES)


def test_a_mistyped_vote_is_corrected_against_the_hall_of_its_count_with_a_reason():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=10)
    programme(congress)
    vote = do_record_vote(item_of(congress), agree=4, disagree=6, abstain=0, acting_user=staff())
    assert not vote.adopted
    # Six delegates leave the hall afterwards: the correction still checks against 10.
    hall_of(congress, summoned=12, present=4)
    fixed = do_correct_vote(
        vote, agree=6, disagree=4, abstain=0, reason="Nhập đảo hai cột", acting_user=staff()
    )
    assert (fixed.agree, fixed.disagree, fixed.present, fixed.adopted) == (6, 4, 10, True)
    assert fixed.corrected_by_name == "locbinh" and fixed.corrected_at is not None
    assert ShowOfHands.objects.filter(congress=congress).count() == 1
    entry = AuditEntry.objects.get(action="proceedings.vote_corrected")
    assert (entry.before["agree"], entry.before["adopted"]) == (4, False)
    assert (entry.after["agree"], entry.after["adopted"]) == (6, True)
    assert entry.after["reason"] == "Nhập đảo hai cột"
    from daihoi.proceedings.documents import vote_sentence

    sentence = vote_sentence(fixed)
    assert "tán thành 6" in sentence and "Đại hội thông qua" in sentence
    assert "đã sửa lúc" in sentence and "Nhập đảo hai cột" in sentence


def test_a_correction_needs_a_reason_a_change_and_counts_that_fit_the_hall():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    programme(congress)
    vote = do_record_vote(item_of(congress), agree=7, disagree=1, abstain=1, acting_user=staff())
    for counts, reason, says, code in [
        ((7, 1, 1), "Nhầm", "không khác số đã ghi", "unchanged"),
        ((8, 1, 1), "Nhầm", "nhiều hơn số đại biểu có mặt là 9", "more_than_present"),
        ((6, 2, 1), "   ", "lý do sửa", "reason_missing"),
    ]:
        with pytest.raises(ActionRefused) as refused:
            agree, disagree, abstain = counts
            do_correct_vote(
                vote,
                agree=agree,
                disagree=disagree,
                abstain=abstain,
                reason=reason,
                acting_user=staff(),
            )
        assert any(says in r for r in refused.value.reasons), refused.value.reasons
        assert refused.value.codes == [code]
    vote.refresh_from_db()
    assert (vote.agree, vote.corrected_at) == (7, None)
    assert not AuditEntry.objects.filter(action="proceedings.vote_corrected").exists()


def test_readers_and_another_province_may_not_correct_a_vote():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    programme(congress)
    vote = do_record_vote(item_of(congress), agree=7, disagree=1, abstain=1, acting_user=staff())
    assert_denied(
        lambda user: do_correct_vote(
            vote, agree=6, disagree=2, abstain=1, reason="Nhầm", acting_user=user
        )
    )
    vote.refresh_from_db()
    assert (vote.agree, vote.corrected_at) == (7, None)


def test_negative_and_empty_counts_are_refused_by_their_code():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    programme(congress)
    item = item_of(congress)
    for counts, code in [((-1, 0, 0), "negative"), ((0, 0, 0), "none_counted")]:
        agree, disagree, abstain = counts
        assert refusal_codes(
            lambda a=agree, d=disagree, b=abstain: do_record_vote(
                item, agree=a, disagree=d, abstain=b, acting_user=staff()
            )
        ) == [code]
    assert not ShowOfHands.objects.exists()
