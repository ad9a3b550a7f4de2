"""URLs of the organisation pages: an organisation, its edit, import and trail."""

from django.urls import path

from daihoi.orgs import views

urlpatterns = [
    path("to-chuc/<str:structure>/<str:code>/", views.org_detail, name="org_detail"),
    path("to-chuc/<str:structure>/<str:code>/sua/", views.org_edit, name="org_edit"),
    path("to-chuc/<str:structure>/<str:code>/sua/luu/", views.org_update, name="org_update"),
    path("to-chuc/<str:structure>/<str:code>/nhap/", views.org_import, name="org_import"),
    path(
        "to-chuc/<str:structure>/<str:code>/nhap/tai-len/",
        views.org_import_upload,
        name="org_import_upload",
    ),
    path("to-chuc/<str:structure>/<str:code>/nhat-ky/", views.org_audit, name="org_audit"),
]
