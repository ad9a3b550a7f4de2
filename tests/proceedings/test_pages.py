"""The presidium page, an item page, the projector and its live fragment, as a user sees them."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from daihoi.proceedings.actions import do_record_vote, do_set_item_state
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState, ShowOfHands
from tests.conftest import login
from tests.proceedings.helpers import congress_at_loc_binh, hall_of, item_of, programme, staff

pytestmark = pytest.mark.django_db


def urls(congress, name, **extra):
    return reverse(name, kwargs={"campaign": congress.campaign.slug, "code": "188", **extra})


def test_staff_create_the_default_programme_from_the_page():
    congress = congress_at_loc_binh()
    client = login("locbinh")
    page = client.get(urls(congress, "proceedings_presidium"))
    assert "Tạo chương trình mặc định" in page.content.decode()
    client.post(urls(congress, "proceedings_presidium"), {"action": "default"})
    page = client.get(urls(congress, "proceedings_presidium")).content.decode()
    assert "Bầu Đoàn Chủ tịch đại hội" in page and "Phiên trù bị" in page


def test_a_vote_entered_on_the_page_shows_the_refusal_with_both_numbers():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    item = programme(congress)[1]
    do_set_item_state(item, ItemState.CURRENT, acting_user=staff())
    client = login("locbinh")
    response = client.post(
        urls(congress, "proceedings_presidium"),
        {"action": "vote", "item": item.pk, "agree": "9", "disagree": "1", "abstain": "0"},
        follow=True,
    )
    text = response.content.decode()
    assert "Tổng số biểu quyết là 10" in text and "số đại biểu có mặt là 9" in text
    assert not ShowOfHands.objects.exists()
    client.post(
        urls(congress, "proceedings_presidium"),
        {"action": "vote", "item": item.pk, "agree": "8", "disagree": "1", "abstain": "0"},
    )
    assert ShowOfHands.objects.get().adopted


def test_a_reader_may_look_but_not_post():
    congress = congress_at_loc_binh()
    programme(congress)
    client = login("lanhdao")  # leader of Thái Bình: outside Lộc Bình
    assert client.get(urls(congress, "proceedings_presidium")).status_code == 404
    typist_view = login("daibieu")  # a delegate below Lộc Bình: the district's congress is above
    assert typist_view.get(urls(congress, "proceedings_projector")).status_code == 404
    response = login("soctrang").post(
        urls(congress, "proceedings_presidium"), {"action": "default"}
    )
    assert response.status_code == 404


def test_an_item_of_another_congress_is_not_found():
    congress = congress_at_loc_binh()
    programme(congress)
    other = congress_at_loc_binh("dien-bien-khac")
    foreign = programme(other)[0]
    response = login("locbinh").get(urls(congress, "proceedings_item", pk=foreign.pk))
    assert response.status_code == 404


def test_the_projector_shows_the_item_the_quorum_and_the_latest_vote():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    item = programme(congress)[1]
    do_set_item_state(item, ItemState.CURRENT, acting_user=staff())
    do_record_vote(item, agree=8, disagree=1, abstain=0, acting_user=staff())
    client = login("locbinh")
    page = client.get(urls(congress, "proceedings_projector")).content.decode()
    assert 'hx-trigger="every 1s"' in page and "htmx" in page and "cdn" not in page.lower()
    live = client.get(urls(congress, "proceedings_projector_live"))
    text = live.content.decode()
    assert item.title in text
    assert 'id="screen-present">9<' in text and 'id="screen-summoned">12<' in text
    assert "THÔNG QUA" in text
    assert "no-cache" in live["Cache-Control"]


def test_speakers_are_added_on_the_item_page():
    congress = congress_at_loc_binh()
    programme(congress)
    item = item_of(congress, ItemKind.DISCUSSION)
    client = login("locbinh")
    client.post(
        urls(congress, "proceedings_item", pk=item.pk),
        {"action": "speaker", "full_name": "Hoàng Văn Minh", "unit": "Xã Đồng Bục"},
    )
    page = client.get(urls(congress, "proceedings_item", pk=item.pk)).content.decode()
    assert "Hoàng Văn Minh" in page and "Xã Đồng Bục" in page


def test_the_minutes_hold_the_programme_the_hall_and_every_vote():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    from daihoi.assembly.actions import do_record_absence
    from daihoi.assembly.models import Delegate

    away = Delegate.objects.filter(congress=congress).order_by("pk").last()
    do_record_absence(away, absence="with_reason", reason="Ốm nằm viện", acting_user=staff())
    programme(congress)
    resolution = item_of(congress, ItemKind.RESOLUTION)
    do_set_item_state(resolution, ItemState.CURRENT, acting_user=staff())
    do_record_vote(resolution, agree=8, disagree=1, abstain=0, acting_user=staff())
    response = login("locbinh").get(urls(congress, "proceedings_minutes_docx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
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


def test_the_congress_page_links_to_the_day():
    congress = congress_at_loc_binh()
    page = login("locbinh").get(
        reverse("congress_detail", kwargs={"campaign": congress.campaign.slug, "code": "188"})
    )
    text = page.content.decode()
    assert urls(congress, "proceedings_presidium") in text
    assert urls(congress, "proceedings_projector") in text


def _announced_election():
    from daihoi.accounts.models import User
    from daihoi.elections.actions import do_key_ballot, do_transition_election
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
    screen = client.get(urls(congress, "proceedings_projector_live")).content.decode()
    assert election.title in screen and 'id="result-table"' in screen
    for name in elected:
        assert name in screen
    doc = Document(io.BytesIO(client.get(urls(congress, "proceedings_minutes_docx")).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "IV. KẾT QUẢ BẦU CỬ" in text and election.title in text
    for name in elected:
        assert f"Đồng chí {name}" in text


def test_a_vote_is_corrected_from_its_row_and_the_row_says_so():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=12, present=9)
    item = programme(congress)[1]
    do_set_item_state(item, ItemState.CURRENT, acting_user=staff())
    client = login("locbinh")
    client.post(
        urls(congress, "proceedings_presidium"),
        {"action": "vote", "item": item.pk, "agree": "3", "disagree": "6", "abstain": "0"},
    )
    vote = ShowOfHands.objects.get()
    presidium = client.get(urls(congress, "proceedings_presidium")).content.decode()
    item_url = urls(congress, "proceedings_item", pk=item.pk)
    assert "Sửa số nhập nhầm" in presidium and f'action="{item_url}"' in presidium
    fields = {"action": "correct_vote", "vote": vote.pk, "agree": "6", "disagree": "3"}
    refused = client.post(item_url, {**fields, "abstain": "x", "reason": "Nhầm"}, follow=True)
    assert "«x» không phải số nguyên" in refused.content.decode()
    page = client.post(item_url, {**fields, "abstain": "0", "reason": "Đọc nhầm"}, follow=True)
    text = page.content.decode()
    assert "Đã sửa biểu quyết" in text and "Đọc nhầm" in text
    vote.refresh_from_db()
    assert (vote.agree, vote.adopted) == (6, True)
    # Another congress's vote cannot be reached through this item.
    other = congress_at_loc_binh("dot-khac")
    hall_of(other, summoned=12, present=9)
    foreign_item = programme(other)[1]
    foreign = do_record_vote(foreign_item, agree=5, disagree=0, abstain=0, acting_user=staff())
    response = client.post(item_url, {**fields, "vote": foreign.pk, "abstain": "0", "reason": "x"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.agree == 5
