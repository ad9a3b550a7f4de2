"""Show-of-hands votes recorded and corrected from the presidium's page or the item's page."""

from __future__ import annotations

import pytest

from daihoi.proceedings.actions.programme import do_set_item_state
from daihoi.proceedings.actions.votes import do_record_vote
from daihoi.proceedings.models import ItemState, ShowOfHands
from tests.conftest import login
from tests.denials import assert_post_only
from tests.proceedings.helpers import (
    assert_post_denied,
    congress_at_loc_binh,
    hall_of,
    programme,
    staff,
    url,
)

pytestmark = pytest.mark.django_db


def under_way(summoned=12, present=9):
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=summoned, present=present)
    item = programme(congress)[1]
    do_set_item_state(item, ItemState.CURRENT, acting_user=staff())
    return congress, item


def counts(agree, disagree, abstain, **more):
    return {"agree": str(agree), "disagree": str(disagree), "abstain": str(abstain), **more}


# --- recording a vote -----------------------------------------------------------------------


def test_a_vote_entered_on_the_presidium_page_shows_the_refusal_with_both_numbers():
    congress, item = under_way()
    client = login("locbinh")
    path = url(congress, "proceedings_vote_record", pk=item.pk)
    page = client.get(url(congress, "proceedings_presidium")).content.decode()
    assert f'action="{path}"' in page
    response = client.post(path, counts(9, 1, 0, back="presidium", motion="Thông qua"))
    assert response.status_code == 409
    text = response.content.decode()
    assert "Tổng số biểu quyết là 10" in text and "số đại biểu có mặt là 9" in text
    # The presidium's page again, with the figures and the motion as typed.
    assert 'id="current-item"' in text and 'id="add-item"' in text
    assert 'name="agree" value="9"' in text and 'value="Thông qua"' in text
    assert not ShowOfHands.objects.exists()
    done = client.post(path, counts(8, 1, 0, back="presidium"))
    assert done["Location"] == url(congress, "proceedings_presidium")
    assert ShowOfHands.objects.get().adopted


def test_a_vote_entered_on_the_item_page_goes_back_to_it():
    congress, item = under_way()
    path = url(congress, "proceedings_vote_record", pk=item.pk)
    response = login("locbinh").post(path, counts(8, 1, 0, back="item"), follow=True)
    assert response.redirect_chain[-1][0] == url(congress, "proceedings_item", pk=item.pk)
    assert "được thông qua" in response.content.decode()


def test_a_count_that_is_not_a_number_is_marked_at_its_box():
    congress, item = under_way()
    path = url(congress, "proceedings_vote_record", pk=item.pk)
    response = login("locbinh").post(path, counts(8, "x", 0, back="item"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "«x» không phải số nguyên" in text
    assert f'id="vote-{item.pk}-disagree-error"' in text
    assert 'name="agree" value="8"' in text


def test_an_item_without_a_rule_refuses_a_vote_by_code():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    first = programme(congress)[0]  # the opening: no show of hands
    response = login("locbinh").post(
        url(congress, "proceedings_vote_record", pk=first.pk), counts(3, 0, 0)
    )
    assert response.status_code == 409
    assert "không có biểu quyết" in response.content.decode()
    assert not ShowOfHands.objects.exists()


def test_only_the_organisers_record_votes():
    congress, item = under_way()
    path = url(congress, "proceedings_vote_record", pk=item.pk)
    assert_post_only(path)
    assert_post_denied(path, counts(8, 1, 0))
    assert not ShowOfHands.objects.exists()


# --- correcting a vote ----------------------------------------------------------------------


def test_a_vote_is_corrected_from_its_row_and_the_row_says_so():
    congress, item = under_way()
    vote = do_record_vote(item, agree=3, disagree=6, abstain=0, acting_user=staff())
    client = login("locbinh")
    presidium = client.get(url(congress, "proceedings_presidium")).content.decode()
    path = url(congress, "proceedings_vote_correct", pk=vote.pk)
    assert "Sửa số nhập nhầm" in presidium and f'action="{path}"' in presidium
    refused = client.post(path, counts(6, 3, "x", reason="Nhầm", back="presidium"))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "«x» không phải số nguyên" in text
    assert '<details class="vote-correct" open>' in text and 'value="Nhầm"' in text
    page = client.post(path, counts(6, 3, 0, reason="Đọc nhầm", back="presidium"), follow=True)
    text = page.content.decode()
    assert "Đã sửa biểu quyết" in text and "Đọc nhầm" in text
    vote.refresh_from_db()
    assert (vote.agree, vote.adopted) == (6, True)


def test_a_correction_without_a_change_is_refused_next_to_the_form():
    congress, item = under_way()
    vote = do_record_vote(item, agree=3, disagree=6, abstain=0, acting_user=staff())
    path = url(congress, "proceedings_vote_correct", pk=vote.pk)
    response = login("locbinh").post(path, counts(3, 6, 0, reason="Nhầm", back="item"))
    assert response.status_code == 409
    assert "không khác số đã ghi" in response.content.decode()
    vote.refresh_from_db()
    assert vote.corrected_at is None


def test_only_the_organisers_correct_votes():
    congress, item = under_way()
    vote = do_record_vote(item, agree=3, disagree=6, abstain=0, acting_user=staff())
    path = url(congress, "proceedings_vote_correct", pk=vote.pk)
    assert_post_only(path)
    assert_post_denied(path, counts(6, 3, 0, reason="Nhầm"))
    vote.refresh_from_db()
    assert vote.agree == 3


def test_another_congress_s_vote_cannot_be_reached():
    congress, _item = under_way()
    other = congress_at_loc_binh("dot-khac")
    hall_of(other, summoned=12, present=9)
    foreign_item = programme(other)[1]
    foreign = do_record_vote(foreign_item, agree=5, disagree=0, abstain=0, acting_user=staff())
    path = url(congress, "proceedings_vote_correct", pk=foreign.pk)
    response = login("locbinh").post(path, counts(6, 0, 0, reason="x"))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.agree == 5
