"""A record counted elsewhere (a venue laptop) brought in, verified, as an announced election."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.db.limits import within_limits
from daihoi.elections.models import BallotEntry, Candidate, Election, ElectionState
from daihoi.lib import electionrecord as lib
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def _mismatch(data: dict[str, Any], congress: Congress) -> list[str]:
    block = data["election"]
    problems = []
    org = block.get("organisation", {})
    if org.get("code") != congress.organisation.code:
        problems.append(
            _("Hồ sơ là của %(theirs)s (mã %(code)s), không phải của %(ours)s.")
            % {
                "theirs": org.get("name", "?"),
                "code": org.get("code", "?"),
                "ours": congress.organisation.name,
            }
        )
    campaign = block.get("campaign", {})
    if campaign.get("slug") != congress.campaign.slug:
        problems.append(
            _("Hồ sơ thuộc đợt đại hội «%(theirs)s», không phải «%(ours)s».")
            % {"theirs": campaign.get("name", "?"), "ours": congress.campaign.name}
        )
    return problems


@transaction.atomic(durable=True)
def do_import_election(data: dict[str, Any], *, congress: Congress, acting_user: User) -> Election:
    """Bring in a record counted elsewhere; refuse one of another congress, one already
    imported, and one whose chain, rules, count or signature do not verify."""
    if not scope.can_write(acting_user, congress.organisation):
        raise PermissionDenied
    try:
        verdict = lib.verify(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ActionRefused(
            [_("Hồ sơ bầu cử thiếu hoặc sai trường: %(p)s") % {"p": exc}], ["malformed"]
        ) from exc
    if verdict.problems:
        raise ActionRefused(
            [_("Hồ sơ bầu cử không kiểm chứng được: %(p)s") % {"p": p} for p in verdict.problems],
            ["unverified"],
        )
    problems = _mismatch(data, congress)
    if problems:
        raise ActionRefused(problems, ["other_congress"])
    if Election.objects.filter(chain_head=data["head"]).exists():
        raise ActionRefused(
            [_("Hồ sơ này đã được nhập (mã %(head)s).") % {"head": data["head"][:16]}],
            ["already_imported"],
        )
    block = data["election"]
    election = Election.objects.create(
        congress=congress,
        kind=block["kind"],
        title=block["title"],
        seats=block["seats"],
        base=block["base"],
        teams=block["teams"],
        round_no=block["round"],
        rule_set=block.get("rule_set") or Election._meta.get_field("rule_set").default,
        ballots_issued=block.get("ballots_issued"),
        ballots_collected=block.get("ballots_collected"),
        state=ElectionState.ANNOUNCED,
        result=data["result"],
        chain_block=block,
        chain_start=data["start"],
        chain_head=data["head"],
        signature=data["signature"],
        imported_record=data,
    )
    # A verified record can still carry a name or a serial no column holds (it was signed
    # elsewhere): refused with the field named, like any import, not a database error.
    Candidate.objects.bulk_create(
        within_limits(
            Candidate(election=election, full_name=name, position=no)
            for no, name in enumerate(block["candidates"], start=1)
        )
    )
    BallotEntry.objects.bulk_create(
        within_limits(
            BallotEntry(
                election=election,
                seq=e["seq"],
                action=e["action"],
                team=e["team"],
                serial=e["serial"],
                crossed=e["crossed"],
                void_lines=e["void_lines"],
                flags=e["flags"],
                reason=e["reason"],
                member=e["member"],
                keyed_by_name=e["keyed_by"],
                keyed_at=dt.datetime.fromisoformat(e["keyed_at"]),
                hash=e["hash"],
            )
            for e in data["entries"]
        )
    )
    log.record(
        "election.import",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(election),
        after={
            "head": data["head"],
            "entries": len(data["entries"]),
            "signed_by": verdict.signed_by,
            "source_election": block.get("election"),
        },
    )
    return election
