from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "daihoi.assembly"
    verbose_name = _("Ngày đại hội")
