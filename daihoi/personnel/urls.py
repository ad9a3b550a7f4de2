"""URLs of the personnel app: each page at its URL, each write nested under its object."""

from django.urls import URLPattern, path

from daihoi.personnel.views import (
    complaints,
    congress,
    lists,
    people,
    process,
    rollup,
    targets,
    teams,
)

LIST = "nhan-su/danh-sach/<int:pk>/"
PERSON_ON_LIST = LIST + "nguoi/<int:person>/"
CONGRESS = "nhan-su/<slug:campaign>/<str:code>/"

urlpatterns: list[URLPattern] = [
    path("nhan-su/to-chuc/<str:structure>/<str:code>/", people.people, name="personnel_people"),
    path(
        "nhan-su/to-chuc/<str:structure>/<str:code>/nhap/",
        people.people_import,
        name="personnel_import",
    ),
    path(
        "nhan-su/to-chuc/<str:structure>/<str:code>/nhap/tai-len/",
        people.people_import_upload,
        name="personnel_import_upload",
    ),
    path(
        "nhan-su/to-chuc/<str:structure>/<str:code>/them/",
        people.person_add,
        name="personnel_person_add",
    ),
    path("nhan-su/can-bo/<int:pk>/", people.person_detail, name="personnel_person"),
    path("nhan-su/can-bo/<int:pk>/sua/", people.person_edit, name="personnel_person_edit"),
    # A candidate list and its changes.
    path(LIST, lists.candidate_list, name="personnel_list"),
    path(PERSON_ON_LIST + "them/", lists.list_add, name="personnel_list_add"),
    path(PERSON_ON_LIST + "bo/", lists.list_remove, name="personnel_list_remove"),
    path(PERSON_ON_LIST + "btv/", lists.list_standing, name="personnel_list_standing"),
    path(LIST + "trung-cu/", lists.list_elected, name="personnel_list_elected"),
    path(LIST + "thong-qua/", lists.list_adopt, name="personnel_list_adopt"),
    # The five steps.
    path("nhan-su/quy-trinh/<int:pk>/", process.process_detail, name="personnel_process"),
    path("nhan-su/quy-trinh/<int:pk>/buoc/", process.process_step, name="personnel_process_step"),
    path(
        "nhan-su/quy-trinh/<int:pk>/dua-vao-danh-sach/",
        process.process_feed,
        name="personnel_process_feed",
    ),
    # Complaints.
    path("nhan-su/don-thu/<int:pk>/", complaints.complaint_detail, name="personnel_complaint"),
    path(
        "nhan-su/don-thu/<int:pk>/giai-quyet/",
        complaints.complaint_settle,
        name="personnel_complaint_settle",
    ),
    path(
        "nhan-su/don-thu/<int:pk>/cap-tren/",
        complaints.complaint_override,
        name="personnel_complaint_override",
    ),
    # Inspection teams.
    path("nhan-su/doan-kiem-tra/<int:pk>/", teams.team_detail, name="personnel_team"),
    path("nhan-su/doan-kiem-tra/<int:pk>/buoi/them/", teams.visit_add, name="personnel_visit_add"),
    path(
        "nhan-su/doan-kiem-tra/<int:pk>/buoi/<int:visit>/",
        teams.visit_update,
        name="personnel_visit_update",
    ),
    # A congress's hub and what it opens.
    path(CONGRESS, congress.congress_personnel, name="personnel_congress"),
    path(CONGRESS + "danh-sach/them/", congress.list_create, name="personnel_list_create"),
    path(CONGRESS + "quy-trinh/them/", congress.process_start, name="personnel_process_start"),
    path(
        CONGRESS + "don-thu/them/",
        congress.complaint_register,
        name="personnel_complaint_register",
    ),
    path(CONGRESS + "trung-cu/", congress.elected_record, name="personnel_elected_record"),
    path(CONGRESS + "doan-kiem-tra/", teams.inspections, name="personnel_inspections"),
    path(CONGRESS + "doan-kiem-tra/them/", teams.team_create, name="personnel_team_create"),
    path("chi-tieu-co-cau/<slug:campaign>/", targets.targets, name="personnel_targets"),
    path(
        "chi-tieu-co-cau/<slug:campaign>/luu/",
        targets.targets_save,
        name="personnel_targets_save",
    ),
    path("co-cau/<slug:campaign>/<str:code>/", rollup.rollup_page, name="personnel_rollup"),
    path(
        "co-cau/<slug:campaign>/<str:code>/bao-cao.xlsx",
        rollup.rollup_xlsx,
        name="personnel_rollup_xlsx",
    ),
    path(
        "co-cau/<slug:campaign>/<str:code>/bao-cao.docx",
        rollup.rollup_docx,
        name="personnel_rollup_docx",
    ),
]
