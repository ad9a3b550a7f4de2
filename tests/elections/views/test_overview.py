"""A congress's elections, opening one, and the election's overview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.elections.actions.lifecycle import do_create_election
from daihoi.elections.models import Election, ElectionState
from daihoi.elections.queries import names
from tests.conftest import login
from tests.elections.views.helpers import (
    board_user,
    counting_election,
    loc_binh_congress,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_another_province_gets_404_on_every_election_page() -> None:
    election = counting_election()
    congress = election.congress
    urls = [
        reverse("election_list", args=[congress.campaign.slug, "188"]),
        reverse("election_detail", args=[election.pk]),
        reverse("election_desk", args=[election.pk, 1]),
        reverse("election_reconcile", args=[election.pk]),
        reverse("election_log", args=[election.pk]),
        reverse("election_results", args=[election.pk]),
        reverse("election_screen", args=[election.pk]),
    ]
    for username in ("kiemphieu", "soctrang"):
        client = login(username)
        for url in urls:
            assert client.get(url).status_code == 404, (username, url)
        assert client.post(reverse("election_transition", args=[election.pk])).status_code == 404


def test_staff_create_an_election_and_fill_it_in_on_the_overview() -> None:
    congress = loc_binh_congress()
    staff = login("locbinh")
    list_url = reverse("election_create", args=[congress.campaign.slug, "188"])
    response = staff.post(list_url, {"kind": "delegates", "seats": "2", "title": "", "teams": "3"})
    election = Election.objects.get(congress=congress)
    assert response.status_code == 302 and election.teams == 3
    url = reverse("election_detail", args=[election.pk])

    def post(name: str, data: dict[str, str]) -> None:
        assert staff.post(reverse(name, args=[election.pk]), data).status_code == 302

    post("election_candidates", {"names": "Trần Thị Bình\nNguyễn Văn An\n\n"})
    typist = board_user("to1")
    post("election_board_add", {"person": str(typist.pk), "role": "technical", "team": "1"})
    post("election_base", {"base": "9"})
    post("election_transition", {})
    post("election_ballot_counts", {"issued": "9", "collected": "8"})
    election.refresh_from_db()

    assert names(election) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert election.board.get().team == 1
    assert (election.base, election.ballots_issued, election.ballots_collected) == (9, 9, 8)
    assert election.state == S.LIST_ADOPTED
    page = staff.get(url).content.decode()
    assert "Chuyển sang «Đã phát phiếu»" in page
    assert "Nguyễn Văn An" in page


def test_the_overview_shows_blockers_and_refusals() -> None:
    congress = loc_binh_congress()
    staff = login("locbinh")
    election = do_create_election(
        congress, "delegates", 3, acting_user=User.objects.get(username="locbinh")
    )
    url = reverse("election_detail", args=[election.pk])
    page = staff.get(url).content.decode()
    assert "Danh sách có 0 người, ít hơn số lượng được bầu (3)." in page
    refused = staff.post(
        reverse("election_board_add", args=[election.pk]),
        {"person": User.objects.get(username="kiemphieu").pk, "role": "member", "reason": "x"},
    )
    # The page again, the reason beside the board's form and what was typed kept.
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Người được chọn không thuộc tổ chức này." in html
    assert 'value="x"' in html
    assert "Danh sách có 0 người" in html  # the rest of the page is still there


def test_an_election_is_opened_from_the_congress_list_under_its_campaigns_regulation() -> None:
    congress = loc_binh_congress()
    page = login("locbinh").get(reverse("election_list", args=[congress.campaign.slug, "188"]))
    create = reverse("election_create", args=[congress.campaign.slug, "188"])
    assert f'action="{create}"' in page.content.decode()
    data = {"kind": "committee", "seats": "5", "title": "", "teams": "2"}
    assert login("locbinh").post(create, data).status_code == 302
    election = Election.objects.get(congress=congress)
    assert election.rule_set == "qd244-2014"  # the 2020–2025 campaign's regulation


def test_an_election_with_no_seats_is_refused_on_the_list_keeping_the_title() -> None:
    congress = loc_binh_congress()
    create = reverse("election_create", args=[congress.campaign.slug, "188"])
    data = {"kind": "committee", "seats": "0", "title": "Bầu thử", "teams": "2"}
    response = login("locbinh").post(create, data)
    assert response.status_code == 400
    assert 'value="Bầu thử"' in response.content.decode()
    assert not Election.objects.filter(congress=congress).exists()


def test_a_typist_may_not_open_an_election() -> None:
    congress = loc_binh_congress()
    board_user("go")
    create = reverse("election_create", args=[congress.campaign.slug, "188"])
    data = {"kind": "committee", "seats": "5", "title": "", "teams": "2"}
    assert login("go").post(create, data).status_code == 403
    assert login("locbinh").get(create).status_code == 405
    assert not Election.objects.filter(congress=congress).exists()


def test_the_overview_and_the_list_answer_post_with_405() -> None:
    election = counting_election()
    campaign = election.congress.campaign.slug
    assert login("locbinh").post(reverse("election_detail", args=[election.pk])).status_code == 405
    url = reverse("election_list", args=[campaign, "188"])
    assert login("locbinh").post(url).status_code == 405
