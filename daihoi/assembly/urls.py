"""URLs of the assembly app: the register, credentials, cards, the desk and the live quorum."""

from django.urls import path

from daihoi.assembly import views

P = "dai-hoi/<slug:campaign>/<str:code>/"

urlpatterns = [
    path(P + "dai-bieu/", views.register, name="assembly_register"),
    path(P + "tham-tra/", views.credentials, name="assembly_credentials"),
    path(P + "tham-tra/bao-cao.docx", views.credentials_docx, name="assembly_credentials_docx"),
    path(P + "the-dai-bieu/", views.cards, name="assembly_cards"),
    path(P + "diem-danh/", views.desk, name="assembly_desk"),
    path(P + "so-dai-bieu/", views.quorum, name="assembly_quorum"),
    path(P + "so-dai-bieu.json", views.quorum_json, name="assembly_quorum_json"),
    path("diem-danh/<int:pk>/quet/", views.checkin, name="assembly_checkin"),
    path("diem-danh/<int:pk>/tim/", views.search, name="assembly_search"),
    path("diem-danh/<int:pk>/hoan-tac/", views.checkin_undo, name="assembly_checkin_undo"),
]
