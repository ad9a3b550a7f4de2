from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "daihoi.campaigns"
    verbose_name = _("Đợt đại hội")

    def ready(self) -> None:
        from daihoi.campaigns import receivers  # noqa: F401 - connects the signal handlers
