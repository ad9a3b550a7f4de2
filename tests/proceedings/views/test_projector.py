"""The hall's screen, its live fragment and the congress minutes."""

from __future__ import annotations

import io

import pytest
from docx import Document

from daihoi.proceedings.actions.programme import do_set_item_state
from daihoi.proceedings.actions.votes import do_record_vote
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState
from tests.conftest import login
from tests.proceedings.helpers import congress_at_loc_binh, hall_of, item_of, programme, staff, url

pytestmark = pytest.mark.django_db


def test_the_projector_shows_the_item_the_quorum_and_the_latest_vote():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    item = programme(congress)[1]
    do_set_item_state(item, ItemState.CURRENT, acting_user=staff())
    do_record_vote(item, agree=8, disagree=1, abstain=0, acting_user=staff())
    client = login("locbinh")
    page = client.get(url(congress, "proceedings_projector")).content.decode()
    assert 'hx-trigger="every 1s"' in page and "htmx" in page and "cdn" not in page.lower()
    live = client.get(url(congress, "proceedings_projector_live"))
    text = live.content.decode()
    assert item.title in text
    assert 'id="screen-present">9<' in text and 'id="screen-summoned">12<' in text
    assert "THÔNG QUA" in text
    assert "no-cache" in live["Cache-Control"]


def test_the_minutes_hold_the_programme_the_hall_and_every_vote():
    from daihoi.assembly.actions.credentials import do_record_absence
    from daihoi.assembly.models import Delegate

    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    away = Delegate.objects.filter(congress=congress).order_by("pk").last()
    do_record_absence(away, absence="with_reason", reason="Ốm nằm viện", acting_user=staff())
    programme(congress)
    resolution = item_of(congress, ItemKind.RESOLUTION)
    do_set_item_state(resolution, ItemState.CURRENT, acting_user=staff())
    do_record_vote(resolution, agree=8, disagree=1, abstain=0, acting_user=staff())
    response = login("locbinh").get(url(congress, "proceedings_minutes_docx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bien-ban-dai-hoi-188.docx" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "được triệu tập: 12; có mặt: 9; vắng mặt: 3" in text
    assert "có lý do 1, không có lý do 0" in text
    assert "Thông qua nghị quyết đại hội" in text
    assert "tán thành 8" in text and "Đại hội thông qua." in text
    table_text = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Thông qua" in table_text
    assert AgendaItem.objects.filter(congress=congress).count() > 10


def _announced_election():
    from daihoi.accounts.models import User
    from daihoi.elections.actions.entries import do_key_ballot
    from daihoi.elections.actions.lifecycle import do_transition_election
    from daihoi.elections.models import ElectionState
    from tests.elections.helpers import counting_election
    from tests.elections.helpers import staff as election_staff

    election = counting_election(collected=2, base=3)
    for team, name in ((1, "to1"), (2, "to2")):
        user = User.objects.get(username=name)
        for serial in (1, 2):
            do_key_ballot(election, team=team, serial=serial, crossed=[1], acting_user=user)
    do_transition_election(election, ElectionState.RECONCILED, acting_user=election_staff())
    do_transition_election(election, ElectionState.ANNOUNCED, acting_user=election_staff())
    election.refresh_from_db()
    return election


def test_the_projector_and_the_minutes_show_an_announced_election():
    election = _announced_election()
    congress = election.congress
    elected = [c["full_name"] for c in election.result["candidates"] if c["elected"]]
    assert elected  # the premise: the announced result elects someone
    client = login("locbinh")
    screen = client.get(url(congress, "proceedings_projector_live")).content.decode()
    assert election.title in screen and 'id="result-table"' in screen
    for name in elected:
        assert name in screen
    response = client.get(url(congress, "proceedings_minutes_docx"))
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "IV. KẾT QUẢ BẦU CỬ" in text and election.title in text
    for name in elected:
        assert f"Đồng chí {name}" in text
