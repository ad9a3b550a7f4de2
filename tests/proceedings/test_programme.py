"""The programme: the default from data, editing, order, one item under way, speakers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.core.errors import ActionRefused
from daihoi.proceedings import actions
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState, SessionKind
from daihoi.proceedings.programme import DEFAULT_PROGRAMME
from tests.proceedings.helpers import congress_at_loc_binh, hall_of, item_of, programme, staff

pytestmark = pytest.mark.django_db


def titles(congress):
    return [i.title for i in actions.items_of(congress)]


def test_the_default_programme_puts_the_preparatory_session_first():
    congress = congress_at_loc_binh()
    items = programme(congress)
    assert len(items) == len(DEFAULT_PROGRAMME)
    sessions = [i.session for i in items]
    assert sessions == sorted(sessions, key=lambda s: s != SessionKind.PREPARATORY)
    assert items[1].title == "Bầu Đoàn Chủ tịch đại hội"
    assert items[-2].kind == ItemKind.RESOLUTION
    with pytest.raises(ActionRefused):
        actions.do_create_default_programme(congress, acting_user=staff())


def test_an_added_preparatory_item_goes_to_the_end_of_that_session():
    congress = congress_at_loc_binh()
    programme(congress)
    item = actions.do_add_item(
        congress,
        session=SessionKind.PREPARATORY,
        kind=ItemKind.VOTE,
        title="Bầu Ban Kiểm phiếu",
        vote_rule="present_half",
        acting_user=staff(),
    )
    preparatory = sum(1 for s in DEFAULT_PROGRAMME if s.session == SessionKind.PREPARATORY)
    assert item.position == preparatory + 1
    assert [i.position for i in actions.items_of(congress)] == list(
        range(1, len(DEFAULT_PROGRAMME) + 2)
    )


def test_an_empty_title_is_refused():
    congress = congress_at_loc_binh()
    with pytest.raises(ActionRefused) as refused:
        actions.do_add_item(
            congress, session="official", kind="procedure", title="  ", acting_user=staff()
        )
    assert "nội dung mục" in refused.value.reasons[0]


def test_moving_swaps_within_a_session_and_stops_at_its_edge():
    congress = congress_at_loc_binh()
    items = programme(congress)
    actions.do_move_item(items[2], step=-1, acting_user=staff())
    assert titles(congress)[1:3] == [items[2].title, items[1].title]
    last_preparatory = [i for i in items if i.session == SessionKind.PREPARATORY][-1]
    with pytest.raises(ActionRefused):
        actions.do_move_item(last_preparatory, step=1, acting_user=staff())


def test_removing_renumbers_and_an_item_with_a_vote_stays():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    items = programme(congress)
    actions.do_remove_item(items[0], acting_user=staff())
    assert [i.position for i in actions.items_of(congress)] == list(range(1, len(items)))
    voted = item_of(congress)
    actions.do_record_vote(voted, agree=3, disagree=0, abstain=0, acting_user=staff())
    with pytest.raises(ActionRefused):
        actions.do_remove_item(voted, acting_user=staff())


def test_only_one_item_is_under_way():
    congress = congress_at_loc_binh()
    items = programme(congress)
    actions.do_set_item_state(items[0], ItemState.CURRENT, acting_user=staff())
    actions.do_set_item_state(items[1], ItemState.CURRENT, acting_user=staff())
    states = dict(AgendaItem.objects.filter(congress=congress).values_list("pk", "state"))
    assert states[items[0].pk] == ItemState.DONE
    assert states[items[1].pk] == ItemState.CURRENT
    assert list(states.values()).count(ItemState.CURRENT) == 1
    assert actions.current_item(congress).pk == items[1].pk


def test_speakers_keep_their_order_and_who_has_spoken():
    congress = congress_at_loc_binh()
    programme(congress)
    item = item_of(congress, ItemKind.DISCUSSION)
    first = actions.do_add_speaker(
        item, full_name="Hoàng Văn Minh", unit="Xã Đồng Bục", topic="Kinh tế", acting_user=staff()
    )
    second = actions.do_add_speaker(item, full_name="Lý Thị Hoa", acting_user=staff())
    actions.do_move_speaker(second, step=-1, acting_user=staff())
    assert [s.full_name for s in item.speakers.all()] == ["Lý Thị Hoa", "Hoàng Văn Minh"]
    actions.do_mark_spoken(first, acting_user=staff())
    with pytest.raises(ActionRefused):
        actions.do_remove_speaker(first, acting_user=staff())
    actions.do_remove_speaker(second, acting_user=staff())
    assert [s.full_name for s in item.speakers.all()] == ["Hoàng Văn Minh"]


def test_outsiders_and_readers_may_not_change_the_programme():
    congress = congress_at_loc_binh()
    items = programme(congress)
    for username in ("soctrang", "lanhdao"):
        with pytest.raises(PermissionDenied):
            actions.do_set_item_state(
                items[0], ItemState.CURRENT, acting_user=User.objects.get(username=username)
            )
