"""Account pages beyond sign-in (sign-in and the two-step page are in web/urls.py)."""

from django.urls import path

from daihoi.accounts import views

urlpatterns = [
    path("tai-khoan/doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("to-chuc/<str:structure>/<str:code>/tai-khoan/", views.org_accounts, name="org_accounts"),
    path(
        "to-chuc/<str:structure>/<str:code>/tai-khoan/<int:user_id>/cap-lien-ket-dat-lai/",
        views.org_account_reset,
        name="org_account_reset",
    ),
    path(
        "to-chuc/<str:structure>/<str:code>/xac-thuc-hai-buoc/",
        views.org_two_factor,
        name="org_two_factor",
    ),
    path(
        "to-chuc/<str:structure>/<str:code>/xac-thuc-hai-buoc/luu/",
        views.org_two_factor_save,
        name="org_two_factor_save",
    ),
]
