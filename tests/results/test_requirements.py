"""Results reported needs the results: each missing piece blocks the step with its code."""

from __future__ import annotations

import pytest

from daihoi.campaigns.actions.lifecycle import do_transition_congress
from daihoi.campaigns.models import Congress, CongressState
from daihoi.elections.models import ElectionKind
from tests.campaigns.helpers import assert_refused, client_of, user
from tests.results.helpers import complete, held, record

pytestmark = pytest.mark.django_db
S = CongressState
K = ElectionKind


def report(congress: Congress) -> Congress:
    return do_transition_congress(congress, S.REPORTED, acting_user=user("locbinh"))


def test_a_congress_with_nothing_recorded_is_refused_naming_each_missing_piece() -> None:
    congress = held()
    assert_refused(congress, lambda: report(congress), "no_committee", "no_secretary")


def test_the_congress_page_lists_the_missing_pieces_in_vietnamese() -> None:
    congress = held(with_superior=True)
    page = client_of(user("locbinh")).get(
        f"/dai-hoi/{congress.campaign.slug}/{congress.organisation.code}/"
    )
    text = page.content.decode()
    # The step's own section: its blockers, and where the report is made.
    steps = text[text.index('id="steps"') :].split("</section>")[0]
    assert "Chưa có danh sách Ban Chấp hành trúng cử" in steps
    assert "Chưa có Bí thư." in steps
    assert "Chưa có danh sách đại biểu chính thức dự đại hội cấp trên." in steps
    assert f'href="/ket-qua/{congress.campaign.slug}/{congress.organisation.code}/"' in steps


def test_a_committee_and_a_secretary_are_enough_where_there_is_no_higher_congress() -> None:
    congress = held()
    complete(congress)
    moved = report(congress)
    assert moved.state == S.REPORTED and moved.reported_at is not None


def test_a_member_without_a_birth_date_leaves_the_composition_incomplete() -> None:
    congress = held()
    record(congress, K.COMMITTEE, 3, age=None)
    record(congress, K.SECRETARY, 1)
    assert_refused(congress, lambda: report(congress), "composition_incomplete")


def test_nine_members_need_their_standing_committee() -> None:
    congress = held()
    record(congress, K.COMMITTEE, 9)
    record(congress, K.SECRETARY, 1)
    assert_refused(congress, lambda: report(congress), "no_standing")
    # An announced election of the standing committee counts as well as the flags.
    record(congress, K.STANDING, 3)
    assert report(congress).state == S.REPORTED


def test_delegates_are_needed_where_the_superior_holds_a_congress() -> None:
    congress = held(with_superior=True)
    complete(congress)
    assert_refused(congress, lambda: report(congress), "no_delegates")
    record(congress, K.DELEGATES, 2)
    assert report(congress).state == S.REPORTED


def test_other_steps_are_not_held_up_by_the_results() -> None:
    congress = held()
    Congress.objects.filter(pk=congress.pk).update(state=S.PERSONNEL_APPROVED)
    congress.refresh_from_db()
    assert do_transition_congress(congress, S.HELD, acting_user=user("locbinh")).state == S.HELD
