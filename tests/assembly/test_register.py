"""The register: import from the lower congresses' elections, the allotment check, replacement."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.assembly.actions.allotments import do_set_allotment
from daihoi.assembly.actions.credentials import do_record_absence, do_replace_with_alternate
from daihoi.assembly.actions.delegates import do_add_delegate, do_import_elected
from daihoi.assembly.models import Delegate, DelegateKind
from daihoi.assembly.queries import allotment_check
from daihoi.assembly.quorum import attendance
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionKind, ElectionState
from daihoi.orgs.tree import children
from tests.assembly.helpers import alternate, loc_binh_congress, register, staff, units

pytestmark = pytest.mark.django_db


def announced(congress: Congress, kind: str, votes: dict[str, int], elected: list[str]) -> Election:
    """An announced election's frozen result, in the shape the elections app writes."""
    names = list(votes)
    ranked = sorted(elected, key=lambda n: -votes[n])
    return Election.objects.create(
        congress=congress,
        kind=kind,
        title=str(ElectionKind(kind).label),
        seats=len(elected),
        base=100,
        state=ElectionState.ANNOUNCED,
        result={
            "seats": len(elected),
            "base": 100,
            "needed": 51,
            "ballots": {"collected": 100, "valid": 100, "invalid": 0, "invalid_reasons": {}},
            "candidates": [
                {
                    "no": i + 1,
                    "full_name": n,
                    "votes": votes[n],
                    "percent_of_base": float(votes[n]),
                    "percent_of_valid": float(votes[n]),
                    "elected": n in elected,
                }
                for i, n in enumerate(names)
            ],
            "elected": [names.index(n) + 1 for n in ranked],
            "tied": [],
            "seats_left": 0,
        },
    )


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
    with pytest.raises(ActionRefused, match="không được âm"):
        do_set_allotment(congress, first, officials=-1, alternates=0, acting_user=staff())
    with pytest.raises(ActionRefused, match="trực thuộc"):
        do_set_allotment(
            congress, congress.organisation, officials=1, alternates=0, acting_user=staff()
        )


def test_an_absent_official_is_replaced_by_the_next_alternate_in_vote_order() -> None:
    congress = loc_binh_congress()
    first = units(congress)[0]
    made = register(congress, officials=4, alternates=0)
    absent, also_absent = made[0], made[2]  # both of the first unit
    # Typed in out of order: the rank decides, not the order of entry.
    for name, order in (("Dự Khuyết Ba", 3), ("Dự Khuyết Một", 1), ("Dự Khuyết Hai", 2)):
        alternate(congress, name, first, order)
    with pytest.raises(ActionRefused, match="vắng mặt"):
        do_replace_with_alternate(absent, acting_user=staff())
    do_record_absence(absent, absence="with_reason", reason="Đi công tác", acting_user=staff())
    do_record_absence(also_absent, absence="without_reason", acting_user=staff())
    before = attendance(congress)
    assert (before.summoned, before.base) == (4, 2)
    one = do_replace_with_alternate(absent, acting_user=staff())
    two = do_replace_with_alternate(also_absent, acting_user=staff())
    assert (one.full_name, two.full_name) == ("Dự Khuyết Một", "Dự Khuyết Hai")
    assert one.kind == DelegateKind.OFFICIAL and one.promoted
    after = attendance(congress)
    assert (after.summoned, after.base) == (4, 4)  # replaced: no longer absent unreplaced
    with pytest.raises(ActionRefused, match="không phải đại biểu chính thức"):
        do_replace_with_alternate(absent, acting_user=staff())
    entry = AuditEntry.objects.filter(action="assembly.replace", target=absent.full_name).first()
    assert entry is not None and entry.after["replaced_by"] == "Dự Khuyết Một"


def test_replacement_runs_out_with_a_clear_message_and_stays_in_the_unit() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=0)
    absent = made[1]  # of the second unit, which has no alternates
    do_record_absence(absent, absence="with_reason", reason="Ốm", acting_user=staff())
    with pytest.raises(ActionRefused, match="không còn đại biểu dự khuyết"):
        do_replace_with_alternate(absent, acting_user=staff())


def test_only_the_congress_staff_keep_the_register() -> None:
    congress = loc_binh_congress()
    for name in ("soctrang", "daibieu", "lanhdao"):
        with pytest.raises(PermissionDenied):
            do_add_delegate(congress, full_name="X", acting_user=User.objects.get(username=name))
