"""Units' allotted delegates (actions/allotments.py), and the check against the register."""

from __future__ import annotations

import pytest

from daihoi.assembly.actions.allotments import do_set_allotment
from daihoi.assembly.models import Allotment
from daihoi.assembly.queries import allotment_check
from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from tests.assembly.helpers import assert_denied, loc_binh_congress, register, staff, units
from tests.denials import refusal_codes

pytestmark = pytest.mark.django_db


def test_allotment_check_shows_over_and_under_per_unit() -> None:
    congress = loc_binh_congress()
    first, second = units(congress)
    register(congress, officials=6, alternates=2)  # 3 + 2 alt at first, 3 at second
    do_set_allotment(congress, first, officials=3, alternates=2, acting_user=staff())
    do_set_allotment(congress, second, officials=4, alternates=1, acting_user=staff())
    lines = {unit.pk: line for unit, line in allotment_check(congress)}
    assert lines[first.pk].ok
    assert lines[second.pk].officials_gap == -1 and not lines[second.pk].ok
    do_set_allotment(congress, second, officials=2, alternates=0, acting_user=staff())
    assert {u.pk: line for u, line in allotment_check(congress)}[second.pk].officials_gap == 1
    with pytest.raises(ActionRefused, match="không được âm") as refused:
        do_set_allotment(congress, first, officials=-1, alternates=0, acting_user=staff())
    assert refused.value.codes == ["allotment_negative"]
    with pytest.raises(ActionRefused, match="trực thuộc") as refused:
        do_set_allotment(
            congress, congress.organisation, officials=1, alternates=0, acting_user=staff()
        )
    assert refused.value.codes == ["allotment_own_level"]


def test_an_allotment_is_set_changed_removed_and_audited() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    row = do_set_allotment(congress, unit, officials=3, alternates=1, acting_user=staff())
    assert row is not None and (row.officials, row.alternates) == (3, 1)
    do_set_allotment(congress, unit, officials=4, alternates=1, acting_user=staff())
    entry = AuditEntry.objects.filter(action="assembly.allotment").order_by("-pk").first()
    assert entry is not None and entry.before == {"officials": 3, "alternates": 1}
    assert do_set_allotment(congress, unit, officials=0, alternates=0, acting_user=staff()) is None
    assert not Allotment.objects.filter(congress=congress).exists()


def test_an_allotment_to_the_congress_itself_or_below_zero_is_refused_by_code() -> None:
    congress = loc_binh_congress()
    own = congress.organisation
    assert refusal_codes(
        lambda: do_set_allotment(congress, own, officials=3, alternates=0, acting_user=staff())
    ) == ["allotment_own_level"]
    unit = units(congress, 1)[0]
    assert refusal_codes(
        lambda: do_set_allotment(congress, unit, officials=-1, alternates=0, acting_user=staff())
    ) == ["allotment_negative"]
    assert not Allotment.objects.filter(congress=congress).exists()


def test_a_reader_and_an_outsider_may_not_allot() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    assert_denied(
        lambda user: do_set_allotment(congress, unit, officials=3, alternates=0, acting_user=user)
    )
    assert not Allotment.objects.filter(congress=congress).exists()
