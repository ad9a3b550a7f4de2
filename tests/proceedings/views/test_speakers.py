"""The speakers' writes from an item's page: each its own URL, form and refusals."""

from __future__ import annotations

import pytest

from daihoi.proceedings.actions.speakers import do_add_speaker, do_mark_spoken
from daihoi.proceedings.models import ItemKind, Speaker
from tests.conftest import login
from tests.denials import assert_post_only
from tests.proceedings.helpers import (
    assert_post_denied,
    congress_at_loc_binh,
    item_of,
    programme,
    staff,
    url,
)

pytestmark = pytest.mark.django_db


def discussion():
    congress = congress_at_loc_binh()
    programme(congress)
    return congress, item_of(congress, ItemKind.DISCUSSION)


def names(item):
    return [s.full_name for s in item.speakers.all()]


def test_speakers_are_added_on_the_item_page():
    congress, item = discussion()
    client = login("locbinh")
    response = client.post(
        url(congress, "proceedings_speaker_add", pk=item.pk),
        {"full_name": "Hoàng Văn Minh", "unit": "Xã Đồng Bục"},
    )
    assert response["Location"] == url(congress, "proceedings_item", pk=item.pk)
    page = client.get(url(congress, "proceedings_item", pk=item.pk)).content.decode()
    assert "Hoàng Văn Minh" in page and "Xã Đồng Bục" in page


def test_a_speaker_without_a_name_comes_back_with_the_unit_typed():
    congress, item = discussion()
    response = login("locbinh").post(
        url(congress, "proceedings_speaker_add", pk=item.pk),
        {"full_name": " ", "unit": "Xã Đồng Bục", "topic": "Kinh tế"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="speaker-full_name-error"' in text
    assert 'value="Xã Đồng Bục"' in text and 'value="Kinh tế"' in text
    assert not Speaker.objects.exists()


def test_only_the_organisers_add_speakers_from_the_page():
    congress, item = discussion()
    path = url(congress, "proceedings_speaker_add", pk=item.pk)
    assert_post_only(path)
    assert_post_denied(path, {"full_name": "Hoàng Văn Minh"})
    assert not Speaker.objects.exists()


def test_a_speaker_is_marked_from_the_row():
    congress, item = discussion()
    speaker = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    path = url(congress, "proceedings_speaker_spoken", pk=speaker.pk)
    assert login("locbinh").post(path, {"spoken": "yes"}).status_code == 302
    speaker.refresh_from_db()
    assert speaker.spoken


def test_a_mark_that_is_neither_yes_nor_no_is_refused():
    congress, item = discussion()
    speaker = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    path = url(congress, "proceedings_speaker_spoken", pk=speaker.pk)
    assert login("locbinh").post(path, {"spoken": "maybe"}).status_code == 400
    speaker.refresh_from_db()
    assert not speaker.spoken


def test_only_the_organisers_mark_speakers_from_the_page():
    congress, item = discussion()
    speaker = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    path = url(congress, "proceedings_speaker_spoken", pk=speaker.pk)
    assert_post_only(path)
    assert_post_denied(path, {"spoken": "yes"})
    speaker.refresh_from_db()
    assert not speaker.spoken


def test_a_speaker_moves_up_from_the_row():
    congress, item = discussion()
    do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    second = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    path = url(congress, "proceedings_speaker_move", pk=second.pk)
    assert login("locbinh").post(path, {"direction": "up"}).status_code == 302
    assert names(item) == ["Lý Thị Hoa", "Hoàng Văn Minh"]


def test_the_first_speaker_does_not_move_up_and_the_row_says_why():
    congress, item = discussion()
    first = do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    path = url(congress, "proceedings_speaker_move", pk=first.pk)
    response = login("locbinh").post(path, {"direction": "up"})
    assert response.status_code == 409
    text = response.content.decode()
    row = text[text.index(f'id="speaker-{first.pk}"') :]
    assert row.index("đã ở đầu hoặc cuối danh sách phát biểu") < row.index("</tr>")


def test_only_the_organisers_move_speakers_from_the_page():
    congress, item = discussion()
    do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    second = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    path = url(congress, "proceedings_speaker_move", pk=second.pk)
    assert_post_only(path)
    assert_post_denied(path, {"direction": "up"})
    assert names(item) == ["Hoàng Văn Minh", "Lý Thị Hoa"]


def test_a_speaker_is_removed_after_a_question():
    congress, item = discussion()
    speaker = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    client = login("locbinh")
    page = client.get(url(congress, "proceedings_item", pk=item.pk)).content.decode()
    path = url(congress, "proceedings_speaker_remove", pk=speaker.pk)
    form = page[page.index(f'action="{path}"') :]
    assert 'class="danger" data-confirm="Xóa «Lý Thị Hoa» khỏi danh sách phát biểu?' in form
    assert client.post(path).status_code == 302
    assert names(item) == []


def test_a_speaker_who_has_spoken_is_not_removed():
    congress, item = discussion()
    speaker = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    do_mark_spoken(speaker, acting_user=staff())
    response = login("locbinh").post(url(congress, "proceedings_speaker_remove", pk=speaker.pk))
    assert response.status_code == 409
    assert "đã phát biểu nên không xóa" in response.content.decode()
    assert names(item) == ["Lý Thị Hoa"]


def test_only_the_organisers_remove_speakers_from_the_page():
    congress, item = discussion()
    speaker = do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    path = url(congress, "proceedings_speaker_remove", pk=speaker.pk)
    assert_post_only(path)
    assert_post_denied(path, {})
    assert names(item) == ["Lý Thị Hoa"]


def test_a_speaker_of_another_congress_is_not_found():
    congress, _item = discussion()
    other = congress_at_loc_binh("dien-bien-khac")
    programme(other)
    foreign = do_add_speaker(
        item_of(other, ItemKind.DISCUSSION), full_name="X", acting_user=staff()
    )
    path = url(congress, "proceedings_speaker_remove", pk=foreign.pk)
    assert login("locbinh").post(path).status_code == 404
    assert Speaker.objects.filter(pk=foreign.pk).exists()
