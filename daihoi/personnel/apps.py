from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "daihoi.personnel"
    verbose_name = _("Nhân sự")

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.personnel import demo, panels, receivers  # noqa: F401 - connects handlers

        hooks.register_approval_check(panels.complaints_block_approval)
        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_dashboard_panel(panels.dashboard_panel)
        hooks.register_demo_loader(demo.load_demo_personnel)
