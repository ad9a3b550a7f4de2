"""An item's speakers: in order, marked when they have spoken, moved, removed before speaking."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.proceedings.actions import speakers as actions
from daihoi.proceedings.models import ItemKind, Speaker
from tests.denials import refusal_codes
from tests.proceedings.helpers import assert_denied, congress_at_loc_binh, item_of, programme, staff

pytestmark = pytest.mark.django_db


def discussion():
    congress = congress_at_loc_binh()
    programme(congress)
    return item_of(congress, ItemKind.DISCUSSION)


def names(item):
    return [s.full_name for s in item.speakers.all()]


def test_speakers_join_the_end_of_the_list():
    item = discussion()
    first = actions.do_add_speaker(
        item,
        full_name=" Hoàng  Văn Minh ",
        unit="Xã Đồng Bục",
        topic="Kinh tế",
        acting_user=staff(),
    )
    actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    assert names(item) == ["Hoàng Văn Minh", "Lý Thị Hoa"]
    assert (first.position, first.unit, first.topic) == (1, "Xã Đồng Bục", "Kinh tế")
    entry = AuditEntry.objects.filter(action="proceedings.speaker_added").order_by("pk").first()
    assert entry.after == {"item": item.title, "unit": "Xã Đồng Bục", "topic": "Kinh tế"}


def test_a_speaker_without_a_name_or_with_a_name_too_long_is_refused():
    item = discussion()
    assert refusal_codes(
        lambda: actions.do_add_speaker(item, full_name="   ", acting_user=staff())
    ) == ["title_missing"]
    assert refusal_codes(
        lambda: actions.do_add_speaker(item, full_name="A" * 151, acting_user=staff())
    ) == ["name_too_long"]
    assert not Speaker.objects.exists()


def test_only_the_organisers_add_speakers():
    item = discussion()
    assert_denied(
        lambda user: actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=user)
    )
    assert not Speaker.objects.exists()


def test_a_speaker_is_marked_as_having_spoken_and_back():
    item = discussion()
    speaker = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    assert actions.do_mark_spoken(speaker, acting_user=staff()).spoken
    assert not actions.do_mark_spoken(speaker, spoken=False, acting_user=staff()).spoken
    entries = AuditEntry.objects.filter(action="proceedings.speaker_spoken").order_by("pk")
    assert [(e.before, e.after) for e in entries] == [
        ({"spoken": False}, {"spoken": True}),
        ({"spoken": True}, {"spoken": False}),
    ]


def test_unmarking_a_speaker_who_has_not_spoken_changes_nothing():
    item = discussion()
    speaker = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    actions.do_mark_spoken(speaker, spoken=False, acting_user=staff())
    speaker.refresh_from_db()
    assert speaker.spoken_at is None
    assert not AuditEntry.objects.filter(action="proceedings.speaker_spoken").exists()


def test_only_the_organisers_mark_speakers():
    item = discussion()
    speaker = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    assert_denied(lambda user: actions.do_mark_spoken(speaker, acting_user=user))
    speaker.refresh_from_db()
    assert not speaker.spoken


def test_a_speaker_moves_up_and_stops_at_the_top():
    item = discussion()
    first = actions.do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    second = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    actions.do_move_speaker(second, step=-1, acting_user=staff())
    assert names(item) == ["Lý Thị Hoa", "Hoàng Văn Minh"]
    second.refresh_from_db()
    assert refusal_codes(lambda: actions.do_move_speaker(second, step=-1, acting_user=staff())) == [
        "speaker_at_edge"
    ]
    assert names(item) == ["Lý Thị Hoa", "Hoàng Văn Minh"]
    assert first.pk != second.pk


def test_only_the_organisers_move_speakers():
    item = discussion()
    actions.do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    second = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    assert_denied(lambda user: actions.do_move_speaker(second, step=-1, acting_user=user))
    assert names(item) == ["Hoàng Văn Minh", "Lý Thị Hoa"]


def test_a_speaker_who_has_spoken_stays_on_the_list():
    item = discussion()
    first = actions.do_add_speaker(item, full_name="Hoàng Văn Minh", acting_user=staff())
    second = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    actions.do_mark_spoken(first, acting_user=staff())
    assert refusal_codes(lambda: actions.do_remove_speaker(first, acting_user=staff())) == [
        "speaker_has_spoken"
    ]
    actions.do_remove_speaker(second, acting_user=staff())
    assert names(item) == ["Hoàng Văn Minh"]
    assert AuditEntry.objects.filter(action="proceedings.speaker_removed").count() == 1


def test_only_the_organisers_remove_speakers():
    item = discussion()
    speaker = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    assert_denied(lambda user: actions.do_remove_speaker(speaker, acting_user=user))
    assert names(item) == ["Lý Thị Hoa"]
