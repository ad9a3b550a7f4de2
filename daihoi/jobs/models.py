"""A long piece of work (an import, an export) that runs in the background with progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    ORG_IMPORT = "org_import", _("Nhập danh sách tổ chức")
    CONGRESS_IMPORT = "congress_import", _("Nhập ngày đại hội")
    EXPORT = "export", _("Xuất tệp báo cáo")
    ELECTED_IMPORT = "elected_import", _("Nhập đại biểu từ đại hội cấp dưới")
    BULK_APPROVAL = "bulk_approval", _("Duyệt nhiều đơn vị")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")
    CANCELLED = "cancelled", _("Đã hủy")


UNFINISHED = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    kind = models.CharField(_("loại việc"), max_length=40, choices=JobKind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người bắt đầu"),
    )
    # The scope of the job: who may see it is decided by this organisation's place in the tree.
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("tổ chức"),
    )
    source = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=JobState.choices, default=JobState.QUEUED
    )
    phase = models.CharField(_("giai đoạn"), max_length=120, blank=True)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    cancel_requested = models.BooleanField(_("yêu cầu hủy"), default=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người hủy"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # Proof of life of the process running the job; a running job without it is abandoned.
    heartbeat_at = models.DateTimeField(_("tín hiệu cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy lâu")
        verbose_name_plural = _("việc chạy lâu")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="job_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED
