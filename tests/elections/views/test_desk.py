"""The counting desk: its page, and a keyed line posted with or without its script."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import BallotEntry, ElectionState
from tests.conftest import login
from tests.elections.views.helpers import (
    TEN,
    counting_election,
    key,
    key_both,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_desk_records_a_keyed_line_and_counts_this_teams_papers() -> None:
    election = counting_election()
    client = login("to1")
    page = client.get(reverse("election_desk", args=[election.pk, 1]))
    assert page.status_code == 200
    assert "Phạm Thị Dung" in page.content.decode()

    answer = key(client, election, 1, "7 3 5", key="k" * 32)

    assert answer["status"] == 200 and answer["ok"]
    assert answer["keyed"] == 1
    assert "Phiếu 7" in answer["message"]
    entry = BallotEntry.objects.get(election=election)
    assert (entry.team, entry.serial, entry.crossed, entry.keyed_by_name) == (1, 7, [3, 5], "to1")
    assert 'data-serial="7"' in answer["recent"]


def test_a_resent_line_with_the_same_key_is_recorded_once() -> None:
    election = counting_election()
    client = login("to1")
    key(client, election, 1, "2 1", key="a" * 32)
    again = key(client, election, 1, "2 1", key="a" * 32)
    assert again["ok"] and again["keyed"] == 1
    assert BallotEntry.objects.filter(election=election).count() == 1


def test_a_malformed_resend_key_is_refused_not_replaced() -> None:
    election = counting_election()
    answer = key(login("to1"), election, 1, "2 1", key="x y")
    assert answer["status"] == 400
    assert answer["errors"] == ["Mã gửi lại «x y» không hợp lệ."]
    assert not BallotEntry.objects.filter(election=election).exists()


def test_the_desk_rejects_an_unknown_line_number_with_a_named_message() -> None:
    election = counting_election()
    client = login("to1")

    answer = key(client, election, 1, "7 3 9")

    assert answer["status"] == 400
    assert answer["errors"] == ["Không có dòng số 9: danh sách có 5 người."]
    assert not BallotEntry.objects.exists()


def test_the_desk_rejects_a_serial_outside_those_issued_without_js_too() -> None:
    election = counting_election()
    response = login("to1").post(reverse("election_key", args=[election.pk, 1]), {"line": "11 2"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Phiếu số 11 nằm ngoài các số ban kiểm phiếu đã đánh (1..10)" in text
    assert 'value="11 2"' in response.content.decode()


def test_the_desk_without_js_posts_and_redirects_back() -> None:
    election = counting_election()
    response = login("to2").post(
        reverse("election_key", args=[election.pk, 2]), {"line": "3", "key": "b" * 32}
    )
    assert response.status_code == 302
    assert BallotEntry.objects.get(election=election).team == 2


def test_the_desk_refuses_keying_outside_counting() -> None:
    election = counting_election()
    key_both(election, TEN)
    do_transition_election(
        election, S.RECONCILED, acting_user=User.objects.get(username="truongban")
    )
    answer = key(login("to1"), election, 1, "3 1")
    assert answer["status"] == 400
    assert answer["errors"] == ["Chỉ nhập phiếu khi đang kiểm phiếu."]


def test_a_non_member_of_the_team_gets_403_on_the_desk() -> None:
    election = counting_election()
    url = reverse("election_desk", args=[election.pk, 1])
    assert login("to2").get(url).status_code == 403
    assert login("locbinh").get(url).status_code == 403
    post = reverse("election_key", args=[election.pk, 1])
    assert login("truongban").post(post, {"line": "1 2"}).status_code == 403
    assert not BallotEntry.objects.exists()


def test_the_desk_page_posts_its_lines_to_the_key_url_which_refuses_get() -> None:
    election = counting_election()
    url = reverse("election_key", args=[election.pk, 1])
    page = login("to1").get(reverse("election_desk", args=[election.pk, 1])).content.decode()
    assert f'action="{url}"' in page
    assert login("to1").get(url).status_code == 405
    assert login("to1").post(reverse("election_desk", args=[election.pk, 1])).status_code == 405
