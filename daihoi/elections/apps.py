from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "daihoi.elections"
    verbose_name = _("Bầu cử")

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.elections import demo, panels
        from daihoi.elections.keying import counting_today
        from daihoi.orgs import hall

        hooks.register_congress_panel(panels.congress_panel)
        # A big organisation import waits while the desks key ballots (SQLite's one writer).
        hall.register_busy_check(counting_today)
        # After the personnel demo (it registers itself first), whose committee lists
        # name the candidates (elections/demo.slate_sources).
        hooks.register_demo_loader(demo.load_demo_elections)
