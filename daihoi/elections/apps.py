from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "daihoi.elections"
    verbose_name = _("Bầu cử")

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.elections import demo, panels
        from daihoi.personnel.demo import load_demo_personnel

        hooks.register_congress_panel(panels.congress_panel)
        # The demo elections take their names from the personnel demo, whose app comes
        # after this one in INSTALLED_APPS: put its loader first (registering is once only).
        hooks.register_demo_loader(load_demo_personnel)
        hooks.register_demo_loader(demo.load_demo_elections)
