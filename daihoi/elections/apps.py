from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def heads_a_board(user: Any) -> bool:
    """Whether the user heads a counting board: two-step sign-in is for them (accounts)."""
    from daihoi.elections.models import BoardMember, BoardRole

    return BoardMember.objects.filter(user=user, role=BoardRole.HEAD).exists()


class ElectionsConfig(AppConfig):
    name = "daihoi.elections"
    verbose_name = _("Bầu cử")

    def ready(self) -> None:
        from daihoi.accounts import twofactor
        from daihoi.campaigns import hooks
        from daihoi.elections import demo, panels
        from daihoi.elections.queries import counting_today
        from daihoi.orgs import hall

        twofactor.register_board_head_check(heads_a_board)
        hooks.register_congress_panel(panels.congress_panel)
        # A big organisation import waits while the desks key ballots (SQLite's one writer).
        hall.register_busy_check(counting_today)
        # After the personnel demo (it registers itself first), whose committee lists
        # name the candidates (elections/demo.slate_sources).
        hooks.register_demo_loader(demo.load_demo_elections)
