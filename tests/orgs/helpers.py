"""Building small import files for tests."""

from __future__ import annotations

import io

from openpyxl import Workbook

from daihoi.core.tables import Table


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    text = "\n".join(lines) + "\n"
    return (("\ufeff" + text) if bom else text).encode("utf-8")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table(*lines: str) -> Table:
    from daihoi.core.tables import read_table

    return read_table("t.csv", csv_bytes(*lines))
