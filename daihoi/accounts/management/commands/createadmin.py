"""daihoi createadmin: create a national system administrator."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from daihoi.accounts.actions import do_create_user
from daihoi.accounts.models import Role, User
from daihoi.commands import DaihoiCommand
from daihoi.orgs.models import Organisation


class Command(DaihoiCommand):
    help = "Create a system administrator attached to the root of a structure."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--structure", default="2020")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="read the password from this environment variable instead of asking",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import os

        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Tài khoản «{username}» đã có.")
        root = Organisation.objects.filter(structure__code=options["structure"], depth=1).first()
        var = options["password_from_env"]
        if var:
            password = os.environ.get(var, "")
        else:
            password = getpass.getpass("Mật khẩu: ")
            if password != getpass.getpass("Nhập lại mật khẩu: "):
                raise CommandError("Hai lần nhập mật khẩu không khớp.")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        do_create_user(
            username,
            password,
            organisation=root,
            roles=[Role.ADMIN],
            full_name="Quản trị hệ thống",
            superuser=True,
            acting_user=None,
        )
        where = root.name if root else "toàn hệ thống"
        self.stdout.write(f"Đã tạo quản trị viên «{username}» ({where}).")
