"""daihoi verify-audit: recompute the audit trail's hash chain and report where it breaks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError

from daihoi.audit.verify import verify
from daihoi.commands import DaihoiCommand
from daihoi.core.numbers import vn_int

SHOWN = 50


def _head(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise CommandError(f"--expect {text}: cần dạng SEQ:HASH, như verify-audit đã in ra.")
    return int(seq), digest.lower()


class Command(DaihoiCommand):
    help = (
        "Recompute the audit trail's hash chain; report the first broken link, gaps in seq, "
        "back-dated or future entries and links emptied while their account still exists. "
        "Prints the head (SEQ:HASH): keep it elsewhere and give it back with --expect."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect",
            metavar="SEQ:HASH",
            help="a head printed by an earlier run, which must still be in the chain",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        expect = _head(options["expect"]) if options["expect"] else None
        try:
            report = verify(options["database"], expect=expect)
        except (DatabaseError, ValueError, TypeError, AttributeError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CommandError(
                f"Không đọc được nhật ký kiểm tra: {message}. "
                "Kiểm tra cơ sở dữ liệu (đã chạy daihoi migrate chưa?)."
            ) from None
        if report.intact:
            self.stdout.write(
                f"Nhật ký nguyên vẹn: {vn_int(report.count)} bản ghi; đầu chuỗi {report.head}"
            )
            return
        for problem in report.problems[:SHOWN]:
            self.stdout.write(problem.line())
        if len(report.problems) > SHOWN:
            self.stdout.write(f"… và {vn_int(len(report.problems) - SHOWN)} vấn đề nữa")
        first = report.problems[0]
        raise CommandError(
            f"Nhật ký đã bị can thiệp: {vn_int(len(report.problems))} vấn đề, "
            f"đầu tiên ở seq {first.seq}; {vn_int(report.count)} bản ghi, "
            f"đầu chuỗi {report.head}"
        )
