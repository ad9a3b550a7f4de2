"""The delegates' accounts of a congress: the page and its one write."""

from django.urls import path

from daihoi.rosters import views

P = "dai-hoi/<slug:campaign>/<str:code>/tai-khoan-dai-bieu/"

urlpatterns = [
    path(P, views.delegate_accounts, name="delegate_accounts"),
    path(P + "tao/", views.delegate_accounts_create, name="delegate_accounts_create"),
]
