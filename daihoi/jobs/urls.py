"""URLs of the jobs app."""

from django.urls import URLPattern, path

from daihoi.jobs import views

urlpatterns: list[URLPattern] = [
    path("viec/", views.job_list, name="jobs_list"),
    path("viec/<int:pk>/", views.job_detail, name="jobs_detail"),
    path("viec/<int:pk>/huy/", views.job_cancel, name="jobs_cancel"),
    path("viec/<int:pk>/tep/", views.job_download, name="jobs_download"),
]
