"""Seed the document types and issuer codes seen in the seed articles; users add more."""

from django.db import migrations

TYPES = [
    ("CT", "Chỉ thị"), ("KH", "Kế hoạch"), ("HD", "Hướng dẫn"), ("QĐ", "Quyết định, quy định"),
    ("NQ", "Nghị quyết"), ("KL", "Kết luận"), ("BC", "Báo cáo"), ("TB", "Thông báo"),
    ("CV", "Công văn"), ("TTr", "Tờ trình"), ("CTr", "Chương trình"), ("QC", "Quy chế"),
]
ISSUERS = [
    ("TW", "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("BTCTW", "Ban Tổ chức Trung ương"),
    ("TU", "Tỉnh ủy, thành ủy trực thuộc Trung ương"),
    ("HU", "Huyện ủy"),
    ("ĐU", "Đảng ủy"),
    ("ĐUK", "Đảng ủy khối"),
    ("BTCĐUK", "Ban Tổ chức Đảng ủy khối"),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("campaigns", "DocumentType")
    Issuer = apps.get_model("campaigns", "Issuer")
    for code, name in TYPES:
        DocumentType.objects.get_or_create(code=code, defaults={"name": name})
    for code, name in ISSUERS:
        Issuer.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
