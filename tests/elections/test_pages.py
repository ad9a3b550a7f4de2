"""The election pages: overview, counting desk, reconciliation, entry log, results, projector."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.campaigns.models import Congress
from daihoi.elections import actions
from daihoi.elections.forms import KeyingError, parse_keyed_line
from daihoi.elections.models import BallotEntry, BoardRole, Election, ElectionKind, ElectionState
from tests.campaigns.helpers import small_campaign
from tests.conftest import login, org

pytestmark = pytest.mark.django_db

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
S = ElectionState


def loc_binh_congress() -> Congress:
    campaign = small_campaign()
    lb = org("188")
    return Congress.objects.create(
        campaign=campaign, organisation=lb, org_path=lb.path, level=lb.level
    )


def board_user(username: str) -> User:
    return User.objects.create_user(
        username,
        password="x",  # noqa: S106
        organisation=org("188"),
        roles=[Role.COUNTING_BOARD],
        full_name=f"Kiểm phiếu {username}",
    )


def counting_election(issued: int = 10, base: int = 10) -> Election:
    """A Lộc Bình election of 3 delegates from 5 names, counting, keyed by two teams."""
    staff = User.objects.get(username="locbinh")
    election = actions.do_create_election(
        loc_binh_congress(), ElectionKind.DELEGATES, 3, title="Bầu đại biểu", acting_user=staff
    )
    actions.do_set_candidates(election, NAMES, acting_user=staff)
    for username, role, team in (
        ("to1", BoardRole.TECHNICAL, 1),
        ("to2", BoardRole.TECHNICAL, 2),
        ("truongban", BoardRole.HEAD, None),
    ):
        actions.do_add_board_member(
            election, board_user(username), role=role, team=team, acting_user=staff
        )
    actions.do_transition_election(election, S.LIST_ADOPTED, acting_user=staff)
    actions.do_record_ballot_counts(election, issued=issued, collected=issued, acting_user=staff)
    actions.do_transition_election(election, S.BALLOTS_ISSUED, acting_user=staff)
    actions.do_set_base(election, base=base, acting_user=staff)
    actions.do_transition_election(election, S.COUNTING, acting_user=staff)
    election.refresh_from_db()
    return election


def key(client: Client, election: Election, team: int, line: str, **extra: str) -> dict:
    response = client.post(
        reverse("election_desk", args=[election.pk, team]),
        {"line": line, **extra},
        HTTP_ACCEPT="application/json",
    )
    return {"status": response.status_code, **response.json()}


def key_both(election: Election, lines: list[str]) -> None:
    for username, team in (("to1", 1), ("to2", 2)):
        user = User.objects.get(username=username)
        for line in lines:
            serial, *rest = line.split()
            actions.do_key_ballot(
                election,
                team=team,
                serial=int(serial),
                crossed=[int(n) for n in rest],
                acting_user=user,
            )


# DOMAIN.md's shape on a 10-base: lines 1 and 2 left on every paper win 10 votes each.
TEN = [f"{i} 3 4" for i in range(1, 6)] + [f"{i} 4 5" for i in range(6, 11)]


def test_the_keying_syntax_reads_serial_crossed_void_lines_and_reason_keys() -> None:
    reading = parse_keyed_line(" 17 5 3  x2 k d", 5)
    assert (reading.serial, reading.crossed, reading.void_lines) == (17, (3, 5), (2,))
    assert reading.flags == ("marked", "not_issued")
    assert parse_keyed_line("4", 5).crossed == ()
    with pytest.raises(KeyingError, match="Không có dòng số 9"):
        parse_keyed_line("4 9", 5)
    with pytest.raises(KeyingError, match="gõ hai lần"):
        parse_keyed_line("4 2 2", 5)
    with pytest.raises(KeyingError, match="số phiếu"):
        parse_keyed_line("k 2", 5)


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
    response = login("to1").post(reverse("election_desk", args=[election.pk, 1]), {"line": "11 2"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Phiếu số 11 nằm ngoài các số ban kiểm phiếu đã đánh (1..10)" in text
    assert 'value="11 2"' in response.content.decode()


def test_the_desk_without_js_posts_and_redirects_back() -> None:
    election = counting_election()
    response = login("to2").post(
        reverse("election_desk", args=[election.pk, 2]), {"line": "3", "key": "b" * 32}
    )
    assert response.status_code == 302
    assert BallotEntry.objects.get(election=election).team == 2


def test_the_desk_refuses_keying_outside_counting() -> None:
    election = counting_election()
    key_both(election, TEN)
    actions.do_transition_election(
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
    assert login("truongban").post(url, {"line": "1 2"}).status_code == 403
    assert not BallotEntry.objects.exists()


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
        assert client.post(urls[1], {"action": "transition"}).status_code == 404


def test_the_reconciliation_page_shows_a_differing_ballot_side_by_side() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    key(login("to2"), election, 2, "4 2 5")
    key(login("to1"), election, 1, "5")

    page = login("truongban").get(reverse("election_reconcile", args=[election.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    row = html.split('id="serial-4"')[1].split("</tr>")[0]
    assert "2 3" in row and "2 5" in row
    assert "to1" in row and "to2" in row
    assert 'name="line"' in row
    assert "Chưa thể kết thúc đối chiếu" in html
    assert "phiếu chưa được đủ các tổ nhập: 5" in html


def test_resolving_a_difference_makes_it_final() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    key(login("to2"), election, 2, "4 2 5")
    head = login("truongban")

    response = head.post(
        reverse("election_reconcile", args=[election.pk]), {"serial": "4", "line": "2 3"}
    )

    assert response.status_code == 302
    state = actions.reconciliation(election)
    assert not state.disagreements
    assert state.final[4].team == 0 and state.final[4].crossed == (2, 3)
    page = head.get(reverse("election_reconcile", args=[election.pk])).content.decode()
    assert 'id="no-disagreements"' in page


def test_a_technical_typist_may_not_open_the_reconciliation_page() -> None:
    election = counting_election()
    assert login("to1").get(reverse("election_reconcile", args=[election.pk])).status_code == 403


def test_the_board_reconciles_and_the_results_page_shows_votes_and_the_elected() -> None:
    election = counting_election()
    key_both(election, TEN)
    head = login("truongban")

    response = head.post(reverse("election_reconcile", args=[election.pk]), {"action": "reconcile"})
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.state == S.RECONCILED

    html = head.get(reverse("election_results", args=[election.pk])).content.decode()
    # Nguyễn Văn An is line 1 (ordered by given name): 10 votes of a base of 10.
    row = html.split('data-no="1"')[1].split("</tr>")[0]
    assert "10" in row and "100,00%" in row and "✓" in row
    row3 = html.split('data-no="3"')[1].split("</tr>")[0]
    assert "5" in row3 and "50,00%" in row3 and "✓" not in row3
    assert "chưa công bố" in html
    assert "Còn 1 ghế chưa đủ người trúng cử" in html


def test_announced_results_come_from_the_stored_result_and_show_on_the_projector() -> None:
    election = counting_election(base=12)
    key_both(election, TEN)
    staff = User.objects.get(username="locbinh")
    actions.do_transition_election(election, S.RECONCILED, acting_user=staff)
    login("locbinh").post(reverse("election_detail", args=[election.pk]), {"action": "transition"})
    election.refresh_from_db()
    assert election.state == S.ANNOUNCED

    html = login("locbinh").get(reverse("election_results", args=[election.pk])).content.decode()
    assert "83,33%" in html  # 10 of a base of 12
    assert election.chain_head in html

    screen = login("locbinh").get(reverse("election_screen", args=[election.pk]))
    assert screen.status_code == 200
    text = screen.content.decode()
    assert 'http-equiv="refresh" content="5"' in text
    assert "Đã công bố kết quả" in text and "trúng cử" in text


def test_the_projector_page_renders_while_counting() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "1 2")
    page = login("locbinh").get(reverse("election_screen", args=[election.pk]))
    assert page.status_code == 200
    assert 'id="screen-keyed">1<' in page.content.decode()


def test_the_results_page_says_there_is_no_result_before_reconciling() -> None:
    election = counting_election()
    page = login("locbinh").get(reverse("election_results", args=[election.pk]))
    assert 'id="no-result"' in page.content.decode()


def test_the_entry_log_lists_every_entry_including_corrections() -> None:
    election = counting_election()
    key(login("to1"), election, 1, "4 2 3")
    key(login("to2"), election, 2, "4 2 5")
    rekeyed = key(login("to2"), election, 2, "4 2 3")  # refused: not said to be a correction
    assert rekeyed["status"] == 400 and "Sửa phiếu đã nhập" in rekeyed["errors"][0]
    key(login("to2"), election, 2, "4 2 3", correction="1")  # a correction: a new entry
    key(login("to1"), election, 1, "5 1 x9")  # refused: no entry

    page = login("locbinh").get(reverse("election_log", args=[election.pk]))

    html = page.content.decode()
    assert html.count('data-seq="') == 3
    assert "<td>sửa</td>" in html
    assert "@media print" in html
    last = BallotEntry.objects.filter(election=election).order_by("-seq").first()
    assert last is not None and last.hash in html
    assert actions.reconciliation(election).final[4].crossed == (2, 3)


def test_staff_create_an_election_and_fill_it_in_on_the_overview() -> None:
    congress = loc_binh_congress()
    staff = login("locbinh")
    list_url = reverse("election_list", args=[congress.campaign.slug, "188"])
    response = staff.post(list_url, {"kind": "delegates", "seats": "2", "title": "", "teams": "3"})
    election = Election.objects.get(congress=congress)
    assert response.status_code == 302 and election.teams == 3
    url = reverse("election_detail", args=[election.pk])

    staff.post(url, {"action": "candidates", "names": "Trần Thị Bình\nNguyễn Văn An\n\n"})
    board_user("to1")
    staff.post(url, {"action": "board", "username": "to1", "role": "technical", "team": "1"})
    staff.post(url, {"action": "base", "base": "9"})
    staff.post(url, {"action": "transition"})
    staff.post(url, {"action": "counts", "issued": "9", "collected": "8"})
    election.refresh_from_db()

    assert actions.names(election) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert election.board.get().team == 1
    assert (election.base, election.ballots_issued, election.ballots_collected) == (9, 9, 8)
    assert election.state == S.LIST_ADOPTED
    page = staff.get(url).content.decode()
    assert "Chuyển sang «Đã phát phiếu»" in page
    assert "Nguyễn Văn An" in page


def test_the_overview_shows_blockers_and_refusals() -> None:
    congress = loc_binh_congress()
    staff = login("locbinh")
    election = actions.do_create_election(
        congress, "delegates", 3, acting_user=User.objects.get(username="locbinh")
    )
    url = reverse("election_detail", args=[election.pk])
    page = staff.get(url).content.decode()
    assert "Danh sách có 0 người, ít hơn số lượng được bầu (3)." in page
    follow = staff.post(
        url, {"action": "board", "username": "kiemphieu", "role": "member"}, follow=True
    )
    assert "Không có tài khoản «kiemphieu» thuộc tổ chức này." in follow.content.decode()


def test_a_leader_in_scope_sees_the_overview_but_cannot_change_it() -> None:
    election = counting_election()
    User.objects.create_user(
        "xem",
        password="x",
        organisation=org("20"),
        roles=[Role.LEADER],  # noqa: S106
    )
    client = login("xem")
    assert client.get(reverse("election_detail", args=[election.pk])).status_code == 200
    response = client.post(
        reverse("election_detail", args=[election.pk]), {"action": "base", "base": "3"}
    )
    assert response.status_code == 403


def test_a_floor_nomination_is_voted_on_from_the_election_page() -> None:
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions import do_create_election, do_set_candidates
    from tests.campaigns.helpers import open_congresses, small_campaign
    from tests.conftest import login

    campaign = small_campaign("de-cu-trang")
    open_congresses(campaign, "20")
    congress = Congress.objects.get(campaign=campaign, organisation__code="188")
    staff_user = User.objects.get(username="langson")
    election = do_create_election(congress, "delegates", 2, acting_user=staff_user)
    do_set_candidates(election, ["Lê Văn Một", "Lê Văn Hai"], acting_user=staff_user)
    client = login("langson")
    page = client.post(
        f"/bau-cu/{election.pk}/",
        {"action": "floor", "full_name": "Vi Thị Ba", "agree": "40", "present": "120"},
        follow=True,
    ).content.decode()
    assert "Đã đưa người được đề cử vào danh sách" in page
    assert "Vi Thị Ba" in page and "đề cử tại đại hội" in page
