"""daihoi reset-2fa USERNAME: clear a user's two-step sign-in after a lost phone."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from daihoi.accounts.models import User
from daihoi.audit import log
from daihoi.commands import DaihoiCommand


class Command(DaihoiCommand):
    help = "Remove a user's TOTP devices (lost phone); they sign in with the password alone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['username']}».")
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if not removed:
            self.stdout.write(f"Tài khoản «{user.username}» chưa bật xác thực hai bước.")
            return
        log.record(
            "user.2fa_reset", actor=None, organisation=user.organisation, target=user.username
        )
        self.stdout.write(
            f"Đã xóa xác thực hai bước của «{user.username}»; "
            "lần đăng nhập tới chỉ cần mật khẩu, sau đó nên bật lại."
        )
