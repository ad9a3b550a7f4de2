"""The congress's quorum rule, and the elections' base taken from the register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from daihoi.assembly.access import require_manager
from daihoi.assembly.models import AssemblySettings
from daihoi.assembly.quorum import base_figures
from daihoi.audit import log
from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.elections.models import Election


def settings_for(congress: Congress) -> AssemblySettings:
    """The congress's assembly settings, made on first use."""
    found, _created = AssemblySettings.objects.get_or_create(congress=congress)
    return found


@transaction.atomic(durable=True)
def do_set_quorum_rule(
    congress: Congress, *, numerator: int, denominator: int, strict: bool, acting_user: User
) -> AssemblySettings:
    """Set the least share of the summoned officials present for a quorum."""
    require_manager(acting_user, congress)
    if denominator < 1 or not 0 < numerator <= denominator:
        raise ActionRefused(
            [
                _("Tỉ lệ %(n)s/%(d)s không hợp lệ: tử số từ 1 đến mẫu số.")
                % {"n": numerator, "d": denominator}
            ],
            ["quorum_rule_invalid"],
        )
    found = settings_for(congress)
    with log.audited(
        "assembly.quorum_rule",
        actor=acting_user,
        organisation=congress.organisation,
        target=str(congress),
        snapshot=lambda: {"rule": found.quorum_rule.text, "strict": found.quorum_strict},
    ):
        found.quorum_numerator, found.quorum_denominator = numerator, denominator
        found.quorum_strict = strict
        found.save()
    return found


def do_set_base_from_register(election: Election, *, acting_user: User) -> int:
    """Set an election's base: summoned less the exclusions of the rules (lib/tally).

    Not atomic itself: the elections app's do_set_base is the outermost transaction.
    """
    from daihoi.elections.actions.counts import do_set_base

    require_manager(acting_user, election.congress)
    figures = base_figures(election.congress)
    if figures.summoned < 1:
        raise ActionRefused(
            [_("Danh sách đại biểu chưa có đại biểu chính thức nào được triệu tập.")],
            ["nobody_summoned"],
        )
    try:
        return do_set_base(election, delegates=figures, acting_user=acting_user)
    except ValueError as exc:
        # Every summoned delegate excluded: election_base refuses a base below 1.
        raise ActionRefused(
            [_("Các trường hợp trừ ra không để lại cơ sở tính kết quả dương.")],
            ["base_not_positive"],
        ) from exc
