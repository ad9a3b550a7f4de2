from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceedingsConfig(AppConfig):
    name = "daihoi.proceedings"
    verbose_name = _("Diễn biến đại hội")
