"""The election base and the ballots issued and collected: set by the organisers."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.models import ElectionState
from daihoi.lib.tally import DelegatesCongress
from tests.elections.helpers import (
    counting_election,
    denied,
    draft_election,
    outsider,
    refused,
    staff,
    typist,
)

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_base_is_set_as_a_number_or_from_the_attendance() -> None:
    election = draft_election()
    assert do_set_base(election, base=9, acting_user=staff()) == 9
    figures = DelegatesCongress(summoned=12, delegates_absent_unreplaced=1)
    assert do_set_base(election, delegates=figures, acting_user=staff()) == 11
    entry = AuditEntry.objects.filter(action="election.base").order_by("-pk").first()
    assert entry is not None and (entry.before, entry.after) == ({"base": 9}, {"base": 11})


def test_the_base_is_fixed_once_counting_starts() -> None:
    refused(["base_fixed"], do_set_base, counting_election(), base=9, acting_user=staff())


def test_the_base_is_positive() -> None:
    refused(["base_range"], do_set_base, draft_election(), base=0, acting_user=staff())


def test_a_typist_or_another_province_may_not_set_the_base() -> None:
    election = draft_election()
    for user in (typist("to1", 1), outsider()):
        denied(do_set_base, election, base=9, acting_user=user)


def test_the_ballots_are_counted_once_the_list_is_adopted() -> None:
    election = draft_election()
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff())
    done = do_record_ballot_counts(election, issued=9, collected=8, acting_user=staff())
    assert (done.ballots_issued, done.ballots_collected) == (9, 8)


def test_the_ballots_are_not_counted_in_draft_or_once_counting() -> None:
    for election in (draft_election(), counting_election()):
        refused(["counts_closed"], do_record_ballot_counts, election, issued=9, acting_user=staff())


def test_a_typist_or_another_province_may_not_record_the_ballots() -> None:
    election = draft_election()
    do_transition_election(election, S.LIST_ADOPTED, acting_user=staff())
    for user in (typist("to1", 1), outsider()):
        denied(do_record_ballot_counts, election, issued=9, acting_user=user)
