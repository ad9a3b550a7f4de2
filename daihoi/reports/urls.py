"""Report downloads; included from daihoi.urls."""

from django.urls import path

from daihoi.reports import views

urlpatterns = [
    path(
        "bao-cao/<slug:campaign>/<str:code>/tien-do.xlsx",
        views.progress_xlsx,
        name="report_progress_xlsx",
    ),
    path(
        "bao-cao/<slug:campaign>/<str:code>/tien-do.docx",
        views.progress_docx,
        name="report_progress_docx",
    ),
]
