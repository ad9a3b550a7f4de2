from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "daihoi.assembly"
    verbose_name = _("Ngày đại hội")

    def ready(self) -> None:
        from daihoi.assembly import demo, panels, quorum
        from daihoi.campaigns import hooks
        from daihoi.orgs import hall

        hooks.register_congress_panel(panels.congress_panel)
        # A big organisation import waits while a sitting is open (SQLite's one writer).
        hall.register_busy_check(quorum.sitting_open_today)
        hooks.register_demo_loader(demo.load_demo_register)
