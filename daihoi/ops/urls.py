from django.urls import path

from daihoi.ops import views

urlpatterns = [
    path("suc-khoe/", views.health, name="health"),
    path("ping/", views.ping, name="ping"),
]
