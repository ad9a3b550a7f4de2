"""What the programme's, the speakers' and the votes' actions share: the lock, the titles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.lib.text import clean
from daihoi.proceedings import access

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.proceedings.models import AgendaItem

TITLE_MAX = 300


def locked(congress: Congress, acting_user: User | None) -> Congress:
    """Lock the congress row for the day's changes and check the user may make them."""
    current = (
        Congress.objects.select_for_update()
        .select_related("organisation", "campaign")
        .get(pk=congress.pk)
    )
    if acting_user is not None:
        access.require_run(acting_user, current)
    return current


def title_of(text: str, what: str) -> str:
    """The text cleaned, refused when empty or longer than a title may be."""
    title = clean(text)
    if not title:
        raise ActionRefused([_("Chưa nhập %(what)s.") % {"what": what}], codes=["title_missing"])
    if len(title) > TITLE_MAX:
        raise ActionRefused(
            [
                _("%(what)s dài %(n)s ký tự, quá mức %(max)s.")
                % {"what": what, "n": len(title), "max": TITLE_MAX}
            ],
            codes=["title_too_long"],
        )
    return title


def renumber(ordered: list[AgendaItem]) -> None:
    """Number the items 1, 2, … in the given order, saving those that moved (or are new)."""
    for position, item in enumerate(ordered, start=1):
        if item.pk is None or item.position != position:
            item.position = position
            item.save()
