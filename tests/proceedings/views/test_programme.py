"""The programme's writes from the presidium's page: each its own URL, form and refusals."""

from __future__ import annotations

import pytest

from daihoi.proceedings.actions.programme import do_set_item_state
from daihoi.proceedings.actions.votes import do_record_vote
from daihoi.proceedings.models import AgendaItem, ItemKind, ItemState, SessionKind
from daihoi.proceedings.programme import DEFAULT_PROGRAMME
from daihoi.proceedings.queries import items_of
from tests.conftest import login
from tests.denials import assert_post_only
from tests.proceedings.helpers import (
    assert_post_denied,
    congress_at_loc_binh,
    hall_of,
    item_of,
    programme,
    staff,
    url,
)

pytestmark = pytest.mark.django_db


# --- the default programme ------------------------------------------------------------------


def test_staff_create_the_default_programme_from_the_page():
    congress = congress_at_loc_binh()
    client = login("locbinh")
    page = client.get(url(congress, "proceedings_presidium")).content.decode()
    assert "Tạo chương trình mặc định" in page
    assert f'action="{url(congress, "proceedings_programme_default")}"' in page
    response = client.post(url(congress, "proceedings_programme_default"), follow=True)
    text = response.content.decode()
    assert f"gồm {len(DEFAULT_PROGRAMME)} mục" in text
    assert "Bầu Đoàn Chủ tịch đại hội" in text and "Phiên trù bị" in text


def test_a_second_default_programme_is_refused_on_the_page():
    congress = congress_at_loc_binh()
    programme(congress)
    response = login("locbinh").post(url(congress, "proceedings_programme_default"))
    assert response.status_code == 409
    assert "Đại hội đã có chương trình" in response.content.decode()
    assert AgendaItem.objects.filter(congress=congress).count() == len(DEFAULT_PROGRAMME)


def test_only_the_organisers_post_the_default_programme():
    congress = congress_at_loc_binh()
    path = url(congress, "proceedings_programme_default")
    assert_post_only(path)
    assert_post_denied(path, {})
    assert not AgendaItem.objects.filter(congress=congress).exists()


# --- adding an item -------------------------------------------------------------------------


def test_an_item_is_added_with_the_rule_of_its_kind():
    congress = congress_at_loc_binh()
    programme(congress)
    data = {"session": "official", "kind": "resolution", "title": "Nghị quyết", "vote_rule": "auto"}
    response = login("locbinh").post(url(congress, "proceedings_item_add"), data)
    assert response.status_code == 302
    added = items_of(congress)[-1]
    assert (added.title, added.vote_rule) == ("Nghị quyết", "summoned_half")


def test_a_refused_item_comes_back_with_what_was_typed_and_the_error_at_its_field():
    congress = congress_at_loc_binh()
    programme(congress)
    data = {"session": "preparatory", "kind": "vote", "title": "  ", "vote_rule": "present_half"}
    response = login("locbinh").post(url(congress, "proceedings_item_add"), data)
    assert response.status_code == 400
    form = response.context["add_form"]
    assert list(form.errors) == ["title"]
    text = response.content.decode()
    assert 'id="add-title-error"' in text and 'aria-invalid="true"' in text and "autofocus" in text
    # The session and the rule chosen stay chosen; the programme's rows are still there.
    assert '<option value="preparatory" selected>' in text
    assert '<option value="present_half" selected>' in text
    assert "Bầu Đoàn Chủ tịch đại hội" in text
    assert AgendaItem.objects.filter(congress=congress).count() == len(DEFAULT_PROGRAMME)


def test_only_the_organisers_add_items_from_the_page():
    congress = congress_at_loc_binh()
    path = url(congress, "proceedings_item_add")
    assert_post_only(path)
    assert_post_denied(path, {"session": "official", "kind": "procedure", "title": "Mục"})
    assert not AgendaItem.objects.filter(congress=congress).exists()


# --- marking progress -----------------------------------------------------------------------


