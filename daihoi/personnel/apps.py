from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "daihoi.personnel"
    verbose_name = _("Nhân sự")

    def ready(self) -> None:
        from daihoi.audit import privacy
        from daihoi.campaigns import hooks
        from daihoi.elections import demo as elections_demo
        from daihoi.personnel import (  # noqa: F401 - receivers connects handlers
            access,
            demo,
            demo_live,
            panels,
            receivers,
        )

        # Entries about cadres' records are personal data: the trail's pages hide them.
        privacy.register_personal_prefix("personnel.", access.may_read)

        hooks.register_approval_check(panels.complaints_block_approval)
        hooks.register_submission_content(panels.submission_items)
        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_dashboard_panel(panels.dashboard_panel)
        # First: the demo elections take their names from this demo's committee lists.
        hooks.register_demo_loader(demo.load_demo_personnel, order=10)
        hooks.register_live_demo_loader(demo_live.load_live_personnel)
        elections_demo.register_slate_source(demo.committee_slate)
