"""Moved: the desk's and the board's entries are daihoi.elections.actions.entries.

Kept importable from here for the callers outside this app (the demo loader,
tests/trust) until they import from the new place.
"""

from daihoi.elections.actions.entries import board_of, do_key_ballot, do_void_entry
from daihoi.elections.queries import counting_today

__all__ = ["board_of", "counting_today", "do_key_ballot", "do_void_entry"]
