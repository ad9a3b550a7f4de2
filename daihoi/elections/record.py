"""An election as a signed, self-checking record: exported for an inspector or another office.

Bringing one in is an action: daihoi.elections.actions.record.do_import_election.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from daihoi.core.errors import ActionRefused
from daihoi.elections import chain
from daihoi.elections.models import Election, ElectionState
from daihoi.lib import electionrecord as lib


def export(election: Election) -> dict[str, Any]:
    """Return the election block, every entry, the result, the head and its signature."""
    if election.imported_record is not None:
        # Counted elsewhere: the record as signed there is the one an inspector checks.
        return dict(election.imported_record)
    if election.state not in (ElectionState.ANNOUNCED, ElectionState.SEALED):
        raise ActionRefused([_("Chỉ xuất hồ sơ sau khi đã công bố kết quả.")], ["not_announced"])
    rows = list(election.entries.order_by("seq"))
    return {
        "format": lib.FORMAT,
        "election": chain.frozen_block(election),
        "start": chain.start_hash(election),
        "entries": [{**chain.to_entry(row).payload(), "hash": row.hash} for row in rows],
        "entry_count": len(rows),
        "result": election.result,
        "head": election.chain_head,
        "signature": election.signature,
    }
