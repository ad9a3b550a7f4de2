"""URLs of the drafts app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
