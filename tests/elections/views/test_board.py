"""The counting board on the overview: someone added, someone taken off (asked first)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.elections.models import BoardMember, Election, ElectionState
from tests.conftest import login
from tests.elections.views.helpers import (
    assert_page_again,
    assert_post_only,
    board_user,
    election_at,
    post,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_organisers_add_a_member_from_the_overview() -> None:
    election = election_at(S.DRAFT)
    uyvien = board_user("uyvien")
    page = login("locbinh").get(reverse("election_detail", args=[election.pk])).content.decode()
    assert f'<option value="{uyvien.pk}">Kiểm phiếu uyvien' in page  # chosen by name
    data = {"person": uyvien.pk, "role": "member", "may_rule": "on"}
    assert post("locbinh", "election_board_add", [election.pk], data).status_code == 302
    assert election.board.get(user__username="uyvien").may_rule


def test_an_unknown_account_is_refused_on_the_page_keeping_what_was_typed() -> None:
    election = election_at(S.DRAFT)
    data = {"person": 987654, "role": "member", "reason": "thử"}
    response = post("locbinh", "election_board_add", [election.pk], data)
    assert_page_again(response, "Người được chọn không thuộc tổ chức này.", 'value="thử"')


def test_while_counting_the_organisers_may_not_change_the_board() -> None:
    election = election_at(S.COUNTING)
    uyvien = board_user("uyvien")
    data = {"person": uyvien.pk, "role": "member", "reason": "bổ sung"}
    assert post("locbinh", "election_board_add", [election.pk], data).status_code == 403
    assert not election.board.filter(user__username="uyvien").exists()
    assert_post_only("election_board_add", [election.pk])


def test_the_organisers_take_a_member_off_after_being_asked() -> None:
    election = election_at(S.LIST_ADOPTED)
    member = election.board.get(user__username="to2")
    url = reverse("election_board_remove", args=[election.pk, member.pk])
    page = login("locbinh").get(reverse("election_detail", args=[election.pk])).content.decode()
    form = page.split(f'action="{url}"')[1].split("</form>")[0]
    assert "data-confirm=" in form and "ra khỏi ban kiểm phiếu" in form
    assert post("locbinh", "election_board_remove", [election.pk, member.pk]).status_code == 302
    assert not BoardMember.objects.filter(pk=member.pk).exists()


def test_nobody_is_taken_off_once_counting_and_the_page_says_why() -> None:
    election = election_at(S.COUNTING)
    member = election.board.get(user__username="to2")
    page = login("locbinh").get(reverse("election_detail", args=[election.pk])).content.decode()
    assert "/bo/" not in page  # no button to take anyone off
    response = post("locbinh", "election_board_remove", [election.pk, member.pk])
    assert_page_again(response, "Ban kiểm phiếu đã cố định khi bắt đầu kiểm phiếu")
    assert BoardMember.objects.filter(pk=member.pk).exists()


def test_a_typist_may_not_take_anyone_off() -> None:
    election = election_at(S.DRAFT)
    member = election.board.get(user__username="to2")
    assert post("to1", "election_board_remove", [election.pk, member.pk]).status_code == 403
    assert BoardMember.objects.filter(pk=member.pk).exists()
    assert_post_only("election_board_remove", [election.pk, member.pk])


def test_sign_in_sheets_are_printed_for_the_members_who_never_signed_in() -> None:
    election = election_at(S.DRAFT)
    url = reverse("election_board_sheets", args=[election.pk])
    assert post("to1", "election_board_sheets", [election.pk]).status_code == 403
    response = login("locbinh").post(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    issued = {i.user.username: i for i in response.context["issued"]}
    # to1 signed in for the refused post above: only the two others get a sheet.
    assert set(issued) == {"to2", "truongban"}
    assert issued["to2"].user.check_password(issued["to2"].password)
    # Once all have signed in there is nothing to print: the page says so, by code.
    User.objects.filter(username__in=issued).update(last_login=timezone.now())
    again = login("locbinh").post(url)
    assert again.status_code == 400 and "đều đã đăng nhập" in again.content.decode()
    assert_post_only("election_board_sheets", [election.pk])


def test_no_sheets_once_the_count_is_reconciled() -> None:
    election = election_at(S.COUNTING)
    Election.objects.filter(pk=election.pk).update(state=S.RECONCILED)
    page = login("locbinh").get(reverse("election_detail", args=[election.pk])).content.decode()
    assert 'id="board-sheets"' not in page
    response = post("locbinh", "election_board_sheets", [election.pk])
    assert response.status_code == 400 and "Đã kiểm phiếu xong" in response.content.decode()
