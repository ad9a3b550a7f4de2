"""The quorum rule and the elections' base from the register (actions/quorum.py)."""

from __future__ import annotations

import pytest

from daihoi.accounts.models import User
from daihoi.assembly.actions.quorum import do_set_base_from_register, do_set_quorum_rule
from daihoi.assembly.quorum import quorum_rule
from daihoi.audit.models import AuditEntry
from daihoi.elections.actions.lifecycle import do_create_election
from tests.assembly.helpers import assert_denied, loc_binh_congress, register, staff
from tests.denials import refusal_codes

pytestmark = pytest.mark.django_db


def test_the_rule_is_set_and_audited_once_per_change() -> None:
    congress = loc_binh_congress()
    do_set_quorum_rule(congress, numerator=1, denominator=2, strict=True, acting_user=staff())
    assert quorum_rule(congress).text == "1/2"
    do_set_quorum_rule(congress, numerator=1, denominator=2, strict=True, acting_user=staff())
    entry = AuditEntry.objects.get(action="assembly.quorum_rule")
    assert entry.before == {"rule": "2/3", "strict": False}
    assert entry.after == {"rule": "1/2", "strict": True}


def test_a_share_above_one_is_refused_by_code() -> None:
    congress = loc_binh_congress()
    assert refusal_codes(
        lambda: do_set_quorum_rule(
            congress, numerator=4, denominator=3, strict=False, acting_user=staff()
        )
    ) == ["quorum_rule_invalid"]
    assert quorum_rule(congress).text == "2/3"


def test_the_base_comes_from_the_register_and_needs_someone_summoned() -> None:
    congress = loc_binh_congress()
    election = do_create_election(
        congress, "committee", 3, acting_user=User.objects.get(username="langson")
    )
    assert refusal_codes(lambda: do_set_base_from_register(election, acting_user=staff())) == [
        "nobody_summoned"
    ]
    register(congress, officials=5, alternates=0)
    assert do_set_base_from_register(election, acting_user=staff()) == 5
    election.refresh_from_db()
    assert election.base == 5


def test_a_reader_and_an_outsider_may_set_neither_rule_nor_base() -> None:
    congress = loc_binh_congress()
    register(congress, officials=3, alternates=0)
    election = do_create_election(
        congress, "committee", 3, acting_user=User.objects.get(username="langson")
    )
    assert_denied(
        lambda user: do_set_quorum_rule(
            congress, numerator=1, denominator=2, strict=False, acting_user=user
        )
    )
    assert_denied(lambda user: do_set_base_from_register(election, acting_user=user))
    election.refresh_from_db()
    assert election.base is None and quorum_rule(congress).text == "2/3"
