"""Seed the 2020 and 2025 structures, their levels, and the usual unit types."""

import datetime as dt

from django.db import migrations

STRUCTURES = [
    (
        "2020",
        "Cơ cấu tổ chức 2020 (bốn cấp dưới Trung ương)",
        dt.date(2020, 2, 25),
        [
            (0, "trung-uong", "Trung ương", "Trung ương"),
            (1, "truc-thuoc-tw", "Đảng bộ tỉnh, thành phố và trực thuộc Trung ương", "Trực thuộc TW"),
            (2, "tren-co-so", "Cấp trên trực tiếp cơ sở", "Cấp trên cơ sở"),
            (3, "co-so", "Tổ chức cơ sở đảng", "Cơ sở"),
            (4, "chi-bo", "Chi bộ trực thuộc đảng ủy cơ sở", "Chi bộ"),
        ],
    ),
    (
        "2025",
        "Cơ cấu tổ chức từ 01/7/2025 (không tổ chức cấp huyện)",
        dt.date(2025, 7, 1),
        [
            (0, "trung-uong", "Trung ương", "Trung ương"),
            (1, "truc-thuoc-tw", "Đảng bộ tỉnh, thành phố và trực thuộc Trung ương", "Trực thuộc TW"),
            (2, "cap-xa", "Đảng bộ xã, phường, đặc khu và cơ quan, doanh nghiệp", "Cấp xã"),
            (3, "chi-bo", "Chi bộ", "Chi bộ"),
        ],
    ),
]

UNIT_TYPES = [
    ("trung-uong", "Trung ương"),
    ("tinh", "Tỉnh"),
    ("thanh-pho-tw", "Thành phố trực thuộc Trung ương"),
    ("huyen", "Huyện"),
    ("quan", "Quận"),
    ("thi-xa", "Thị xã"),
    ("thanh-pho", "Thành phố thuộc tỉnh"),
    ("xa", "Xã"),
    ("phuong", "Phường"),
    ("thi-tran", "Thị trấn"),
    ("dac-khu", "Đặc khu"),
    ("khoi", "Khối"),
    ("co-quan", "Cơ quan"),
    ("don-vi-su-nghiep", "Đơn vị sự nghiệp"),
    ("truong-hoc", "Trường học"),
    ("doanh-nghiep", "Doanh nghiệp"),
    ("luc-luong-vu-trang", "Lực lượng vũ trang"),
    ("cong-an", "Công an"),
    ("thon-to-dan-pho", "Thôn, tổ dân phố"),
    ("khac", "Khác"),
]


def seed(apps, schema_editor):
    Structure = apps.get_model("orgs", "Structure")
    Level = apps.get_model("orgs", "Level")
    UnitType = apps.get_model("orgs", "UnitType")
    for code, name, valid_from, levels in STRUCTURES:
        structure, _ = Structure.objects.get_or_create(
            code=code, defaults={"name": name, "valid_from": valid_from}
        )
        for rank, level_code, level_name, short in levels:
            Level.objects.get_or_create(
                structure=structure,
                rank=rank,
                defaults={"code": level_code, "name": level_name, "short_name": short},
            )
    for code, name in UNIT_TYPES:
        UnitType.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
