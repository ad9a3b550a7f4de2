"""daihoi verify-election FILE [--head HEX] [--key FILE]: recount a record offline and check it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.commands import DaihoiCommand
from daihoi.elections.outcome import Outcome
from daihoi.elections.signing import read_public_key
from daihoi.lib.electionrecord import verify


class Command(DaihoiCommand):
    help = (
        "Recount an exported election record with the rules alone, check its chain and "
        "signature, and (with --head or --key) that it is the record the minutes certify."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--head", help="the record's head (mã kiểm chứng) as printed on the signed minutes"
        )
        parser.add_argument(
            "--key", type=Path, help="the public key of the installation that counted it (PEM)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được hồ sơ {path}: {exc}") from exc
        key = None
        if options["key"] is not None:
            try:
                key = read_public_key(Path(options["key"]).read_bytes())
            except (OSError, ValueError) as exc:
                raise CommandError(
                    f"Không đọc được khóa công khai {options['key']}: {exc}"
                ) from exc
        head = options["head"]
        if head is not None:
            head = "".join(head.split()).lower()
        try:
            verdict = verify(data, head=head, public_key=key)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CommandError(f"Hồ sơ {path} thiếu hoặc sai trường: {exc}") from exc
        if verdict.problems:
            for problem in verdict.problems:
                self.stderr.write(problem)
            raise CommandError(f"Hồ sơ KHÔNG hợp lệ: {len(verdict.problems)} vấn đề.")
        result = Outcome.from_json(data["result"])
        self.stdout.write(
            f"Chuỗi {len(data['entries'])} lượt nhập khớp, mã kiểm chứng {data['head']}; "
            f"kiểm lại {result.ballots.collected} phiếu cho cùng kết quả, trúng cử: "
            + ", ".join(c.full_name for c in result.candidates if c.elected)
            + f". Chữ ký của khóa {verdict.signed_by}."
        )
        if verdict.head_checked:
            self.stdout.write("Hồ sơ HỢP LỆ: mã kiểm chứng khớp với mã in trên biên bản.")
        if verdict.key_checked:
            self.stdout.write("Hồ sơ HỢP LỆ: do đúng khóa đã cho ký.")
        if not verdict.anchored:
            self.stdout.write(
                "CHÚ Ý: mới chỉ kiểm tra hồ sơ tự khớp với chính nó. Ai sửa được tệp cũng tính "
                "lại được chuỗi và ký bằng khóa khác; hãy kiểm tra với mã in trên biên bản "
                "(--head) hoặc khóa công khai của hệ thống đã kiểm phiếu (--key)."
            )
