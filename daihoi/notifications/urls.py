from django.urls import path

from daihoi.notifications import views

urlpatterns = [
    path("thong-bao/", views.inbox, name="notifications_inbox"),
    path("thong-bao/<int:pk>/da-doc/", views.mark_read, name="notifications_mark_read"),
    path("thong-bao/da-doc-het/", views.mark_all_read, name="notifications_mark_all_read"),
    path("thong-bao/cach-nhan/", views.set_delivery, name="notifications_set_delivery"),
]
