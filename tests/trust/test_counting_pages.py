"""Issue 14 through the pages: the desk, reconciliation, the void form, the log and the board form.

What a typist, the head or an organiser can do from a browser (the Django test
client, logged in as each). Refusals are checked the way the user sees them
(the refusal's own text, taken from `chain.REFUSALS`, not written out here),
by what was stored (nothing), and by the audit trail ("election.refused" with
the attempt and its codes). The actions themselves are attacked in
test_counting_integrity.py, whose election this module reuses.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.elections import chain
from daihoi.elections.models import BallotEntry, BoardRole, Election
from daihoi.elections.queries import reconciliation
from daihoi.lib import electionrecord as lib
from tests.conftest import login
from tests.trust.test_counting_integrity import (
    Seat,
    counting,
    head,
    key_both,
    last_audit,
    person,
    refusals_after,
    stored,
)
from tests.trust.test_counting_integrity import (
    signing_key as signing_key,  # noqa: F401 - the autouse fixture: a signing key per test
)

pytestmark = pytest.mark.django_db


def refusal(code: lib.Code, **values: Any) -> str:
    """The refusal as the user reads it."""
    return chain.refusal_text(
        lib.Problem(
            code,
            values.get("serial", 0),
            values.get("team", 0),
            values.get("person", ""),
            values.get("detail", ""),
        )
    )


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def desk(client: Client, election: Election, team: int, line: str, **extra: str) -> dict:
    response = client.post(
        reverse("election_key", args=[election.pk, team]),
        {"line": line, **extra},
        HTTP_ACCEPT="application/json",
    )
    return {"status": response.status_code, **response.json()}


def typist(username: str) -> Client:
    person(username)
    return login(username)


# --- the desk ------------------------------------------------------------------------------


def test_the_desk_refuses_a_rekey_without_the_correction_box_and_takes_it_with() -> None:
    election = counting()
    to1 = typist("to1")
    assert desk(to1, election, 1, "3 4")["ok"]
    before, since = stored(election), last_audit()

    again = desk(to1, election, 1, "3 2")

    assert again["status"] == 400 and not again["ok"] and again["seq"] is None
    assert again["errors"] == [refusal(lib.Code.REKEY, serial=3, team=1, person="to1")]
    assert stored(election) == before
    assert refusals_after(since) == [("key_ballot", ["rekey"], "to1")]

    for off in ("0", "", "no"):
        assert desk(to1, election, 1, "3 2", correction=off)["status"] == 400
    assert stored(election) == before

    corrected = desk(to1, election, 1, "3 2", correction="1")
    assert corrected["status"] == 200 and corrected["ok"]
    assert corrected["seq"] == 2 and corrected["serial"] == 3
    rows = list(election.entries.order_by("seq").values_list("action", "crossed"))
    assert rows == [("key", [4]), ("correct", [2])]

    log = text(login("langson").get(reverse("election_log", args=[election.pk])))
    assert log.count('data-seq="') == 2
    assert "<td>sửa</td>" in log


def test_the_desk_refuses_a_phantom_serial_and_keying_for_the_other_team() -> None:
    election = counting(issued=300, collected=298)
    to1 = typist("to1")
    since = last_audit()
    answer = desk(to1, election, 1, "299 1")
    assert answer["status"] == 400
    assert answer["errors"] == [
        refusal(lib.Code.SERIAL_RANGE, serial=299, team=1, person="to1", detail="1..298")
    ]
    # The other team's desk is not this typist's page.
    assert (
        to1.post(reverse("election_key", args=[election.pk, 2]), {"line": "1"}).status_code == 403
    )
    assert not election.entries.exists()
    assert refusals_after(since) == [("key_ballot", ["serial_range"], "to1")]


# --- the reconciliation page ----------------------------------------------------------------


def test_a_ruling_on_a_paper_both_teams_agree_on_is_refused_on_the_page() -> None:
    election = counting()
    key_both(election, {1: [4], 2: [3]})
    board = login(head().username)
    url = reverse("election_rule", args=[election.pk])
    before, since = stored(election), last_audit()

    page = board.post(url, {"serial": "1", "line": "2"}, follow=True)

    # The reconciliation page again (400), the reason shown.
    assert page.status_code == 400 and page.redirect_chain == []
    assert refusal(lib.Code.NOT_DISPUTED, serial=1, team=0, person="truongban") in text(page)
    assert stored(election) == before
    assert refusals_after(since) == [("key_ballot", ["not_disputed"], "truongban")]
    assert reconciliation(election).final[1].crossed == (4,)


def test_a_ruling_posted_by_a_typist_who_keyed_it_is_refused() -> None:
    uyvien = person("uyvien")
    election = counting(extra=[Seat(uyvien, BoardRole.MEMBER, 1, may_rule=True)])
    to2 = typist("to2")
    client = login("uyvien")
    assert desk(client, election, 1, "4 1")["ok"]
    assert desk(to2, election, 2, "4 3")["ok"]
    page = client.get(reverse("election_reconcile", args=[election.pk]))
    assert 'id="void-form"' in page.content.decode()  # named for rulings: sees the form
    url = reverse("election_rule", args=[election.pk])
    before, since = stored(election), last_audit()

    answer = client.post(url, {"serial": "4", "line": "1"}, follow=True)

    assert refusal(lib.Code.DECIDER_KEYED, serial=4, team=0, person="uyvien") in text(answer)
    assert stored(election) == before
    assert refusals_after(since) == [("key_ballot", ["decider_keyed"], "uyvien")]
    # The head rules it.
    login("truongban").post(url, {"serial": "4", "line": "3"})
    assert reconciliation(election).final[4].team == 0


def test_the_void_form_refuses_a_typist_and_takes_the_heads_reason() -> None:
    election = counting(issued=25, collected=25)
    to1, to2 = typist("to1"), typist("to2")
    assert desk(to1, election, 1, "12 3")["ok"]  # paper 21's reading, keyed as 12
    assert desk(to2, election, 2, "12 1")["ok"]
    reconcile_url = reverse("election_reconcile", args=[election.pk])
    void_url = reverse("election_void_entry", args=[election.pk])
    board = login("truongban")
    page = board.get(reconcile_url).content.decode()
    assert f'action="{void_url}"' in page and 'id="void-form"' in page
    form = {"serial": "12", "team": "1", "reason": "Tổ 1 gõ nhầm phiếu 21 thành 12"}

    # A typist posts the form anyway: refused, shown, nothing stored, logged.
    before, since = stored(election), last_audit()
    answer = to1.post(void_url, form)
    # The reconciliation page is not a typist's (403): the refusal is shown on the
    # election's page instead.
    detail_url = reverse("election_detail", args=[election.pk])
    assert (answer.status_code, answer["Location"]) == (302, detail_url)
    shown = text(to1.get(detail_url))
    assert refusal(lib.Code.NOT_DECIDER, serial=12, team=1, person="to1") in shown
    assert stored(election) == before
    assert refusals_after(since) == [("void_entry", ["not_decider"], "to1")]
    assert to1.get(reconcile_url).status_code == 403
    # Only GET is refused outright.
    assert to1.get(void_url).status_code == 405

    # The head without a reason: the form itself refuses; with one, it is done.
    no_reason = board.post(void_url, {**form, "reason": ""}, follow=True)
    assert no_reason.status_code == 400 and "Lý do hủy" in text(no_reason)
    assert stored(election) == before
    done = board.post(void_url, form, follow=True)
    assert done.redirect_chain == [(reconcile_url, 302)]
    void = election.entries.get(action="void")
    assert (void.team, void.serial, void.keyed_by_name) == (1, 12, "truongban")
    assert desk(to1, election, 1, "12 1")["ok"]
    assert reconciliation(election).final[12].crossed == (1,)

    log = text(board.get(reverse("election_log", args=[election.pk])))
    assert log.count('data-seq="') == 4
    assert "hủy lượt nhập: Tổ 1 gõ nhầm phiếu 21 thành 12" in log


def test_a_void_with_a_blank_reason_is_refused_by_the_action_too() -> None:
    # A reason of spaces is no reason (the action's own `no_reason` is in the other module).
    election = counting()
    key_both(election, {1: [4]})
    board = login("truongban")
    before, since = stored(election), last_audit()
    page = board.post(
        reverse("election_void_entry", args=[election.pk]),
        {"serial": "1", "team": "1", "reason": "   "},
        follow=True,
    )
    assert page.status_code == 400
    assert "Lý do hủy:" in text(page)  # the form strips the spaces and asks for a reason
    assert stored(election) == before
    assert refusals_after(since) == []  # refused before the action: nothing was attempted


# --- the board form on the election page ----------------------------------------------------


def test_the_board_form_during_counting_refuses_the_organisers_and_takes_the_heads_reason(
    tmp_path: Path,
) -> None:
    election = counting()
    bosung = person("bosung")
    page_url = reverse("election_detail", args=[election.pk])
    url = reverse("election_board_add", args=[election.pk])
    form = {"person": bosung.pk, "role": "technical", "team": "2"}

    # The organisers: the form is gone, and a post is refused (403), logged, stores nothing.
    organiser = login("langson")
    assert 'id="board-form"' not in organiser.get(page_url).content.decode()
    before, since = stored(election), last_audit()
    for who in ("bosung", "langson"):
        response = organiser.post(
            url, {**form, "person": User.objects.get(username=who).pk, "reason": "bổ sung"}
        )
        assert response.status_code == 403
    assert stored(election) == before
    assert refusals_after(since) == [("add_board_member", ["permission"], "langson")] * 2

    # The head, without a reason: refused with the rule's own words.
    board = login("truongban")
    assert 'id="board-form"' in board.get(page_url).content.decode()
    answer = board.post(url, form, follow=True)
    assert refusal(lib.Code.NO_REASON) in text(answer)
    assert stored(election) == before
    assert refusals_after(since)[-1] == ("add_board_member", ["no_reason"], "truongban")

    # With a reason: the member is on team 2 and the change is an entry of the chain.
    answer = board.post(url, {**form, "reason": "Thay đồng chí to2 bị ốm"}, follow=True)
    assert "Đã cập nhật ban kiểm phiếu." in text(answer)
    assert election.board.get(user__username="bosung").team == 2
    change = BallotEntry.objects.get(election=election, action="board")
    assert change.reason == "Thay đồng chí to2 bị ốm" and change.member["team"] == 2
    log = text(board.get(reverse("election_log", args=[election.pk])))
    assert "thay đổi ban kiểm phiếu: Thay đồng chí to2 bị ốm" in log

    # And a typist who keyed cannot be moved from the page either.
    to1 = typist("to1")
    assert desk(to1, election, 1, "1 4")["ok"]
    before, since = stored(election), last_audit()
    moved = board.post(
        url,
        {**form, "person": User.objects.get(username="to1").pk, "reason": "điều chuyển"},
        follow=True,
    )
    assert refusal(lib.Code.MOVE_AFTER_KEYING, team=2, detail="to1") in text(moved)
    assert stored(election) == before
    assert refusals_after(since) == [("add_board_member", ["move_after_keying"], "truongban")]
