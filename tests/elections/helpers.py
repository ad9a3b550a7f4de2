"""An election at Lộc Bình's test congress, built through the action layer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.board import do_add_board_member
from daihoi.elections.actions.candidates import do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot
from daihoi.elections.actions.lifecycle import do_create_election, do_transition_election
from daihoi.elections.models import BoardRole, Election, ElectionState
from tests.campaigns.helpers import open_congresses, small_campaign

NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Cường", "Phạm Thị Dung"]
# Ballot order: An, Bình, Cường, Dung (given names, Vietnamese collation).
PAPERS = {1: [4], 2: [3], 3: [4], 4: [1], 5: [2]}  # serial → lines crossed out


def staff() -> User:
    return User.objects.get(username="langson")


def typist(name: str, team: int | None) -> User:
    user, _created = User.objects.get_or_create(
        username=name, defaults={"full_name": name.title(), "roles": ["counting_board"]}
    )
    return user


def counting_election(
    *,
    seats: int = 3,
    issued: int = 6,
    collected: int = 5,
    kind: str = "committee",
    base: int = 7,
) -> Election:
    """Lộc Bình's congress election, with two typing teams and a board head, counting."""
    campaign = small_campaign("bau-cu-thu")
    open_congresses(campaign, "20")
    congress = Congress.objects.select_related("organisation").get(
        campaign=campaign, organisation__code="188"
    )
    election = do_create_election(congress, kind, seats, acting_user=staff())
    do_set_candidates(election, NAMES, acting_user=staff())
    for name, team in (("to1", 1), ("to2", 2)):
        do_add_board_member(
            election, typist(name, team), role=BoardRole.TECHNICAL, team=team, acting_user=staff()
        )
    do_add_board_member(
        election, typist("truongban", None), role=BoardRole.HEAD, team=None, acting_user=staff()
    )
    do_set_base(election, base=base, acting_user=staff())
    do_transition_election(election, ElectionState.LIST_ADOPTED, acting_user=staff())
    do_record_ballot_counts(election, issued=issued, acting_user=staff())
    do_transition_election(election, ElectionState.BALLOTS_ISSUED, acting_user=staff())
    do_record_ballot_counts(election, collected=collected, acting_user=staff())
    do_transition_election(election, ElectionState.COUNTING, acting_user=staff())
    return Election.objects.get(pk=election.pk)


def key_all(election: Election, papers: dict[int, list[int]] = PAPERS) -> None:
    """Both teams key every paper the same way."""
    for team, name in ((1, "to1"), (2, "to2")):
        for serial, crossed in papers.items():
            do_key_ballot(
                election, team=team, serial=serial, crossed=crossed, acting_user=typist(name, team)
            )


def draft_election(*, seats: int = 3, kind: str = "committee") -> Election:
    """Lộc Bình's congress election in draft: four names, two typists, a head and a base."""
    campaign = small_campaign("bau-cu-nhap")
    open_congresses(campaign, "20")
    congress = Congress.objects.select_related("organisation").get(
        campaign=campaign, organisation__code="188"
    )
    election = do_create_election(congress, kind, seats, acting_user=staff())
    do_set_candidates(election, NAMES, acting_user=staff())
    for name, team in (("to1", 1), ("to2", 2)):
        do_add_board_member(
            election, typist(name, team), role=BoardRole.TECHNICAL, team=team, acting_user=staff()
        )
    do_add_board_member(
        election, typist("truongban", None), role=BoardRole.HEAD, team=None, acting_user=staff()
    )
    do_set_base(election, base=7, acting_user=staff())
    return Election.objects.get(pk=election.pk)


def outsider() -> User:
    """Sóc Trăng's organisation department: another province."""
    return User.objects.get(username="soctrang")


def stored(election: Election) -> tuple[object, ...]:
    """Everything a write to an election could change, to show a refusal changed nothing."""
    current = Election.objects.get(pk=election.pk)
    return (
        current.state,
        current.base,
        current.ballots_issued,
        current.ballots_collected,
        current.result,
        list(current.candidates.values_list("full_name", "position", "floor_nomination")),
        sorted(current.board.values_list("user__username", "role", "team", "may_rule")),
        current.entries.count(),
        Election.objects.filter(congress=current.congress).count(),
    )


def refused(codes: list[str], action: Callable[..., object], *args: Any, **kwargs: Any) -> None:
    """The action refuses with these codes and the election is as it was."""
    election = args[0]
    before = stored(election)
    with pytest.raises(ActionRefused) as caught:
        action(*args, **kwargs)
    assert caught.value.codes == codes, caught.value.reasons
    assert stored(election) == before


def denied(action: Callable[..., object], *args: Any, **kwargs: Any) -> None:
    """The action refuses the user outright (not their duty) and the election is as it was."""
    election = args[0]
    before = stored(election)
    with pytest.raises(PermissionDenied):
        action(*args, **kwargs)
    assert stored(election) == before
