from django.urls import include, path

from daihoi.campaigns import views

urlpatterns = [
    path("van-ban/", include("daihoi.campaigns.document_urls")),
    path("tong-quan/", views.dashboard_home, name="dashboard_home"),
    path("tong-quan/<slug:campaign>/<str:code>/", views.dashboard, name="dashboard"),
    path("dai-hoi/<slug:campaign>/<str:code>/", views.congress_detail, name="congress_detail"),
    path(
        "dai-hoi/<slug:campaign>/<str:code>/cap-nhat/",
        views.congress_bulk,
        name="congress_bulk",
    ),
]
