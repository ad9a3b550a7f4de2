"""The list on the ballot: ballot order, the draft list, floor nominations."""

from __future__ import annotations

import pytest

from daihoi.audit.models import AuditEntry
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.candidates import do_record_floor_nomination, do_set_candidates
from daihoi.elections.models import ElectionState
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


def test_the_list_is_put_in_ballot_order_by_given_name() -> None:
    election = counting_election()
    assert list(election.candidates.values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Thị Dung",
    ]


def test_the_list_cannot_change_once_adopted() -> None:
    election = counting_election()
    with pytest.raises(ActionRefused, match="dự thảo") as caught:
        do_set_candidates(election, ["Ai đó"], acting_user=staff())
    assert caught.value.codes == ["not_draft"]


def test_a_floor_nomination_enters_the_list_only_above_30_percent_of_those_present() -> None:
    from daihoi.campaigns.models import Congress
    from daihoi.elections.actions.lifecycle import do_create_election
    from tests.campaigns.helpers import open_congresses, small_campaign

    campaign = small_campaign("de-cu")
    open_congresses(campaign, "188")
    congress = Congress.objects.get(campaign=campaign, organisation__code="06553")
    election = do_create_election(congress, "committee", 9, acting_user=staff())
    do_set_candidates(election, [f"Người Số {c}" for c in "ABCDEFGHIJ"], acting_user=staff())
    # 30 of 100 is exactly 30%: not more than 30%, so not on the list.
    assert not do_record_floor_nomination(
        election, "Hoàng Văn Xuân", agree=30, present=100, acting_user=staff()
    )
    assert do_record_floor_nomination(
        election, "Hoàng Văn Xuân", agree=31, present=100, acting_user=staff()
    )
    listed = list(election.candidates.values_list("full_name", "floor_nomination"))
    assert ("Hoàng Văn Xuân", True) in listed and len(listed) == 11
    # Ballot order is kept: "Xuân" sorts after every "Số …" given name? No: by given name.
    names = [n for n, _f in listed]
    assert names == sorted(
        names, key=lambda n: __import__("daihoi.lib.names").lib.names.ballot_sort_key(n)
    )
    votes = AuditEntry.objects.filter(action="election.floor_nomination")
    assert [v.after["entered"] for v in votes.order_by("pk")] == [False, True]  # type: ignore[index]


def test_the_list_is_refused_to_a_typist_and_another_province() -> None:
    election = draft_election()
    for user in (typist("to1", 1), outsider()):
        denied(do_set_candidates, election, ["Ai Đó", "Người Khác"], acting_user=user)


def test_a_repeated_name_or_a_board_member_on_the_list_is_refused() -> None:
    election = draft_election()
    refused(
        ["repeated_name"],
        do_set_candidates,
        election,
        ["Lò Văn Páo", "lò văn páo"],
        acting_user=staff(),
    )
    refused(["on_board"], do_set_candidates, election, ["To2", "Lò Văn Páo"], acting_user=staff())


def test_a_floor_nomination_only_while_the_list_is_a_draft() -> None:
    refused(
        ["not_draft"],
        do_record_floor_nomination,
        counting_election(),
        "Vi Thị Ba",
        agree=40,
        present=100,
        acting_user=staff(),
    )


def test_a_floor_nomination_is_refused_to_a_typist_and_another_province() -> None:
    election = draft_election()
    for user in (typist("to1", 1), outsider()):
        denied(
            do_record_floor_nomination, election, "Vi Thị Ba", agree=40, present=100,
            acting_user=user,
        )  # fmt: skip
