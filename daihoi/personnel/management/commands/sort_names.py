"""`daihoi sort-names`: read names one per line on stdin, print them in ballot order."""

from __future__ import annotations

import sys
from typing import Any

from daihoi.commands import DaihoiCommand
from daihoi.lib.names import sort_ballot_order


class Command(DaihoiCommand):
    help = (
        "Đọc họ tên từ stdin (mỗi dòng một người), in ra theo thứ tự trên phiếu bầu: "
        "tên, tên đệm, rồi họ, theo bảng chữ cái tiếng Việt."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        # The same function the elections app orders its ballots with: one order everywhere.
        names = [line for line in sys.stdin.read().splitlines() if line.strip()]
        for name in sort_ballot_order(names):
            self.stdout.write(name)
