"""Who, besides the register's keepers, checks delegates in at the congress's desks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.assembly.access import require_manager
from daihoi.assembly.actions.quorum import settings_for
from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.orgs import scope

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@transaction.atomic(durable=True)
def do_set_desk_staff(congress: Congress, user: User, *, desk: bool, acting_user: User) -> None:
    """Designate (or with desk=False remove) a user who may check delegates in here."""
    require_manager(acting_user, congress)
    if desk and not scope.can_see(user, congress.organisation):
        raise ActionRefused(
            [
                _("Tài khoản %(user)s không thuộc %(org)s nên không thể làm bàn điểm danh.")
                % {"user": user.username, "org": congress.organisation.name}
            ],
            ["user_outside"],
        )
    found = settings_for(congress)
    if desk:
        found.desk_staff.add(user)
    else:
        found.desk_staff.remove(user)
    log.record(
        "assembly.desk_staff",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(congress),
        after={"user": user.username, "desk": desk},
    )
