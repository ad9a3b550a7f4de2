"""A check-in picked from the name search checks in exactly the person the row showed.

The desk sends the token and id of the row clicked and the text in the search box;
a row left over from an earlier search names someone the box no longer finds, and
the server refuses it (see desk.js for the client's side and
tests/browser/test_checkin_desk.py for the race in a browser).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from daihoi.assembly.actions.checkin import check_in_scan, do_check_in
from daihoi.assembly.actions.delegates import do_add_delegate
from daihoi.assembly.models import CheckIn, Delegate, Sitting
from daihoi.assembly.tokens import card_token
from tests.assembly.helpers import loc_binh_congress, open_sitting, staff
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _two_names() -> tuple[Sitting, Delegate, Delegate]:
    congress = loc_binh_congress()
    an = do_add_delegate(congress, full_name="Nguyễn Văn An", acting_user=staff())
    binh = do_add_delegate(congress, full_name="Trần Thị Bình", acting_user=staff())
    return open_sitting(congress), an, binh


def test_a_row_matching_the_search_box_is_checked_in() -> None:
    sitting, an, _binh = _two_names()
    for query in ("nguyen van", "Nguyễn Văn An", "  VĂN an "):
        result = check_in_scan(
            sitting.pk,
            card_token(an),
            desk="",
            acting_user=staff(),
            method="name",
            query=query,
            shown=an.pk,
        )
        assert result is not None and result.ok, query
    assert CheckIn.objects.get().method == "name"


def test_a_stale_row_of_an_earlier_search_checks_nobody_in() -> None:
    sitting, an, binh = _two_names()
    # The box now says "tran thi" but the row clicked was An's, from the search "nguyen".
    for path in ("fast", "slow"):
        if path == "fast":
            result = check_in_scan(
                sitting.pk,
                card_token(an),
                desk="",
                acting_user=staff(),
                method="name",
                query="tran thi",
                shown=an.pk,
            )
        else:
            result = do_check_in(
                card_token(an),
                sitting=sitting,
                desk="",
                acting_user=staff(),
                method="name",
                query="tran thi",
                shown=an.pk,
            )
        assert result is not None
        assert (result.ok, result.code) == (False, "mismatch")
        assert "Nguyễn Văn An không khớp với tên đang tìm “tran thi”" in result.message
    # A box emptied since the search: nothing matches.
    empty = check_in_scan(
        sitting.pk,
        card_token(an),
        desk="",
        acting_user=staff(),
        method="name",
        query="",
        shown=an.pk,
    )
    assert empty is not None and empty.code == "mismatch"
    assert not CheckIn.objects.exists()


def test_the_token_must_be_the_delegate_the_row_showed() -> None:
    sitting, an, binh = _two_names()
    result = check_in_scan(
        sitting.pk,
        card_token(an),
        desk="",
        acting_user=staff(),
        method="name",
        query="nguyen",
        shown=binh.pk,
    )
    assert result is not None and result.code == "mismatch"
    assert not CheckIn.objects.exists()


def test_the_endpoint_refuses_a_stale_row_and_checks_in_the_shown_one() -> None:
    sitting, an, binh = _two_names()
    client = login("locbinh")
    url = reverse("assembly_checkin", args=[sitting.pk])
    stale = client.post(
        url,
        {"token": card_token(an), "method": "name", "delegate": an.pk, "q": "tran"},
    )
    assert stale.status_code == 400 and stale.json()["code"] == "mismatch"
    assert not CheckIn.objects.exists()
    right = client.post(
        url,
        {"token": card_token(binh), "method": "name", "delegate": binh.pk, "q": "tran"},
    )
    assert right.status_code == 200 and right.json()["delegate"]["id"] == binh.pk
    assert list(CheckIn.objects.values_list("delegate_id", flat=True)) == [binh.pk]
    # A scanned card carries no search: the scan path is unchanged.
    scanned = client.post(url, {"token": card_token(an), "q": "tran"})
    assert scanned.status_code == 200 and scanned.json()["code"] == "checked_in"
