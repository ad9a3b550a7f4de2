"""An election at Lộc Bình's test congress, built through the action layer."""

from __future__ import annotations

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress
from daihoi.elections.actions import (
    do_add_board_member,
    do_create_election,
    do_record_ballot_counts,
    do_set_base,
    do_set_candidates,
    do_transition_election,
)
from daihoi.elections.models import BoardRole, Election, ElectionState
from tests.campaigns.helpers import open_congresses, small_campaign

NAMES = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Cường", "Phạm Thị Dung"]


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
