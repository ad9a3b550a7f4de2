"""The audit trail: one row per change, with who, when, what, before and after."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What each action code means, for people reading the trail.
ACTION_LABELS = {
    "org.create": _("Thêm tổ chức"),
    "org.update": _("Sửa tổ chức"),
    "org.move": _("Chuyển cấp trên"),
    "org.import": _("Nhập danh sách"),
    "user.create": _("Tạo tài khoản"),
    "user.password": _("Đổi mật khẩu"),
    "user.token": _("Cấp khóa API"),
    "user.2fa_on": _("Bật xác thực hai bước"),
    "user.2fa_off": _("Tắt xác thực hai bước"),
    "user.2fa_reset": _("Xóa xác thực hai bước (mất điện thoại)"),
    "unit_type.create": _("Thêm loại hình đơn vị"),
}


class AppendOnlyError(Exception):
    def __init__(self, entry: object) -> None:
        super().__init__(f"audit log is append-only: {entry}")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("người thực hiện"),
    )
    # Kept as text so the trail still reads after the account is removed.
    actor_name = models.CharField(_("người thực hiện"), max_length=150)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("tổ chức"),
    )
    action = models.CharField(_("thao tác"), max_length=60, db_index=True)
    target = models.CharField(_("đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản ghi nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"

    # The trail only grows: the app refuses here, and the database refuses too
    # (migration 0002), so neither a bug nor a hand-written query can rewrite it.
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(self)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """Return (field, before, after) for every field that differs."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
