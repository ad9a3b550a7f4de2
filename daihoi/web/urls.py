"""The home page; the apps' pages have their own URL configurations (daihoi/urls.py)."""

from django.urls import path

from daihoi.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
