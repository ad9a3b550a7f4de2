"""URLs of the assembly app."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
