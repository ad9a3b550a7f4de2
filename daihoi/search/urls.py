"""The search's one URL (its name, "search", is the header form's action)."""

from django.urls import path

from daihoi.search import views

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
]
