"""Two-step sign-in everywhere: a copy of "has a confirmed device" on the user, and policies."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def copy_confirmed_devices(apps, schema_editor):
    user = apps.get_model("accounts", "User")
    device = apps.get_model("otp_totp", "TOTPDevice")
    confirmed = device.objects.filter(confirmed=True).values("user_id")
    user.objects.filter(pk__in=confirmed).update(otp_confirmed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("orgs", "0001_initial"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="otp_confirmed",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="đã bật xác thực hai bước"
            ),
        ),
        migrations.CreateModel(
            name="TwoFactorPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kinds",
                    models.JSONField(blank=True, default=list, verbose_name="bắt buộc với"),
                ),
                (
                    "updated",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="cập nhật lúc"
                    ),
                ),
                (
                    "organisation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="two_factor_policy",
                        to="orgs.organisation",
                        verbose_name="tổ chức",
                    ),
                ),
            ],
            options={
                "verbose_name": "quy định xác thực hai bước",
                "verbose_name_plural": "quy định xác thực hai bước",
            },
        ),
        migrations.RunPython(copy_confirmed_devices, migrations.RunPython.noop),
    ]
