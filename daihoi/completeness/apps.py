from django.apps import AppConfig


class CompletenessConfig(AppConfig):
    name = "daihoi.completeness"
    verbose_name = "Báo cáo lên cấp trên"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from daihoi.campaigns import hooks
        from daihoi.completeness import dashboard, receivers  # noqa: F401 - connects the receivers

        hooks.register_progress_counter(dashboard.progress_by_child)
        hooks.register_series_counter(dashboard.daily_series)
