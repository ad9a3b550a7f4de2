from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "daihoi.proceedings"
    verbose_name = _("Diễn biến đại hội")

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.proceedings import demo, panels

        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_demo_loader(demo.load_demo_programmes)
