"""`daihoi send-digests`: retry failed notification mails and send the daily digests."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.commands import DaihoiCommand
from daihoi.notifications import reminders
from daihoi.notifications.mail import send_pending


class Command(DaihoiCommand):
    help = _(
        "Nhắc các hạn sắp đến, gửi lại thư thông báo chưa gửi được và gửi thư tổng hợp trong ngày."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = reminders.remind(timezone.localdate())
        immediate, digests = send_pending()
        self.stdout.write(_("Đã nhắc %(count)s hạn sắp đến.") % {"count": reminded})
        self.stdout.write(
            _("Đã gửi %(immediate)s thư thông báo và %(digests)s thư tổng hợp.")
            % {"immediate": immediate, "digests": digests}
        )
