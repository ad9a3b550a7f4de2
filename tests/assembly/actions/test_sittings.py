"""Opening and closing sittings (actions/sittings.py)."""

from __future__ import annotations

import pytest

from daihoi.assembly.actions.sittings import do_close_sitting, do_open_sitting
from daihoi.assembly.models import Sitting
from daihoi.audit.models import AuditEntry
from tests.assembly.helpers import DAY, assert_denied, loc_binh_congress, open_sitting, staff
from tests.denials import refusal_codes

pytestmark = pytest.mark.django_db


def test_opening_a_sitting_closes_the_one_open_and_reopening_keeps_its_number() -> None:
    congress = loc_binh_congress()
    first = open_sitting(congress)
    second = do_open_sitting(
        congress, kind="official", date=DAY, part="afternoon", acting_user=staff()
    )
    first.refresh_from_db()
    assert first.closed_at is not None and second.is_open and second.ordinal == 2
    again = open_sitting(congress)
    assert again.pk == first.pk and again.is_open and again.ordinal == 1
    assert AuditEntry.objects.filter(action="assembly.open_sitting").count() == 3


def test_an_unknown_kind_or_part_is_refused_by_code() -> None:
    congress = loc_binh_congress()
    assert refusal_codes(
        lambda: do_open_sitting(
            congress, kind="secret", date=DAY, part="night", acting_user=staff()
        )
    ) == ["sitting_kind_invalid", "sitting_part_invalid"]
    assert not Sitting.objects.filter(congress=congress).exists()


def test_closing_a_closed_sitting_changes_nothing() -> None:
    congress = loc_binh_congress()
    sitting = do_close_sitting(open_sitting(congress), acting_user=staff())
    closed_at = sitting.closed_at
    again = do_close_sitting(sitting, acting_user=staff())
    assert closed_at is not None and again.closed_at == closed_at
    assert AuditEntry.objects.filter(action="assembly.close_sitting").count() == 1


def test_a_reader_and_an_outsider_may_neither_open_nor_close() -> None:
    congress = loc_binh_congress()
    sitting = open_sitting(congress)
    assert_denied(
        lambda user: do_open_sitting(
            congress, kind="official", date=DAY, part="morning", acting_user=user
        )
    )
    assert_denied(lambda user: do_close_sitting(sitting, acting_user=user))
    sitting.refresh_from_db()
    assert sitting.is_open and Sitting.objects.filter(congress=congress).count() == 1
