"""Draft congress documents (dự thảo văn kiện): rounds, comments and their handling."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Congress
from daihoi.lib.paragraphs import Numbered, key_label
from daihoi.orgs.models import Organisation


class DocKind(models.TextChoices):
    POLITICAL_REPORT = "political_report", _("Báo cáo chính trị")
    REVIEW_REPORT = "review_report", _("Báo cáo kiểm điểm của Ban Chấp hành")
    PERSONNEL_PLAN = "personnel_plan", _("Đề án nhân sự")
    PROGRAMME = "programme", _("Chương trình đại hội")
    SCRIPT = "script", _("Kịch bản điều hành")
    ELECTION_REGULATION = "election_regulation", _("Quy chế bầu cử")
    WORKING_REGULATION = "working_regulation", _("Quy chế làm việc")
    RESOLUTION = "resolution", _("Dự thảo nghị quyết")
    ACTION_PROGRAMME = "action_programme", _("Chương trình hành động")


# The documents the superior must approve before the congress's documents count as
# approved: the political report, the outgoing committee's review and the personnel
# plan. The congress adopts the others itself (regulations, resolution, programmes).
REQUIRED_KINDS: frozenset[str] = frozenset(
    {DocKind.POLITICAL_REPORT, DocKind.REVIEW_REPORT, DocKind.PERSONNEL_PLAN}
)


class DraftDocument(models.Model):
    """One document of a congress, drafted in rounds by its owner subcommittee."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField(_("loại văn kiện"), max_length=30, choices=DocKind.choices)
    title = models.CharField(_("tên văn kiện"), max_length=300)
    # A copy of the congress organisation's path: documents are scoped by one index.
    org_path = models.CharField(max_length=255, editable=False, db_index=True)
    owner = models.CharField(_("tiểu ban chủ trì"), max_length=200, default="Tiểu ban Văn kiện")
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị của tiểu ban"),
    )
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("cấp trên cho ý kiến lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("ý kiến của cấp trên"), blank=True)
    approved_at = models.DateTimeField(_("cấp trên thông qua lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_round = models.ForeignKey(
        "Round", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn kiện đại hội")
        verbose_name_plural = _("các văn kiện đại hội")
        ordering = ["congress", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "kind"], name="draft_kind_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def required(self) -> bool:
        return self.kind in REQUIRED_KINDS


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    CIRCULATING = "circulating", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã khép lại")


class Round(models.Model):
    """One version of a document (dự thảo lần N), its text numbered by paragraph."""

    document = models.ForeignKey(DraftDocument, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("lần"))
    state = models.CharField(max_length=20, choices=RoundState.choices, default=RoundState.DRAFT)
    # [{"key": "1.2:3", "text": …, "section": "1.2", "level": null}, …]
    blocks = models.JSONField(default=list)
    file = models.FileField(_("tệp Word"), upload_to="du-thao/%Y/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    circulated_at = models.DateTimeField(null=True, blank=True)
    circulated_groups = models.JSONField(default=list, blank=True)
    circulated_units = models.ManyToManyField(  # type: ignore[var-annotated]
        Organisation, blank=True, related_name="+"
    )
    comment_deadline = models.DateField(_("hạn góp ý"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dự thảo")
        verbose_name_plural = _("các lần dự thảo")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="round_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document.title} – dự thảo lần {self.number}"

    def numbered(self) -> list[Numbered]:
        return [Numbered(**b) for b in self.blocks]

    def block_map(self) -> dict[str, dict[str, Any]]:
        return {b["key"]: b for b in self.blocks}


class SourceGroup(models.TextChoices):
    RETIRED = "retired", _("Cán bộ lão thành, cán bộ hưu trí")
    MEMBERS = "members", _("Đảng viên")
    PUBLIC = "public", _("Nhân dân")
    UNIT = "unit", _("Đại hội cấp dưới")
    ORGANISATIONS = "organisations", _("MTTQ và các đoàn thể")
    OTHER = "other", _("Khác")


class Handling(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    EXPLAINED = "explained", _("Giải trình")


class CommentGroup(models.Model):
    """Comments of one round that say the same thing, confirmed by a person, handled once."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    paragraph = models.CharField(max_length=30, blank=True)
    summary = models.TextField(_("nội dung chung"))
    confirmed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhóm ý kiến")
        verbose_name_plural = _("các nhóm ý kiến")
        ordering = ["round", "paragraph", "pk"]

    def __str__(self) -> str:
        return self.summary[:80]

    @property
    def where(self) -> str:
        return key_label(self.paragraph) if self.paragraph else str(_("Ý kiến chung"))


class Comment(models.Model):
    """One comment on a round: where it points, who made it, and how it was handled."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.CharField(_("đoạn"), max_length=30, blank=True)  # blank: general
    source_group = models.CharField(
        _("nhóm góp ý"), max_length=20, choices=SourceGroup.choices, default=SourceGroup.MEMBERS
    )
    source_name = models.CharField(_("người, nơi góp ý"), max_length=255, blank=True)
    # The unit that sent the comment up (its own or a subordinate congress), and a copy
    # of its path: a unit sees the comments of its subtree through one index.
    source_org = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_path = models.CharField(max_length=255, blank=True)
    received_on = models.DateField(_("ngày góp ý"))
    text = models.TextField(_("nội dung"))
    group = models.ForeignKey(
        CommentGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    handling = models.CharField(
        _("hình thức xử lý"), max_length=20, choices=Handling.choices, blank=True
    )
    response = models.TextField(_("nội dung tiếp thu, giải trình"), blank=True)
    applied_in = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="applied_comments"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("các ý kiến góp ý")
        ordering = ["round", "pk"]
        indexes = [
            models.Index(fields=["round", "handling"], name="comment_handling"),
            models.Index(fields=["round", "source_path"], name="comment_source"),
            models.Index(fields=["round", "paragraph"], name="comment_paragraph"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def where(self) -> str:
        return key_label(self.paragraph) if self.paragraph else str(_("Ý kiến chung"))
