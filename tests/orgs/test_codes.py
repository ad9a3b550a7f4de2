"""Organisations found by the codes a file gives, leading zeros lost or not."""

from __future__ import annotations

from typing import Any

import pytest

from daihoi.orgs import codes
from daihoi.orgs.codes import by_code
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import children, subtree_q
from tests.conftest import org

pytestmark = pytest.mark.django_db


def communes() -> Any:
    loc_binh = org("188")
    return Organisation.objects.filter(
        subtree_q(loc_binh.path, include_self=False), structure_id=loc_binh.structure_id
    )


def test_codes_as_written_and_as_a_spreadsheet_kept_them_find_the_same_units() -> None:
    first, second = list(children(org("188")))[:2]
    assert first.code.startswith("0")
    found = by_code(communes(), [first.code, second.code.lstrip("0"), "", "99999", "abc"])
    assert found == {first.code: first, second.code.lstrip("0"): second}


def test_digits_that_two_codes_share_but_for_leading_zeros_stay_unknown() -> None:
    first, second = list(children(org("188")))[:2]
    Organisation.objects.filter(pk=second.pk).update(code="0" + first.code)
    assert by_code(communes(), [first.code.lstrip("0")]) == {}
    # Written in full, each is still itself.
    assert by_code(communes(), [first.code, "0" + first.code]).keys() == {
        first.code,
        "0" + first.code,
    }


def test_a_long_list_is_asked_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    units = list(children(org("188")))
    monkeypatch.setattr(codes, "CHUNK", 2)
    typed = [u.code.lstrip("0") for u in units[:3]] + [units[3].code]
    found = by_code(communes(), typed)
    assert [found[code] for code in typed] == units[:4]


def test_only_the_given_organisations_are_searched() -> None:
    first = list(children(org("188")))[0]
    outside = Organisation.objects.exclude(pk=first.pk).filter(structure_id=first.structure_id)
    assert by_code(outside, [first.code, first.code.lstrip("0")]) == {}
