"""URLs of the drafts app: /du-thao/<campaign>/<organisation code>/…"""

from django.urls import URLPattern, path

from daihoi.drafts import views

P = "du-thao/<slug:campaign>/<str:code>/"
R = P + "<slug:kind>/lan-<int:number>/"

urlpatterns: list[URLPattern] = [
    path(P, views.congress_documents, name="drafts_congress"),
    path(P + "doc/", views.reading, name="drafts_read"),
    path(P + "doc/<slug:kind>.docx", views.reading_docx, name="drafts_read_docx"),
    path(P + "cap-tren/<int:pk>/", views.upward, name="drafts_upward"),
    path(P + "<slug:kind>/", views.document_detail, name="drafts_document"),
    path(P + "<slug:kind>/soan/", views.edit_round, name="drafts_edit"),
    path(P + "<slug:kind>/so-sanh/", views.diff_view, name="drafts_diff"),
    path(R, views.round_detail, name="drafts_round"),
    path(R + "gop-y/", views.comments_view, name="drafts_comments"),
    path(R + "nhom/", views.groups_view, name="drafts_groups"),
    path(R + "tong-hop.xlsx", views.summary_xlsx, name="drafts_summary_xlsx"),
    path(R + "tong-hop.docx", views.summary_docx, name="drafts_summary_docx"),
    path(R + "mau-nhap.xlsx", views.import_template, name="drafts_import_template"),
]
