"""URLs of the personnel app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
