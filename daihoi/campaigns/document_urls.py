"""URLs of the governing documents register, under /van-ban/."""

from django.urls import URLPattern, path

from daihoi.campaigns.views import documents as views

urlpatterns: list[URLPattern] = [
    path("", views.documents_list, name="documents_list"),
    path("dang-ky/", views.documents_register, name="documents_register"),
    path("dang-ky/luu/", views.documents_register_save, name="documents_register_save"),
    path("<int:pk>/", views.documents_detail, name="documents_detail"),
    path("<int:pk>/tep/", views.documents_file, name="documents_file"),
    path("<int:pk>/trien-khai/", views.documents_cascade, name="documents_cascade"),
    path(
        "<int:pk>/trien-khai/<str:code>/",
        views.documents_cascade,
        name="documents_cascade_org",
    ),
]
