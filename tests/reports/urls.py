"""The project's URLs plus the reports', until daihoi.urls includes them."""

from django.urls import include, path

from daihoi.urls import urlpatterns as project_patterns

urlpatterns = [path("", include("daihoi.reports.urls")), *project_patterns]
