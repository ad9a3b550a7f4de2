from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "daihoi.drafts"
    verbose_name = _("Văn kiện đại hội")

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.drafts import demo, panels, progress, queries
        from daihoi.drafts.models import DocKind
        from daihoi.notifications import reminders
        from daihoi.notifications.events import WHAT

        hooks.register_approval_check(queries.approval_check)
        hooks.register_submission_content(queries.submission_items)
        hooks.register_congress_panel(panels.congress_panel)
        hooks.register_dashboard_panel(panels.dashboard_panel)
        hooks.register_dashboard_panel(progress.dashboard_panel)
        hooks.register_demo_loader(demo.load_demo_drafts)
        # A round sent for comments names its document kind in the reader's language.
        WHAT.update(DocKind.choices)
        from daihoi.drafts.actions.rounds import remind_comment_deadlines

        reminders.register(remind_comment_deadlines)
