"""Adding people to the register (actions/delegates.py): typed in, elected below, a file."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.assembly.actions.delegates import do_add_delegate, do_import_elected, do_import_register
from daihoi.assembly.models import Delegate, DelegateKind
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.orgs.tree import children
from tests.assembly.helpers import (
    announced,
    assert_denied,
    loc_binh_congress,
    register_rows,
    register_table,
    staff,
    units,
)
from tests.denials import refusal_codes

pytestmark = pytest.mark.django_db


def test_import_takes_the_lower_congresses_elected_once_keeping_the_vote_order() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    lower = Congress.objects.get(campaign=congress.campaign, organisation=unit)
    announced(
        lower,
        ElectionKind.DELEGATES,
        {"Nguyễn Văn An": 90, "Trần Thị Bình": 80, "Lê Văn Cường": 40},
        ["Nguyễn Văn An", "Trần Thị Bình"],
    )
    # Ballot order B, A, C; vote order A (70), C (65), B (60).
    announced(
        lower,
        ElectionKind.ALTERNATES,
        {"Bế Văn Bảo": 60, "Hoàng Thị Anh": 70, "Vi Văn Chung": 65},
        ["Bế Văn Bảo", "Hoàng Thị Anh", "Vi Văn Chung"],
    )
    # A congress not yet announced brings nobody.
    draft = announced(lower, ElectionKind.DELEGATES, {"Chưa Công Bố": 99}, ["Chưa Công Bố"])
    Election.objects.filter(pk=draft.pk).update(state=ElectionState.COUNTING)
    # A cell below the unit sends its delegates to the unit's congress, not to Lộc Bình's.
    cell = next(iter(children(unit)), None)
    if cell is not None:
        below = Congress.objects.get(campaign=congress.campaign, organisation=cell)
        announced(below, ElectionKind.DELEGATES, {"Người Của Chi Bộ": 9}, ["Người Của Chi Bộ"])

    assert do_import_elected(congress, acting_user=staff()) == 5
    assert do_import_elected(congress, acting_user=staff()) == 0  # idempotent
    officials = Delegate.objects.filter(congress=congress, kind=DelegateKind.OFFICIAL)
    assert sorted(officials.values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    alternates = Delegate.objects.filter(congress=congress, kind=DelegateKind.ALTERNATE).order_by(
        "alternate_order"
    )
    assert [(d.full_name, d.alternate_order) for d in alternates] == [
        ("Hoàng Thị Anh", 1),
        ("Vi Văn Chung", 2),
        ("Bế Văn Bảo", 3),
    ]
    assert {d.unit_id for d in alternates} == {unit.pk}
    assert AuditEntry.objects.filter(action="assembly.import_elected").count() == 2


def test_only_the_congress_staff_keep_the_register() -> None:
    congress = loc_binh_congress()
    for name in ("soctrang", "daibieu", "lanhdao"):
        with pytest.raises(PermissionDenied):
            do_add_delegate(congress, full_name="X", acting_user=User.objects.get(username=name))


def test_only_those_who_keep_the_register_may_import() -> None:
    congress = loc_binh_congress()
    table = register_table(register_rows(congress))
    for name in ("soctrang", "daibieu", "lanhdao"):
        with pytest.raises(PermissionDenied):
            do_import_register(congress, table, acting_user=User.objects.get(username=name))
    assert not Delegate.objects.filter(congress=congress).exists()
    # The province's department keeps its districts' registers too.
    assert do_import_register(congress, table, acting_user=User.objects.get(username="langson"))


def test_a_person_typed_in_joins_the_register_and_the_audit() -> None:
    congress = loc_binh_congress()
    unit = units(congress, 1)[0]
    added = do_add_delegate(
        congress,
        full_name="  Hoàng   Văn Mới ",
        kind=DelegateKind.ALTERNATE,
        unit=unit,
        acting_user=staff(),
    )
    assert (added.full_name, added.alternate_order, added.folded_name) == (
        "Hoàng Văn Mới",
        1,
        "hoang van moi",
    )
    entry = AuditEntry.objects.get(action="assembly.add_delegate")
    assert entry.after["unit"] == unit.code


def test_a_line_that_breaks_the_rules_is_refused_by_code_and_not_written() -> None:
    congress = loc_binh_congress()
    cases = [
        ({"kind": DelegateKind.ALTERNATE}, ["alternate_without_unit"]),
        ({"kind": DelegateKind.GUEST}, ["guest_not_invited"]),
        ({"basis": "invited"}, ["invited_not_guest"]),
        ({"birth_year": 1850}, ["birth_year_invalid"]),
    ]
    for fields, codes in cases:
        assert (
            refusal_codes(
                lambda f=fields: do_add_delegate(  # type: ignore[misc]
                    congress, full_name="Người Thử", acting_user=staff(), **f
                )
            )
            == codes
        )
    assert refusal_codes(
        lambda: do_add_delegate(congress, full_name="   ", acting_user=staff())
    ) == ["name_empty"]
    assert not Delegate.objects.filter(congress=congress).exists()
    assert not AuditEntry.objects.filter(action="assembly.add_delegate").exists()


def test_a_reader_and_an_outsider_may_neither_add_nor_import_elected() -> None:
    congress = loc_binh_congress()
    assert_denied(lambda user: do_add_delegate(congress, full_name="Người Thử", acting_user=user))
    assert_denied(lambda user: do_import_elected(congress, acting_user=user))
    assert not Delegate.objects.filter(congress=congress).exists()
