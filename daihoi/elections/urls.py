from django.urls import path

from daihoi.elections import seats
from daihoi.elections.views import (
    board,
    candidates,
    counts,
    desk,
    lifecycle,
    overview,
    reconcile,
    results,
)

urlpatterns = [
    path("bau-cu/cua-toi/", seats.my_elections, name="my_elections"),
    path(
        "bau-cu/dai-hoi/<slug:campaign>/<str:code>/",
        overview.election_list,
        name="election_list",
    ),
    path(
        "bau-cu/dai-hoi/<slug:campaign>/<str:code>/tao/",
        overview.election_create,
        name="election_create",
    ),
    path("bau-cu/<int:pk>/", overview.election_detail, name="election_detail"),
    path("bau-cu/<int:pk>/chuyen-buoc/", lifecycle.election_transition, name="election_transition"),
    path("bau-cu/<int:pk>/vong-moi/", lifecycle.election_next_round, name="election_next_round"),
    path("bau-cu/<int:pk>/danh-sach/", candidates.election_candidates, name="election_candidates"),
    path(
        "bau-cu/<int:pk>/danh-sach/de-cu/",
        candidates.election_floor_nomination,
        name="election_floor_nomination",
    ),
    path(
        "bau-cu/<int:pk>/ban-kiem-phieu/them/", board.election_board_add, name="election_board_add"
    ),
    path(
        "bau-cu/<int:pk>/ban-kiem-phieu/phieu-dang-nhap/",
        board.election_board_sheets,
        name="election_board_sheets",
    ),
    path(
        "bau-cu/<int:pk>/ban-kiem-phieu/<int:member>/bo/",
        board.election_board_remove,
        name="election_board_remove",
    ),
    path("bau-cu/<int:pk>/co-so/", counts.election_base, name="election_base"),
    path("bau-cu/<int:pk>/so-phieu/", counts.election_ballot_counts, name="election_ballot_counts"),
    path("bau-cu/<int:pk>/nhap/<int:team>/", desk.election_desk, name="election_desk"),
    path("bau-cu/<int:pk>/nhap/<int:team>/gui/", desk.election_key, name="election_key"),
    path("bau-cu/<int:pk>/doi-chieu/", reconcile.election_reconcile, name="election_reconcile"),
    path(
        "bau-cu/<int:pk>/doi-chieu/quyet-dinh/",
        reconcile.election_rule,
        name="election_rule",
    ),
    path(
        "bau-cu/<int:pk>/doi-chieu/huy-luot-nhap/",
        reconcile.election_void_entry,
        name="election_void_entry",
    ),
    path("bau-cu/<int:pk>/nhat-ky/", results.election_log, name="election_log"),
    path("bau-cu/<int:pk>/ket-qua/", results.election_results, name="election_results"),
    path("bau-cu/<int:pk>/man-hinh/", results.election_screen, name="election_screen"),
]
