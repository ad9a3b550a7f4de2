"""Notifications kept for each person, and how each person wants to be mailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.notifications.events import Event, sentence


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi thư ngay khi có việc")
    DIGEST = "digest", _("Gộp thành một thư mỗi ngày")
    INBOX = "inbox", _("Chỉ xem trong ứng dụng, không gửi thư")


class MailState(models.TextChoices):
    # No address, or the person reads the inbox only: nothing to send.
    NONE = "none", _("Không gửi thư")
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class Preference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("nhận thư"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("cách nhận thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=24, choices=Event.choices)
    # Names of units, a reason, a date as text: what the sentence needs, no personal data.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    mail_state = models.CharField(max_length=8, choices=MailState.choices, default=MailState.NONE)
    # Digest or immediate, fixed when the notification is made (a later change of the
    # preference applies to later notifications).
    digest = models.BooleanField(default=False)
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_claimed_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_unread"),
            models.Index(fields=["mail_state", "digest"], name="notif_mail"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"

    @property
    def text(self) -> str:
        return sentence(self.kind, self.params)
