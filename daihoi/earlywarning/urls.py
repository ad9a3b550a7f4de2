"""The early-warning page of a unit; included from daihoi.urls."""

from django.urls import path

from daihoi.earlywarning import views

urlpatterns = [
    path("canh-bao/<slug:campaign>/<str:code>/", views.risk_page, name="earlywarning"),
    path("canh-bao/<slug:campaign>/<str:code>/hop/", views.risk_box, name="earlywarning_box"),
]
