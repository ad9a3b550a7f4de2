"""Downloads of an election's papers; included from daihoi.urls."""

from django.urls import path

from daihoi.elections import document_views

urlpatterns = [
    path(
        "bau-cu/<int:pk>/phieu-bau.docx",
        document_views.election_ballots_docx,
        name="election_ballots_docx",
    ),
    path(
        "bau-cu/<int:pk>/bien-ban.docx",
        document_views.election_minutes_docx,
        name="election_minutes_docx",
    ),
]
