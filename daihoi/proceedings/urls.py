"""URLs of the proceedings app: the congress day's programme, votes, projector and minutes.

Pages answer GET; each write is a POST to its own URL, nested under the object it
changes (an item of the programme, a speaker, a vote).
"""

from django.urls import path

from daihoi.proceedings.views import presidium, programme, projector, speakers, votes

PREFIX = "dien-bien/<slug:campaign>/<str:code>/"
ITEM = PREFIX + "chuong-trinh/<int:pk>/"
SPEAKER = PREFIX + "phat-bieu/<int:pk>/"

urlpatterns = [
    path(PREFIX, presidium.presidium, name="proceedings_presidium"),
    path(PREFIX + "so-dai-bieu/", presidium.quorum, name="proceedings_quorum"),
    path(PREFIX + "muc/<int:pk>/", presidium.item_detail, name="proceedings_item"),
    path(PREFIX + "man-hinh/", projector.projector, name="proceedings_projector"),
    path(
        PREFIX + "man-hinh/cap-nhat/", projector.projector_live, name="proceedings_projector_live"
    ),
    path(PREFIX + "bien-ban-dai-hoi.docx", projector.minutes_docx, name="proceedings_minutes_docx"),
    # The programme
    path(
        PREFIX + "chuong-trinh/mac-dinh/",
        programme.create_default,
        name="proceedings_programme_default",
    ),
    path(PREFIX + "chuong-trinh/them/", programme.add_item, name="proceedings_item_add"),
    path(ITEM + "tien-do/", programme.set_state, name="proceedings_item_state"),
    path(ITEM + "chuyen/", programme.move_item, name="proceedings_item_move"),
    path(ITEM + "xoa/", programme.remove_item, name="proceedings_item_remove"),
    path(ITEM + "sua/", programme.edit_item, name="proceedings_item_edit"),
    # Votes and speakers of an item
    path(ITEM + "bieu-quyet/", votes.record_vote, name="proceedings_vote_record"),
    path(PREFIX + "bieu-quyet/<int:pk>/sua/", votes.correct_vote, name="proceedings_vote_correct"),
    path(ITEM + "phat-bieu/them/", speakers.add_speaker, name="proceedings_speaker_add"),
    path(SPEAKER + "da-phat-bieu/", speakers.mark_spoken, name="proceedings_speaker_spoken"),
    path(SPEAKER + "chuyen/", speakers.move_speaker, name="proceedings_speaker_move"),
    path(SPEAKER + "xoa/", speakers.remove_speaker, name="proceedings_speaker_remove"),
]
