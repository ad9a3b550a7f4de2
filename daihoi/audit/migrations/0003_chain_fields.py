"""The hash chain's columns (daihoi/audit/chain.py), added while the old triggers are off.

The append-only triggers of 0002 are dropped here and made again, guarding the
new columns too, by 0005 once every existing entry is chained (0004).
"""

import importlib

from django.db import migrations, models

append_only = importlib.import_module("daihoi.audit.migrations.0002_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.RunPython(
            append_only._run(
                {"sqlite": append_only.SQLITE_REVERSE, "postgresql": append_only.POSTGRES_REVERSE}
            ),
            append_only._run({"sqlite": append_only.SQLITE, "postgresql": append_only.POSTGRES}),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(
                editable=False, null=True, verbose_name="số thứ tự"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="mã băm"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="actor_ref",
            field=models.BigIntegerField(
                editable=False, null=True, verbose_name="mã người thực hiện"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="organisation_ref",
            field=models.BigIntegerField(editable=False, null=True, verbose_name="mã tổ chức"),
        ),
    ]
