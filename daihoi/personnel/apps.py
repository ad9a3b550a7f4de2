from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "daihoi.personnel"
    verbose_name = _("Nhân sự")

    def ready(self) -> None:
        from daihoi.audit import privacy
        from daihoi.campaigns import hooks
        from daihoi.elections import demo as elections_demo
        from daihoi.personnel import access, demo, panels, receivers  # noqa: F401 - connects handlers

        # Entries about cadres' records are personal data: the trail's pages hide them.
        privacy.register_personal_prefix("personnel.", access.may_read)

        hooks.register_approval_check(panels.complaints_block_approval)
        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_dashboard_panel(panels.dashboard_panel)
        # First: the demo elections take their names from this demo's committee lists.
        hooks.register_demo_loader(demo.load_demo_personnel, order=10)
        elections_demo.register_slate_source(demo.committee_slate)
