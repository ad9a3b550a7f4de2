from django.apps import AppConfig


class CompletenessConfig(AppConfig):
    name = "daihoi.completeness"
    verbose_name = "Báo cáo lên cấp trên"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from daihoi.completeness import receivers  # noqa: F401 - connects the roll-up's receivers
