"""The result, the hall's screen and the entry log."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import BallotEntry, ElectionState
from daihoi.elections.queries import reconciliation
from tests.conftest import login
from tests.elections.views.helpers import (
    TEN,
    counting_election,
    key,
    key_both,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_board_reconciles_and_the_results_page_shows_votes_and_the_elected() -> None:
    election = counting_election()
    key_both(election, TEN)
    head = login("truongban")

    response = head.post(
        reverse("election_transition", args=[election.pk]), {"target": S.RECONCILED}
    )
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
    do_transition_election(election, S.RECONCILED, acting_user=staff)
    login("locbinh").post(reverse("election_transition", args=[election.pk]))
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
    # Printable: a print button, a signature line on paper only, and the print rules in
    # the stylesheet (no inline styles under the policy, style-src 'self').
    assert "data-print" in html and "print-only signature-line" in html
    stylesheet = finders.find("daihoi/site.css")
    assert stylesheet and "@media print" in Path(stylesheet).read_text(encoding="utf-8")
    last = BallotEntry.objects.filter(election=election).order_by("-seq").first()
    assert last is not None and last.hash in html
    assert reconciliation(election).final[4].crossed == (2, 3)
