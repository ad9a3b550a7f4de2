"""Account pages: signing in and out, the two-step code, passwords, a unit's accounts."""

from django.contrib.auth import views as auth_views
from django.urls import path

from daihoi.accounts import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.two_factor, name="two_factor"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
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
