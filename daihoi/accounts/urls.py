"""Account pages: signing in and out, the two-step code, passwords, a unit's accounts."""

from django.contrib.auth import views as auth_views
from django.urls import path

from daihoi.accounts.views import accounts, signin, two_factor

A = "to-chuc/<str:structure>/<str:code>/tai-khoan/"

urlpatterns = [
    path("dang-nhap/", signin.LoginView.as_view(), name="login"),
    path("tai-khoan/xac-thuc-hai-buoc/", two_factor.two_factor, name="two_factor"),
    path(
        "tai-khoan/xac-thuc-hai-buoc/bat/",
        two_factor.two_factor_enable,
        name="two_factor_enable",
    ),
    path(
        "tai-khoan/xac-thuc-hai-buoc/tat/",
        two_factor.two_factor_disable,
        name="two_factor_disable",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/doi-mat-khau/", signin.PasswordChangeView.as_view(), name="password_change"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        signin.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(A, accounts.org_accounts, name="org_accounts"),
    path(A + "moi/", accounts.org_account_new, name="org_account_new"),
    path(A + "tao/", accounts.org_account_create, name="org_account_create"),
    path(A + "<int:user_id>/", accounts.org_account_edit, name="org_account_edit"),
    path(A + "<int:user_id>/luu/", accounts.org_account_save, name="org_account_save"),
    path(A + "<int:user_id>/khoa/", accounts.org_account_lock, name="org_account_lock"),
    path(A + "<int:user_id>/mo-khoa/", accounts.org_account_unlock, name="org_account_unlock"),
    path(
        A + "<int:user_id>/cap-lien-ket-dat-lai/",
        accounts.org_account_reset,
        name="org_account_reset",
    ),
    path(
        "to-chuc/<str:structure>/<str:code>/xac-thuc-hai-buoc/",
        two_factor.org_two_factor,
        name="org_two_factor",
    ),
    path(
        "to-chuc/<str:structure>/<str:code>/xac-thuc-hai-buoc/luu/",
        two_factor.org_two_factor_save,
        name="org_two_factor_save",
    ),
]
