"""URLs of the personnel app."""

from django.urls import URLPattern, path

from daihoi.personnel import views

urlpatterns: list[URLPattern] = [
    path("nhan-su/to-chuc/<str:structure>/<str:code>/", views.people, name="personnel_people"),
    path(
        "nhan-su/to-chuc/<str:structure>/<str:code>/nhap/",
        views.people_import,
        name="personnel_import",
    ),
    path("nhan-su/can-bo/<int:pk>/", views.person_detail, name="personnel_person"),
    path("nhan-su/danh-sach/<int:pk>/", views.candidate_list, name="personnel_list"),
    path("nhan-su/quy-trinh/<int:pk>/", views.process_detail, name="personnel_process"),
    path("nhan-su/don-thu/<int:pk>/", views.complaint_detail, name="personnel_complaint"),
    path("nhan-su/doan-kiem-tra/<int:pk>/", views.team_detail, name="personnel_team"),
    path(
        "nhan-su/<slug:campaign>/<str:code>/", views.congress_personnel, name="personnel_congress"
    ),
    path(
        "nhan-su/<slug:campaign>/<str:code>/trung-cu/",
        views.elected_record,
        name="personnel_elected_record",
    ),
    path(
        "nhan-su/<slug:campaign>/<str:code>/doan-kiem-tra/",
        views.inspections,
        name="personnel_inspections",
    ),
    path("chi-tieu-co-cau/<slug:campaign>/", views.targets, name="personnel_targets"),
    path("co-cau/<slug:campaign>/<str:code>/", views.rollup_page, name="personnel_rollup"),
    path(
        "co-cau/<slug:campaign>/<str:code>/bao-cao.xlsx",
        views.rollup_xlsx,
        name="personnel_rollup_xlsx",
    ),
    path(
        "co-cau/<slug:campaign>/<str:code>/bao-cao.docx",
        views.rollup_docx,
        name="personnel_rollup_docx",
    ),
]
