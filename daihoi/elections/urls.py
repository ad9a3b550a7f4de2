from django.urls import path

from daihoi.elections import seats, views

urlpatterns = [
    path("bau-cu/cua-toi/", seats.my_elections, name="my_elections"),
    path(
        "bau-cu/dai-hoi/<slug:campaign>/<str:code>/",
        views.election_list,
        name="election_list",
    ),
    path("bau-cu/<int:pk>/", views.election_detail, name="election_detail"),
    path("bau-cu/<int:pk>/nhap/<int:team>/", views.election_desk, name="election_desk"),
    path("bau-cu/<int:pk>/doi-chieu/", views.election_reconcile, name="election_reconcile"),
    path(
        "bau-cu/<int:pk>/doi-chieu/huy-luot-nhap/",
        views.election_void_entry,
        name="election_void_entry",
    ),
    path("bau-cu/<int:pk>/nhat-ky/", views.election_log, name="election_log"),
    path("bau-cu/<int:pk>/ket-qua/", views.election_results, name="election_results"),
    path("bau-cu/<int:pk>/man-hinh/", views.election_screen, name="election_screen"),
]
