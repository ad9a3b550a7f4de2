"""The programme: the default from data, items added, edited, moved, removed, one under way."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.proceedings.actions import programme as actions
from daihoi.proceedings.actions.votes import do_record_vote
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState, SessionKind, VoteRule
from daihoi.proceedings.programme import DEFAULT_PROGRAMME
from daihoi.proceedings.queries import current_item, items_of
from tests.denials import refusal_codes
from tests.proceedings.helpers import (
    assert_denied,
    congress_at_loc_binh,
    hall_of,
    item_of,
    programme,
    staff,
)

pytestmark = pytest.mark.django_db


def titles(congress):
    return [i.title for i in items_of(congress)]


# --- the default programme ------------------------------------------------------------------


def test_the_default_programme_puts_the_preparatory_session_first():
    congress = congress_at_loc_binh()
    items = programme(congress)
    assert len(items) == len(DEFAULT_PROGRAMME)
    sessions = [i.session for i in items]
    assert sessions == sorted(sessions, key=lambda s: s != SessionKind.PREPARATORY)
    assert items[1].title == "Bầu Đoàn Chủ tịch đại hội"
    assert items[-2].kind == ItemKind.RESOLUTION
    assert AuditEntry.objects.filter(action="proceedings.programme_created").count() == 1


def test_a_congress_with_a_programme_is_not_given_a_second_one():
    congress = congress_at_loc_binh()
    programme(congress)
    codes = refusal_codes(
        lambda: actions.do_create_default_programme(congress, acting_user=staff())
    )
    assert codes == ["programme_exists"]
    assert AgendaItem.objects.filter(congress=congress).count() == len(DEFAULT_PROGRAMME)


def test_only_the_organisers_create_the_default_programme():
    congress = congress_at_loc_binh()
    assert_denied(lambda user: actions.do_create_default_programme(congress, acting_user=user))
    assert not AgendaItem.objects.filter(congress=congress).exists()


# --- adding an item -------------------------------------------------------------------------


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
    assert [i.position for i in items_of(congress)] == list(range(1, len(DEFAULT_PROGRAMME) + 2))
    entry = AuditEntry.objects.get(action="proceedings.item_added")
    assert entry.after["position"] == preparatory + 1


def test_an_empty_title_or_an_unknown_session_is_refused():
    congress = congress_at_loc_binh()
    codes = refusal_codes(
        lambda: actions.do_add_item(
            congress, session="official", kind="procedure", title="  ", acting_user=staff()
        )
    )
    assert codes == ["title_missing"]
    codes = refusal_codes(
        lambda: actions.do_add_item(
            congress,
            session="afternoon",
            kind="speech",
            title="Mục",
            vote_rule="loudest",
            acting_user=staff(),
        )
    )
    assert codes == ["unknown_session", "unknown_kind", "unknown_vote_rule"]
    assert not AgendaItem.objects.filter(congress=congress).exists()


def test_only_the_organisers_add_items():
    congress = congress_at_loc_binh()
    assert_denied(
        lambda user: actions.do_add_item(
            congress, session="official", kind="procedure", title="Mục", acting_user=user
        )
    )


# --- editing an item ------------------------------------------------------------------------


def test_an_edit_changes_the_wording_and_the_rule_and_audits_what_changed():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    edited = actions.do_edit_item(
        item,
        title="  Bầu  Đoàn Chủ tịch ",
        vote_rule=VoteRule.PRESENT_TWO_THIRDS,
        acting_user=staff(),
    )
    assert (edited.title, edited.vote_rule) == ("Bầu Đoàn Chủ tịch", VoteRule.PRESENT_TWO_THIRDS)
    entry = AuditEntry.objects.get(action="proceedings.item_edited")
    assert entry.before == {"title": item.title, "vote_rule": VoteRule.PRESENT_HALF}
    assert entry.after == {"title": "Bầu Đoàn Chủ tịch", "vote_rule": VoteRule.PRESENT_TWO_THIRDS}


def test_an_edit_to_an_unknown_rule_or_no_title_is_refused_and_changes_nothing():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    codes = refusal_codes(
        lambda: actions.do_edit_item(item, title="X", vote_rule="loudest", acting_user=staff())
    )
    assert codes == ["unknown_vote_rule"]
    codes = refusal_codes(
        lambda: actions.do_edit_item(item, title=" ", vote_rule="", acting_user=staff())
    )
    assert codes == ["title_missing"]
    item.refresh_from_db()
    assert item.title == "Bầu Đoàn Chủ tịch đại hội"
    assert not AuditEntry.objects.filter(action="proceedings.item_edited").exists()


def test_only_the_organisers_edit_items():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    assert_denied(
        lambda user: actions.do_edit_item(item, title="Khác", vote_rule="", acting_user=user)
    )


# --- moving an item -------------------------------------------------------------------------


def test_moving_swaps_within_a_session():
    congress = congress_at_loc_binh()
    items = programme(congress)
    actions.do_move_item(items[2], step=-1, acting_user=staff())
    assert titles(congress)[1:3] == [items[2].title, items[1].title]
    entry = AuditEntry.objects.get(action="proceedings.item_moved")
    assert (entry.before, entry.after) == ({"position": 3}, {"position": 2})


def test_moving_stops_at_the_edge_of_a_session():
    congress = congress_at_loc_binh()
    items = programme(congress)
    last_preparatory = [i for i in items if i.session == SessionKind.PREPARATORY][-1]
    codes = refusal_codes(
        lambda: actions.do_move_item(last_preparatory, step=1, acting_user=staff())
    )
    assert codes == ["item_at_edge"]
    assert titles(congress) == [i.title for i in items]


def test_only_the_organisers_move_items():
    congress = congress_at_loc_binh()
    items = programme(congress)
    assert_denied(lambda user: actions.do_move_item(items[2], step=-1, acting_user=user))
    assert titles(congress) == [i.title for i in items]


# --- removing an item -----------------------------------------------------------------------


def test_removing_renumbers():
    congress = congress_at_loc_binh()
    items = programme(congress)
    actions.do_remove_item(items[0], acting_user=staff())
    assert [i.position for i in items_of(congress)] == list(range(1, len(items)))
    assert AuditEntry.objects.get(action="proceedings.item_removed").before["title"] == (
        items[0].title
    )


def test_an_item_with_a_vote_or_under_way_stays():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    items = programme(congress)
    voted = item_of(congress)
    do_record_vote(voted, agree=3, disagree=0, abstain=0, acting_user=staff())
    assert refusal_codes(lambda: actions.do_remove_item(voted, acting_user=staff())) == [
        "item_has_votes"
    ]
    actions.do_set_item_state(items[0], ItemState.CURRENT, acting_user=staff())
    assert refusal_codes(lambda: actions.do_remove_item(items[0], acting_user=staff())) == [
        "item_started"
    ]
    assert AgendaItem.objects.filter(congress=congress).count() == len(items)


def test_only_the_organisers_remove_items():
    congress = congress_at_loc_binh()
    items = programme(congress)
    assert_denied(lambda user: actions.do_remove_item(items[0], acting_user=user))
    assert AgendaItem.objects.filter(congress=congress).count() == len(items)


# --- marking progress -----------------------------------------------------------------------


def test_only_one_item_is_under_way():
    congress = congress_at_loc_binh()
    items = programme(congress)
    actions.do_set_item_state(items[0], ItemState.CURRENT, acting_user=staff())
    actions.do_set_item_state(items[1], ItemState.CURRENT, acting_user=staff())
    states = dict(AgendaItem.objects.filter(congress=congress).values_list("pk", "state"))
    assert states[items[0].pk] == ItemState.DONE
    assert states[items[1].pk] == ItemState.CURRENT
    assert list(states.values()).count(ItemState.CURRENT) == 1
    assert current_item(congress).pk == items[1].pk
    entries = AuditEntry.objects.filter(action="proceedings.item_state").order_by("pk")
    assert [(e.before, e.after) for e in entries] == [
        ({"state": "pending"}, {"state": "current"}),
        ({"state": "current"}, {"state": "done"}),
        ({"state": "pending"}, {"state": "current"}),
    ]


def test_an_unknown_progress_is_refused():
    congress = congress_at_loc_binh()
    items = programme(congress)
    codes = refusal_codes(
        lambda: actions.do_set_item_state(items[0], "postponed", acting_user=staff())
    )
    assert codes == ["unknown_state"]
    items[0].refresh_from_db()
    assert items[0].state == ItemState.PENDING


def test_outsiders_and_readers_may_not_change_the_programme():
    congress = congress_at_loc_binh()
    items = programme(congress)
    assert_denied(
        lambda user: actions.do_set_item_state(items[0], ItemState.CURRENT, acting_user=user)
    )
    assert current_item(congress) is None
