"""The home page; the apps' pages have their own URL configurations (daihoi/urls.py)."""

from django.urls import path

from daihoi.web.views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("cay-to-chuc/", home.org_tree, name="org_tree"),
]
