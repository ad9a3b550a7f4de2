"""daihoi verify-election FILE: recount a record offline and check its hash chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from daihoi.lib.electionrecord import verify


class Command(BaseCommand):
    help = "Recount an exported election record with the rules alone and check its chain."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được hồ sơ {path}: {exc}") from exc
        try:
            problems = verify(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise CommandError(f"Hồ sơ {path} thiếu hoặc sai trường: {exc}") from exc
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Hồ sơ KHÔNG hợp lệ: {len(problems)} vấn đề.")
        result = data["result"]
        self.stdout.write(
            f"Hồ sơ hợp lệ: chuỗi {len(data['entries'])} lượt nhập khớp, mã {data['head']}; "
            f"kiểm lại {result['ballots']['collected']} phiếu cho cùng kết quả, trúng cử: "
            + ", ".join(c["full_name"] for c in result["candidates"] if c["elected"])
        )
