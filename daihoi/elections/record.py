"""Exporting an election as a self-checking record, and bringing one in from a venue laptop."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.errors import ActionRefused
from daihoi.campaigns.models import Congress
from daihoi.elections import actions
from daihoi.elections.models import BallotEntry, Candidate, Election, ElectionState
from daihoi.lib import electionrecord as lib
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def export(election: Election) -> dict[str, Any]:
    """Return the election's list, every keyed entry and the result, as one JSON document."""
    if election.state not in (ElectionState.ANNOUNCED, ElectionState.SEALED):
        raise ActionRefused([_("Chỉ xuất hồ sơ sau khi đã công bố kết quả.")])
    header = actions.header(election)
    header["ballots_issued"] = election.ballots_issued
    header["ballots_collected"] = election.ballots_collected
    names = actions.names(election)
    chain_header = actions.header(election)
    saved = list(election.entries.order_by("seq"))
    entries = actions.entries(election)
    return {
        "format": lib.FORMAT,
        "election": {**header},
        "chain_header": chain_header,
        "candidates": [{"no": i, "full_name": n} for i, n in enumerate(names, start=1)],
        "header_hash": lib.header_hash(chain_header, names),
        "entries": [
            {**entry.payload(), "hash": row.hash} for entry, row in zip(entries, saved, strict=True)
        ],
        "head": election.chain_head or actions.chain_head(election),
        "result": election.result,
    }


@transaction.atomic
def do_import_election(data: dict[str, Any], *, congress: Congress, acting_user: User) -> Election:
    """Bring in a record counted elsewhere; refuse it unless its chain and count verify."""
    if not scope.can_write(acting_user, congress.organisation):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    problems = lib.verify(data)
    if problems:
        raise ActionRefused(
            [_("Hồ sơ bầu cử không kiểm chứng được: %(p)s") % {"p": p} for p in problems]
        )
    source = data["chain_header"]
    election = Election.objects.create(
        congress=congress,
        kind=source["kind"],
        title=source["title"],
        seats=source["seats"],
        base=source["base"],
        teams=source["teams"],
        round_no=source["round"],
        ballots_issued=data["election"].get("ballots_issued"),
        ballots_collected=data["election"].get("ballots_collected"),
        state=ElectionState.ANNOUNCED,
        result=data["result"],
        chain_head=data["head"],
    )
    Candidate.objects.bulk_create(
        Candidate(election=election, full_name=c["full_name"], position=c["no"])
        for c in data["candidates"]
    )
    BallotEntry.objects.bulk_create(
        BallotEntry(
            election=election,
            seq=e["seq"],
            team=e["team"],
            serial=e["serial"],
            crossed=e["crossed"],
            void_lines=e["void_lines"],
            flags=e["flags"],
            keyed_by_name=e["keyed_by"],
            keyed_at=dt.datetime.fromisoformat(e["keyed_at"]),
            hash=e["hash"],
        )
        for e in data["entries"]
    )
    log.record(
        "election.import",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(election),
        after={"head": data["head"], "entries": len(data["entries"]), "source": source},
    )
    return election
