"""The congress's programme, its speakers and its show-of-hands votes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.models import Congress


class SessionKind(models.TextChoices):
    # The same values as the assembly app's sittings, so a check-in's sitting and a
    # programme item can be matched without a join table.
    PREPARATORY = "preparatory", _("Phiên trù bị")
    OFFICIAL = "official", _("Phiên chính thức")


class ItemKind(models.TextChoices):
    PROCEDURE = "procedure", _("Thủ tục")
    VOTE = "vote", _("Biểu quyết")
    REPORT = "report", _("Báo cáo")
    DISCUSSION = "discussion", _("Thảo luận")
    ELECTIONS = "elections", _("Bầu cử")
    RESOLUTION = "resolution", _("Nghị quyết đại hội")


class ItemState(models.TextChoices):
    PENDING = "pending", _("Chưa tiến hành")
    CURRENT = "current", _("Đang tiến hành")
    DONE = "done", _("Đã xong")


class VoteRule(models.TextChoices):
    # Keys of daihoi.lib.votes.RULES: the rule itself is data there.
    PRESENT_HALF = "present_half", _("Quá nửa số đại biểu có mặt tán thành")
    SUMMONED_HALF = "summoned_half", _("Quá nửa tổng số đại biểu được triệu tập tán thành")
    PRESENT_TWO_THIRDS = "present_two_thirds", _("Ít nhất hai phần ba số đại biểu có mặt tán thành")


class AgendaItem(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="agenda_items")
    session = models.CharField(_("phiên"), max_length=20, choices=SessionKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("nội dung"), max_length=300)
    # Blank: the item is not put to a show of hands.
    vote_rule = models.CharField(
        _("biểu quyết theo"), max_length=30, choices=VoteRule.choices, blank=True
    )
    state = models.CharField(
        _("tiến độ"), max_length=10, choices=ItemState.choices, default=ItemState.PENDING
    )
    started_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình đại hội")
        ordering = ["congress", "position", "pk"]
        constraints = [
            # Only one item is under way at a time: the projector shows it.
            models.UniqueConstraint(
                fields=["congress"],
                condition=models.Q(state="current"),
                name="agenda_one_current_item",
            )
        ]
        indexes = [models.Index(fields=["congress", "position"], name="agenda_order")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Speaker(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    unit = models.CharField(_("đơn vị"), max_length=200, blank=True)
    topic = models.CharField(_("nội dung phát biểu"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    spoken_at = models.DateTimeField(_("đã phát biểu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("người phát biểu")
        verbose_name_plural = _("danh sách phát biểu")
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def spoken(self) -> bool:
        return self.spoken_at is not None


class ShowOfHands(models.Model):
    """One counted show of hands.

    A recount is a new row, against the hall as it is then. A figure typed wrong is
    corrected in place, with a reason and who and when; the audit trail keeps the
    figures as first typed.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="votes")
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="hand_votes")
    motion = models.CharField(_("nội dung biểu quyết"), max_length=300)
    agree = models.PositiveIntegerField(_("tán thành"))
    disagree = models.PositiveIntegerField(_("không tán thành"))
    abstain = models.PositiveIntegerField(_("không biểu quyết"))
    # The hall when counted: the check and the majority are kept as they were.
    present = models.PositiveIntegerField(_("số đại biểu có mặt"))
    summoned = models.PositiveIntegerField(_("số đại biểu được triệu tập"))
    rule = models.CharField(_("biểu quyết theo"), max_length=30, choices=VoteRule.choices)
    needed = models.PositiveIntegerField(_("số tán thành cần có"))
    adopted = models.BooleanField(_("thông qua"))
    recorded_at = models.DateTimeField(_("ghi lúc"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    recorded_by_name = models.CharField(max_length=150)
    corrected_at = models.DateTimeField(_("sửa lúc"), null=True, blank=True)
    corrected_by_name = models.CharField(max_length=150, blank=True)
    correction_reason = models.CharField(_("lý do sửa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        ordering = ["congress", "recorded_at", "pk"]
        indexes = [models.Index(fields=["congress", "-recorded_at"], name="hands_latest")]

    def __str__(self) -> str:
        return self.motion
