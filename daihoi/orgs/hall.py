"""A big import waits for the hall: on SQLite it holds the only write lock until it ends.

An organisation import is all or nothing, so it writes in one transaction. On
SQLite that transaction holds the database's single write lock: 100,000 rows keep
every check-in desk waiting past its timeout. While a sitting is open today, such
an import is refused with the reason, and smaller ones (written in a few seconds)
go ahead. On PostgreSQL the import locks only the rows it writes, and the desks
never wait for it.

The apps that know when the hall is writing (assembly: an open sitting; elections: a
count started today, whose desks key every paper) register a
check here from their AppConfig.ready(); orgs does not import them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from daihoi.core.numbers import vn_int
from daihoi.core.uploads import FileProblem
from daihoi.orgs.importer import ImportRejected

# Each returns True while the hall is writing (a sitting open today).
busy_checks: list[Callable[[], bool]] = []


def register_busy_check(check: Callable[[], bool]) -> None:
    if check not in busy_checks:
        busy_checks.append(check)


def refuse_long_write_while_hall_busy(changes: int) -> None:
    """Refuse, on SQLite, an import too big to write between two scans while a sitting is open."""
    limit = int(settings.DAIHOI_IMPORT_ROWS_DURING_SITTING)
    if connection.vendor != "sqlite" or changes <= limit:
        return
    if any(check() for check in busy_checks):
        message = _(
            "Hôm nay đang có phiên họp đại hội mở điểm danh hoặc cuộc bầu cử đang kiểm phiếu "
            "trên máy chủ này. Ghi "
            "%(n)s thay đổi một lúc sẽ giữ cơ sở dữ liệu và làm các bàn điểm danh phải chờ, "
            "nên chưa có gì được ghi. Hãy nhập sau khi phiên họp kết thúc, hoặc chia tệp "
            "thành từng phần không quá %(limit)s dòng."
        ) % {"n": vn_int(changes), "limit": vn_int(limit)}
        raise ImportRejected([FileProblem(0, "", "", message)])
