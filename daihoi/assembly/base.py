"""The election base from the register, fed to the elections app through its own action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from daihoi.assembly.quorum import base_figures
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions import do_set_base

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.elections.models import Election


def set_base_from_register(election: Election, *, acting_user: User) -> int:
    """Set an election's base: summoned less the exclusions of the rules (lib/tally)."""
    figures = base_figures(election.congress)
    if figures.summoned < 1:
        from django.utils.translation import gettext as _

        raise ActionRefused(
            [_("Danh sách đại biểu chưa có đại biểu chính thức nào được triệu tập.")]
        )
    try:
        return do_set_base(election, delegates=figures, acting_user=acting_user)
    except ValueError as exc:
        # Every summoned delegate excluded: election_base refuses a base below 1.
        from django.utils.translation import gettext as _

        raise ActionRefused(
            [_("Các trường hợp trừ ra không để lại cơ sở tính kết quả dương.")]
        ) from exc
