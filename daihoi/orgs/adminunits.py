"""Turning the GSO list of administrative units into party committees.

Every province, district and commune has a party committee of the same area:
"Tỉnh Lạng Sơn" becomes "Đảng bộ tỉnh Lạng Sơn", "Xã Đồng Bục" becomes
"Đảng bộ xã Đồng Bục". The result is an ordinary import table, so it goes
through the same validation as any uploaded list.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from daihoi.core.tables import Table
from daihoi.lib.text import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ROOT_CODE = "TW"
ROOT_NAME = "Đảng Cộng sản Việt Nam"

# GSO kind → (word used in the committee's name, unit type code)
KINDS: dict[str, tuple[str, str]] = {
    "thành phố trung ương": ("thành phố", "thanh-pho-tw"),
    "tỉnh": ("tỉnh", "tinh"),
    "huyện": ("huyện", "huyen"),
    "quận": ("quận", "quan"),
    "thị xã": ("thị xã", "thi-xa"),
    "thành phố": ("thành phố", "thanh-pho"),
    "xã": ("xã", "xa"),
    "phường": ("phường", "phuong"),
    "thị trấn": ("thị trấn", "thi-tran"),
    "đặc khu": ("đặc khu", "dac-khu"),
}


def committee_name(unit_name: str, kind: str) -> str:
    """Return the party committee's name for an administrative unit."""
    word = KINDS.get(kind, (kind, ""))[0]
    if fold(unit_name).startswith(fold(word) + " "):
        unit_name = unit_name[len(word) + 1 :]
    return f"Đảng bộ {word} {unit_name}"


def admin_units_table(data: bytes) -> Table:
    """Convert a GSO CSV (code,parent_code,name,kind,level) to an import table."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    table = Table(headers=["code", "parent_code", "name", "level", "kind", "unit_type"])
    table.rows.append((1, [ROOT_CODE, "", ROOT_NAME, "0", "dang_bo", "trung-uong"]))
    for number, unit in enumerate(reader, start=2):
        kind = unit["kind"].strip()
        table.rows.append(
            (
                number,
                [
                    unit["code"].strip(),
                    unit["parent_code"].strip() or ROOT_CODE,
                    committee_name(unit["name"].strip(), kind),
                    unit["level"].strip(),
                    "dang_bo",
                    KINDS.get(kind, ("", "khac"))[1],
                ],
            )
        )
    return table


def bundled(year: str) -> Path:
    """Return the path of a bundled GSO list ("2020" or "2025")."""
    return DATA_DIR / f"admin-units-{year}.csv"
