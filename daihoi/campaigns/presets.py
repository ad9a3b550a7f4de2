"""Composition targets of the directives, preset when a campaign is created.

(code, label, minimum %, maximum %, hard rule, source). Figures from Chỉ thị
35-CT/TW (2019) and Chỉ thị 45-CT/TW (2025) as summarised in DOMAIN.md; users
edit them per campaign.
"""

from __future__ import annotations

from decimal import Decimal

Preset = tuple[str, str, Decimal | None, Decimal | None, bool, str]

CT35_2019: list[Preset] = [
    ("women", "Nữ cấp ủy viên", Decimal("15"), None, False, "Chỉ thị 35-CT/TW"),
    ("woman-standing", "Có nữ trong ban thường vụ", None, None, False, "Chỉ thị 35-CT/TW"),
    ("under-40", "Dưới 40 tuổi (tỉnh, huyện)", Decimal("10"), None, False, "Chỉ thị 35-CT/TW"),
    ("age-40-50", "Từ 40 đến 50 tuổi", Decimal("40"), Decimal("50"), False, "Chỉ thị 35-CT/TW"),
    (
        "renewal",
        "Đổi mới (tham gia lần đầu)",
        Decimal("30"),
        Decimal("35"),
        False,
        "Chỉ thị 35-CT/TW",
    ),
    ("surplus", "Số dư so với số lượng", None, Decimal("30"), True, "QĐ 190-QĐ/TW, Điều 14"),
]
CT45_2025: list[Preset] = [
    ("women", "Nữ cấp ủy viên", Decimal("15"), None, False, "Chỉ thị 45-CT/TW"),
    ("woman-standing", "Có nữ trong ban thường vụ", None, None, False, "Chỉ thị 45-CT/TW"),
    ("under-40", "Dưới 40 tuổi", Decimal("10"), None, False, "Chỉ thị 45-CT/TW"),
    (
        "renewal",
        "Đổi mới (tham gia lần đầu)",
        Decimal("30"),
        Decimal("35"),
        False,
        "Chỉ thị 45-CT/TW",
    ),
    ("science-tech", "Cán bộ khoa học, công nghệ", Decimal("5"), None, False, "Chỉ thị 45-CT/TW"),
    ("surplus", "Số dư so với số lượng", None, Decimal("30"), True, "QĐ 190-QĐ/TW, Điều 14"),
]
TARGET_PRESETS: dict[str, list[Preset]] = {"ct35-2019": CT35_2019, "ct45-2025": CT45_2025}
