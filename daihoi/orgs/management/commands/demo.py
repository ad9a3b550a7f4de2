"""daihoi demo: load the national demo tree and the demo accounts, then print the logins."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.demo import demo_table
from daihoi.orgs.demo_accounts import DEMO_PASSWORD, ensure_demo_users
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation, Structure


class Command(BaseCommand):
    help = "Build the 2020 national demo tree (fixed seed) and demo accounts; print the logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--provinces",
            default="",
            help="only these GSO province codes, comma-separated (e.g. 20,34,94), for a quick demo",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0)
        structure = Structure.objects.get(code="2020")
        if Organisation.objects.filter(structure=structure).exists():
            self.stdout.write("Dữ liệu mẫu đã có; giữ nguyên.")
        else:
            provinces = [p for p in options["provinces"].split(",") if p.strip()] or None
            started = time.perf_counter()
            self.stdout.write("Đang tạo cây tổ chức mẫu (khoảng 330.000 tổ chức)…")
            table = demo_table(provinces)
            plan = plan_import(structure, table)
            result = do_import_organisations(
                plan, acting_user=None, source="demo", progress=self.progress
            )
            self.stdout.write(
                f"Đã tạo {result.created} tổ chức trong {time.perf_counter() - started:.0f} giây."
            )
        users = ensure_demo_users()
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for user in users:
            org = user.organisation.name if user.organisation else "-"
            roles = ", ".join(user.role_labels())
            self.stdout.write(f"  {user.username:<16} {roles:<28} {org}")

    def progress(self, label: str, done: int, total: int) -> None:
        if done == total or done % 50000 < 5000:
            end = "\n" if done == total else "\r"
            sys.stderr.write(f"{label}: {done}/{total}{end}")
