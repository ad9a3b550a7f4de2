from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    name = "daihoi.drafts"
    verbose_name = _("Văn kiện đại hội")
