from django.urls import path

from daihoi.results import views

R = "ket-qua/<slug:campaign>/<str:code>/"

urlpatterns = [
    path(R, views.results_page, name="results_page"),
    path(R + "gui/", views.results_submit, name="results_submit"),
    path(R + "nhap-tep/", views.results_upload, name="results_upload"),
    path(R + "mau.xlsx", views.results_template, name="results_template"),
]
