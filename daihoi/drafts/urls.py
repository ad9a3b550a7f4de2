"""URLs of the drafts app: /du-thao/<campaign>/<organisation code>/…

Pages answer GET; each write has a URL of its own, nested under what it changes
(the congress, a document, a round, a group), and answers POST only.
"""

from django.urls import URLPattern, path

from daihoi.drafts.views import (
    approval,
    comments,
    documents,
    exports,
    groups,
    handling,
    reading,
    rounds,
    upward,
    versions,
)

P = "du-thao/<slug:campaign>/<str:code>/"
D = P + "<slug:kind>/"
R = D + "lan-<int:number>/"
G = R + "nhom/<int:group>/"

urlpatterns: list[URLPattern] = [
    path(P, documents.congress_documents, name="drafts_congress"),
    path(P + "mo-van-kien/", documents.document_create, name="drafts_document_create"),
    path(P + "doc/", reading.reading, name="drafts_read"),
    path(P + "doc/<slug:kind>.docx", reading.reading_docx, name="drafts_read_docx"),
    path(P + "cap-tren/<int:pk>/", upward.upward, name="drafts_upward"),
    path(P + "cap-tren/<int:pk>/gop-y/", upward.upward_comment, name="drafts_upward_comment"),
    path(P + "cap-tren/<int:pk>/nhap/", upward.upward_import, name="drafts_upward_import"),
    path(D, documents.document_detail, name="drafts_document"),
    path(D + "tai-len/", versions.round_upload, name="drafts_round_upload"),
    path(D + "soan/", versions.edit_round, name="drafts_edit"),
    path(D + "soan/lan-moi/", versions.round_add, name="drafts_round_add"),
    path(D + "so-sanh/", documents.diff_view, name="drafts_diff"),
    path(D + "cho-y-kien/", approval.document_review, name="drafts_document_review"),
    path(D + "thong-qua/", approval.document_approve, name="drafts_document_approve"),
    path(R, rounds.round_detail, name="drafts_round"),
    path(R + "sua/", versions.round_correct, name="drafts_round_correct"),
    path(R + "gui-lay-y-kien/", rounds.round_circulate, name="drafts_round_circulate"),
    path(R + "khep-lai/", rounds.round_close, name="drafts_round_close"),
    path(R + "gop-y/", comments.comments_view, name="drafts_comments"),
    path(R + "gop-y/them/", comments.comment_add, name="drafts_comment_add"),
    path(R + "gop-y/nhap/", comments.comments_import, name="drafts_comments_import"),
    path(R + "gop-y/xu-ly/", handling.comments_handle, name="drafts_comments_handle"),
    path(R + "nhom/", groups.groups_view, name="drafts_groups"),
    path(R + "nhom/de-xuat/", groups.groups_propose, name="drafts_groups_propose"),
    path(G + "xac-nhan/", groups.group_confirm, name="drafts_group_confirm"),
    path(G + "tach/", groups.group_split, name="drafts_group_split"),
    path(G + "xu-ly/", handling.group_handle, name="drafts_group_handle"),
    path(R + "tong-hop.xlsx", exports.summary_xlsx, name="drafts_summary_xlsx"),
    path(R + "tong-hop.docx", exports.summary_docx, name="drafts_summary_docx"),
    path(R + "mau-nhap.xlsx", exports.import_template, name="drafts_import_template"),
]
