from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "daihoi.results"
    verbose_name = _("Báo cáo kết quả đại hội")

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.results import demo_live, panels, requirements

        hooks.register_transition_check(requirements.transition_check)
        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_step_link(panels.step_link)
        hooks.register_live_demo_loader(demo_live.load_live_results)
