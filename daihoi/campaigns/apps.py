from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "daihoi.campaigns"
    verbose_name = _("Đợt đại hội")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from daihoi.campaigns import receivers  # noqa: F401 - connects the signal handlers
        from daihoi.db.limits import refuse_out_of_limits

        # Every model's saves: no value too big for its column reaches the database.
        pre_save.connect(refuse_out_of_limits, dispatch_uid="daihoi.db.limits")
