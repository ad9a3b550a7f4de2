from django.contrib.auth import views as auth_views
from django.urls import path

from daihoi.accounts import views as account_views
from daihoi.orgs import views as org_views
from daihoi.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("tai-khoan/xac-thuc-hai-buoc/", account_views.two_factor, name="two_factor"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tim-kiem/", org_views.search, name="search"),
    path("to-chuc/<str:structure>/<str:code>/", org_views.org_detail, name="org_detail"),
    path("to-chuc/<str:structure>/<str:code>/sua/", org_views.org_edit, name="org_edit"),
    path("to-chuc/<str:structure>/<str:code>/nhap/", org_views.org_import, name="org_import"),
    path("to-chuc/<str:structure>/<str:code>/nhat-ky/", org_views.org_audit, name="org_audit"),
]
