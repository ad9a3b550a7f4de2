"""The reporting-rate summary of a unit; included from daihoi.urls."""

from django.urls import path

from daihoi.completeness import views

urlpatterns = [
    path("bao-cao-len/<slug:campaign>/<str:code>/", views.completeness, name="completeness"),
    path(
        "bao-cao-len/<slug:campaign>/<str:code>/bao-cao-len.xlsx",
        views.completeness_xlsx,
        name="completeness_xlsx",
    ),
    path(
        "bao-cao-len/<slug:campaign>/<str:code>/bao-cao-len.docx",
        views.completeness_docx,
        name="completeness_docx",
    ),
]
