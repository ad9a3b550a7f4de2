"""daihoi backup FILE: a consistent snapshot of the configured database, safe while serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.commands import DaihoiCommand
from daihoi.ops.backup import OpsError, backup


class Command(DaihoiCommand):
    help = (
        "Write a consistent snapshot of the database to FILE: SQLite through the online "
        "backup API, PostgreSQL with pg_dump --format=custom. The server may keep running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="overwrite FILE if it exists already"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if path.is_dir():
            raise CommandError(f"{path} là một thư mục; hãy cho tên tệp.")
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} đã có; không ghi đè (thêm --force để ghi đè).")
        try:
            summary = backup(path)
        except OpsError as exc:
            raise CommandError(str(exc)) from exc
        lines = summary.lines()
        self.stdout.write(f"Đã sao lưu vào {lines[0]}")
        for line in lines[1:]:
            self.stdout.write(line)
