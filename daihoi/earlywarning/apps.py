from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "daihoi.earlywarning"
    verbose_name = _("Cảnh báo sớm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.earlywarning import demo_live, panels

        # A box on the department's dashboard: counts by level, the first few, a link.
        hooks.register_dashboard_panel(panels.dashboard_panel)
        # The live demo's one missing reason: an inspection follow-up not done.
        hooks.register_live_demo_loader(demo_live.load_live_inspections)
