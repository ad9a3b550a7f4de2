"""URLs of the proceedings app: the congress day's programme, votes, projector and minutes."""

from django.urls import path

from daihoi.proceedings import views

PREFIX = "dien-bien/<slug:campaign>/<str:code>/"

urlpatterns = [
    path(PREFIX, views.presidium, name="proceedings_presidium"),
    path(PREFIX + "so-dai-bieu/", views.quorum, name="proceedings_quorum"),
    path(PREFIX + "muc/<int:pk>/", views.item_detail, name="proceedings_item"),
    path(PREFIX + "man-hinh/", views.projector, name="proceedings_projector"),
    path(PREFIX + "man-hinh/cap-nhat/", views.projector_live, name="proceedings_projector_live"),
    path(PREFIX + "bien-ban-dai-hoi.docx", views.minutes_docx, name="proceedings_minutes_docx"),
]
