"""Every change to personnel records, by noun: people, lists, introduction, complaints,
teams, elected, targets. Each `do_<verb>_<noun>(…, *, acting_user)` checks the duty,
runs outermost in `transaction.atomic(durable=True)` and writes its audit entry.

Import them from their modules; the names below stay importable from here only for
the callers outside personnel that predate the split (other apps' trust and audit
tests, the browser test's set-up script).
"""

from daihoi.personnel.actions.complaints import (
    do_override_complaint,
    do_register_complaint,
    do_settle_complaint,
)
from daihoi.personnel.actions.introduction import do_start_introduction
from daihoi.personnel.actions.lists import (
    do_add_to_list,
    do_adopt_list,
    do_create_list,
    do_remove_from_list,
    do_set_standing,
)
from daihoi.personnel.actions.people import (
    do_create_person,
    do_import_people,
    do_update_person,
    new_person,
)
from daihoi.personnel.actions.teams import do_create_team

__all__ = [
    "do_add_to_list",
    "do_adopt_list",
    "do_create_list",
    "do_create_person",
    "do_create_team",
    "do_import_people",
    "do_override_complaint",
    "do_register_complaint",
    "do_remove_from_list",
    "do_set_standing",
    "do_settle_complaint",
    "do_start_introduction",
    "do_update_person",
    "new_person",
]
