"""The list on the ballot and a floor nomination, posted from the overview."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import User
from daihoi.elections.models import ElectionState
from daihoi.elections.queries import names
from tests.conftest import login
from tests.elections.views.helpers import (
    NAMES,
    assert_page_again,
    assert_post_only,
    election_at,
    post,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_a_floor_nomination_is_voted_on_from_the_election_page() -> None:
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions.candidates import do_set_candidates
    from daihoi.elections.actions.lifecycle import do_create_election
    from tests.campaigns.helpers import open_congresses, small_campaign

    campaign = small_campaign("de-cu-trang")
    open_congresses(campaign, "20")
    congress = Congress.objects.get(campaign=campaign, organisation__code="188")
    staff_user = User.objects.get(username="langson")
    election = do_create_election(congress, "delegates", 2, acting_user=staff_user)
    do_set_candidates(election, ["Lê Văn Một", "Lê Văn Hai"], acting_user=staff_user)
    client = login("langson")
    page = client.post(
        f"/bau-cu/{election.pk}/danh-sach/de-cu/",
        {"full_name": "Vi Thị Ba", "agree": "40", "present": "120"},
        follow=True,
    ).content.decode()
    assert "Đã đưa người được đề cử vào danh sách" in page
    assert "Vi Thị Ba" in page and "đề cử tại đại hội" in page


def test_the_list_is_saved_from_the_overview_in_ballot_order() -> None:
    election = election_at(S.DRAFT)
    response = post("locbinh", "election_candidates", [election.pk], {"names": "Vi Văn Ba\nLò An"})
    assert response.status_code == 302
    assert names(election) == ["Lò An", "Vi Văn Ba"]


def test_the_list_once_adopted_is_refused_on_the_page_with_what_was_typed() -> None:
    election = election_at(S.LIST_ADOPTED)
    response = post("locbinh", "election_candidates", [election.pk], {"names": "Vi Văn Ba"})
    assert_page_again(response, "Danh sách chỉ sửa được khi còn là dự thảo.")
    assert len(names(election)) == len(NAMES)


def test_a_typist_may_not_save_the_list() -> None:
    election = election_at(S.DRAFT)
    assert (
        post("to1", "election_candidates", [election.pk], {"names": "Vi Văn Ba"}).status_code == 403
    )
    assert len(names(election)) == len(NAMES)
    assert_post_only("election_candidates", [election.pk])


def test_a_floor_nomination_after_the_list_is_adopted_is_refused_on_the_page() -> None:
    election = election_at(S.LIST_ADOPTED)
    data = {"full_name": "Vi Thị Ba", "agree": "40", "present": "120"}
    response = post("locbinh", "election_floor_nomination", [election.pk], data)
    # The form is no longer offered: the reason is shown at the top of the page.
    html = assert_page_again(response, "Chỉ đề cử thêm khi danh sách còn là dự thảo.")
    assert 'id="floor-nomination"' not in html


def test_a_floor_nomination_with_a_missing_count_marks_the_field() -> None:
    election = election_at(S.DRAFT)
    data = {"full_name": "Vi Thị Ba", "agree": "", "present": "120"}
    response = post("locbinh", "election_floor_nomination", [election.pk], data)
    html = assert_page_again(response, 'value="Vi Thị Ba"', 'value="120"')
    # The field to correct has the cursor.
    assert 'name="agree"' in html.split(" autofocus")[0].rsplit("<input", 1)[-1]


def test_a_typist_may_not_record_a_floor_nomination() -> None:
    election = election_at(S.DRAFT)
    data = {"full_name": "Vi Thị Ba", "agree": "40", "present": "120"}
    assert post("to1", "election_floor_nomination", [election.pk], data).status_code == 403
    assert_post_only("election_floor_nomination", [election.pk])
