"""Every change to an election, by noun: lifecycle, candidates, board, counts, entries, record.

Each action is audited, outermost in `transaction.atomic(durable=True)`, and
refuses anything once the election is sealed. Import them from their modules;
the names below stay importable from here for the callers outside this app
(the demo loader, assembly's base from the register, bench/, other apps' tests).
"""

from daihoi.elections.actions.board import do_add_board_member, do_remove_board_member
from daihoi.elections.actions.candidates import do_record_floor_nomination, do_set_candidates
from daihoi.elections.actions.counts import do_record_ballot_counts, do_set_base
from daihoi.elections.actions.entries import do_key_ballot, do_void_entry
from daihoi.elections.actions.lifecycle import (
    do_create_election,
    do_open_next_round,
    do_transition_election,
)
from daihoi.elections.actions.record import do_import_election
from daihoi.elections.queries import blockers, chain_head, names, reconciliation

__all__ = [
    "blockers",
    "chain_head",
    "do_add_board_member",
    "do_create_election",
    "do_import_election",
    "do_key_ballot",
    "do_open_next_round",
    "do_record_ballot_counts",
    "do_record_floor_nomination",
    "do_remove_board_member",
    "do_set_base",
    "do_set_candidates",
    "do_transition_election",
    "do_void_entry",
    "names",
    "reconciliation",
]
