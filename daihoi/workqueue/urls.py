"""URLs of the work queue."""

from django.urls import URLPattern, path

from daihoi.workqueue import views

urlpatterns: list[URLPattern] = [
    path("viec-can-lam/", views.work_queue, name="workqueue"),
]
