"""daihoi create-token USERNAME: issue an API token (shown once, stored as a hash)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.accounts.actions import do_create_api_token
from daihoi.accounts.models import User
from daihoi.commands import DaihoiCommand


class Command(DaihoiCommand):
    help = "Create an API bearer token for a user and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['username']}».")
        raw = do_create_api_token(user, options["name"], acting_user=None)
        self.stdout.write(raw)