def test_an_item_is_started_from_its_row():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    client = login("locbinh")
    response = client.post(
        url(congress, "proceedings_item_state", pk=item.pk), {"state": "current"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.CURRENT
    page = client.get(url(congress, "proceedings_presidium")).content.decode()
    assert 'id="current-item"' in page and 'id="vote-form-' in page


def test_an_unknown_progress_is_refused_on_its_row():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    path = url(congress, "proceedings_item_state", pk=item.pk)
    response = login("locbinh").post(path, {"state": "postponed"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.state == ItemState.PENDING


def test_only_the_organisers_mark_progress():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    path = url(congress, "proceedings_item_state", pk=item.pk)
    assert_post_only(path)
    assert_post_denied(path, {"state": "current"})
    item.refresh_from_db()
    assert item.state == ItemState.PENDING


def test_resetting_an_item_asks_first():
    congress = congress_at_loc_binh()
    item = programme(congress)[1]
    do_set_item_state(item, ItemState.DONE, acting_user=staff())
    page = login("locbinh").get(url(congress, "proceedings_presidium")).content.decode()
    assert 'value="pending" class="secondary" data-confirm="Đặt lại mục' in page


# --- moving an item -------------------------------------------------------------------------


def test_an_item_moves_up_from_its_row():
    congress = congress_at_loc_binh()
    items = programme(congress)
    path = url(congress, "proceedings_item_move", pk=items[2].pk)
    assert login("locbinh").post(path, {"direction": "up"}).status_code == 302
    assert [i.pk for i in items_of(congress)][1:3] == [items[2].pk, items[1].pk]


def test_an_item_at_the_edge_of_its_session_stays_and_its_row_says_why():
    congress = congress_at_loc_binh()
    items = programme(congress)
    last = [i for i in items if i.session == SessionKind.PREPARATORY][-1]
    response = login("locbinh").post(
        url(congress, "proceedings_item_move", pk=last.pk), {"direction": "down"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    row = text[text.index(f'id="item-{last.pk}"') :]
    assert row.index("đã ở đầu hoặc cuối phiên") < row.index("</tr>")
    assert [i.pk for i in items_of(congress)] == [i.pk for i in items]


def test_only_the_organisers_move_items_from_the_page():
    congress = congress_at_loc_binh()
    items = programme(congress)
    path = url(congress, "proceedings_item_move", pk=items[2].pk)
    assert_post_only(path)
    assert_post_denied(path, {"direction": "up"})
    assert [i.pk for i in items_of(congress)] == [i.pk for i in items]


# --- removing an item -----------------------------------------------------------------------


def test_an_item_is_removed_after_a_question_that_says_what_happens():
    congress = congress_at_loc_binh()
    items = programme(congress)
    client = login("locbinh")
    page = client.get(url(congress, "proceedings_presidium")).content.decode()
    remove = url(congress, "proceedings_item_remove", pk=items[0].pk)
    form = page[page.index(f'action="{remove}"') :]
    button = form[: form.index("</form>")]
    assert 'class="danger"' in button and 'data-confirm="Xóa mục «' in button
    assert "đánh số lại" in button
    assert client.post(remove).status_code == 302
    assert not AgendaItem.objects.filter(pk=items[0].pk).exists()


def test_an_item_with_a_vote_is_not_removed():
    congress = congress_at_loc_binh()
    hall_of(congress, summoned=3, present=3)
    programme(congress)
    voted = item_of(congress)
    do_record_vote(voted, agree=3, disagree=0, abstain=0, acting_user=staff())
    response = login("locbinh").post(url(congress, "proceedings_item_remove", pk=voted.pk))
    assert response.status_code == 409
    assert "đã có kết quả biểu quyết" in response.content.decode()
    assert AgendaItem.objects.filter(pk=voted.pk).exists()


def test_only_the_organisers_remove_items_from_the_page():
    congress = congress_at_loc_binh()
    items = programme(congress)
    path = url(congress, "proceedings_item_remove", pk=items[0].pk)
    assert_post_only(path)
    assert_post_denied(path, {})
    assert AgendaItem.objects.filter(pk=items[0].pk).exists()


# --- editing an item ------------------------------------------------------------------------


def test_an_item_is_edited_on_its_page():
    congress = congress_at_loc_binh()
    programme(congress)
    item = item_of(congress, ItemKind.VOTE)
    path = url(congress, "proceedings_item_edit", pk=item.pk)
    response = login("locbinh").post(path, {"title": "Bầu Đoàn Chủ tịch", "vote_rule": ""})
    assert response.status_code == 302
    assert response["Location"] == url(congress, "proceedings_item", pk=item.pk)
    item.refresh_from_db()
    assert (item.title, item.vote_rule) == ("Bầu Đoàn Chủ tịch", "")


def test_an_edit_without_a_title_keeps_the_chosen_rule_and_marks_the_title():
    congress = congress_at_loc_binh()
    programme(congress)
    item = item_of(congress, ItemKind.VOTE)
    path = url(congress, "proceedings_item_edit", pk=item.pk)
    response = login("locbinh").post(path, {"title": "", "vote_rule": "present_two_thirds"})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'id="edit-title-error"' in text
    assert '<option value="present_two_thirds" selected>' in text
    item.refresh_from_db()
    assert item.vote_rule == "present_half"


def test_only_the_organisers_edit_items_from_the_page():
    congress = congress_at_loc_binh()
    programme(congress)
    item = item_of(congress, ItemKind.VOTE)
    path = url(congress, "proceedings_item_edit", pk=item.pk)
    assert_post_only(path)
    assert_post_denied(path, {"title": "Khác", "vote_rule": ""})
    item.refresh_from_db()
    assert item.title == "Bầu Đoàn Chủ tịch đại hội"
