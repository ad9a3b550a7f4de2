"""URLs of the assembly app: the register, credentials, cards, the desk and the live quorum.

Each write has its own URL under the object it changes (a delegate, a sitting, an
election, a desk user) and answers POST only.
"""

from django.urls import path

from daihoi.assembly.views import cards, checkin, credentials, desk_staff, quorum, register

P = "dai-hoi/<slug:campaign>/<str:code>/"

urlpatterns = [
    path(P + "dai-bieu/", register.register, name="assembly_register"),
    path(P + "dai-bieu/them/", register.delegate_add, name="assembly_delegate_add"),
    path(P + "dai-bieu/nhap/", register.register_upload, name="assembly_register_upload"),
    path(P + "dai-bieu/nhap-trung-cu/", register.import_elected, name="assembly_import_elected"),
    path(P + "dai-bieu/phan-bo/", register.allotment_set, name="assembly_allotment_set"),
    path(
        P + "dai-bieu/ban-diem-danh/them/",
        desk_staff.desk_staff_add,
        name="assembly_desk_staff_add",
    ),
    path(
        P + "dai-bieu/ban-diem-danh/<int:user>/bo/",
        desk_staff.desk_staff_remove,
        name="assembly_desk_staff_remove",
    ),
    path(P + "tham-tra/", credentials.credentials, name="assembly_credentials"),
    path(
        P + "tham-tra/bao-cao.docx", credentials.credentials_docx, name="assembly_credentials_docx"
    ),
    path(
        P + "tham-tra/<int:pk>/du-tu-cach/",
        credentials.credential_valid,
        name="assembly_credential_valid",
    ),
    path(
        P + "tham-tra/<int:pk>/khong-du-tu-cach/",
        credentials.credential_invalid,
        name="assembly_credential_invalid",
    ),
    path(P + "tham-tra/<int:pk>/vang-mat/", credentials.absence, name="assembly_absence"),
    path(P + "tham-tra/<int:pk>/thay-du-khuyet/", credentials.replace, name="assembly_replace"),
    path(P + "the-dai-bieu/", cards.cards, name="assembly_cards"),
    path(P + "diem-danh/", checkin.desk, name="assembly_desk"),
    path(P + "so-dai-bieu/", quorum.quorum, name="assembly_quorum"),
    path(P + "so-dai-bieu.json", quorum.quorum_json, name="assembly_quorum_json"),
    path(P + "so-dai-bieu/khai-mac/", quorum.sitting_open, name="assembly_sitting_open"),
    path(
        P + "so-dai-bieu/phien/<int:pk>/ket-thuc/",
        quorum.sitting_close,
        name="assembly_sitting_close",
    ),
    path(P + "so-dai-bieu/ti-le/", quorum.quorum_rule_set, name="assembly_quorum_rule"),
    path(
        P + "so-dai-bieu/bau-cu/<int:pk>/co-so/",
        quorum.election_base,
        name="assembly_election_base",
    ),
    path("diem-danh/<int:pk>/quet/", checkin.checkin, name="assembly_checkin"),
    path("diem-danh/<int:pk>/tim/", checkin.search, name="assembly_search"),
    path("diem-danh/<int:pk>/hoan-tac/", checkin.checkin_undo, name="assembly_checkin_undo"),
]
