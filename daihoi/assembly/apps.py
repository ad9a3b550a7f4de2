from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "daihoi.assembly"
    verbose_name = _("Ngày đại hội")

    def ready(self) -> None:
        from daihoi.assembly import demo, panels
        from daihoi.campaigns import hooks

        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_demo_loader(demo.load_demo_register)
