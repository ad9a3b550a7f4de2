"""daihoi restore FILE --yes: put a backup back in place of the configured database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection, connections

from daihoi.commands import DaihoiCommand
from daihoi.ops.backup import OpsError, migration_status, restore

logger = logging.getLogger("daihoi.ops")


class Command(DaihoiCommand):
    help = (
        "Replace the database with the backup FILE (made by `daihoi backup`). Everything "
        "written since the backup is lost: stop the server first, and pass --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="yes, replace the current database")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.")
        if not options["yes"]:
            raise CommandError(
                "Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng bản sao lưu; mọi thay đổi "
                "sau lúc sao lưu sẽ mất. Dừng máy chủ (daihoi serve / gunicorn), rồi chạy lại "
                f"với --yes: daihoi restore {path} --yes"
            )
        try:
            summary = restore(path)
        except OpsError as exc:
            raise CommandError(str(exc)) from exc
        logger.warning("database restored from %s", path, extra={"backup": str(path)})
        lines = summary.lines()
        self.stdout.write(f"Đã khôi phục {path} vào {lines[0]}")
        for line in lines[1:]:
            self.stdout.write(line)
        connections.close_all()
        status = migration_status(connection)
        if status.pending:
            self.stdout.write(
                f"Bản sao lưu từ phiên bản cũ hơn: {len(status.pending)} migration chưa áp dụng "
                f"({', '.join(status.pending[:5])}{' …' if len(status.pending) > 5 else ''}). "
                "Chạy `daihoi migrate` trước khi mở máy chủ."
            )
        if status.unknown:
            self.stdout.write(
                f"Bản sao lưu từ phiên bản mới hơn mã nguồn này: {len(status.unknown)} migration "
                f"lạ ({', '.join(status.unknown[:5])}). Cài phiên bản đã tạo bản sao lưu."
            )
        if not status.pending and not status.unknown:
            self.stdout.write("Lược đồ khớp với phiên bản này (migrations: ok).")
