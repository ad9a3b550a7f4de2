"""URLs of the proceedings app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
