"""daihoi import-orgs FILE: import an organisation list, all or nothing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.commands import DaihoiCommand
from daihoi.core.tables import TableError, read_table
from daihoi.jobs.bar import INTERRUPTED, for_command
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.adminunits import admin_units_table
from daihoi.orgs.importer import ImportRejected, plan_import
from daihoi.orgs.models import Structure


class Command(DaihoiCommand):
    help = (
        "Import organisations from CSV or XLSX (columns code,parent_code,name,level and "
        "optionally kind,unit_type,members). Nothing is written if any row is wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--structure", default="2020", help="structure code (2020, 2025)")
        parser.add_argument(
            "--admin-units",
            action="store_true",
            help="a GSO list of administrative units (code,parent_code,name,kind,level)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            structure = Structure.objects.get(code=options["structure"])
        except Structure.DoesNotExist as exc:
            raise CommandError(f"Không có cơ cấu tổ chức «{options['structure']}».") from exc
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        started = time.perf_counter()
        bar = for_command(self)
        try:
            table = (
                admin_units_table(data) if options["admin_units"] else read_table(path.name, data)
            )
            plan = plan_import(structure, table)
            # One transaction: Ctrl-C rolls it back whole.
            result = do_import_organisations(plan, acting_user=None, source=path.name, progress=bar)
        except KeyboardInterrupt as exc:
            bar.close()
            raise CommandError(INTERRUPTED, returncode=130) from exc
        except (TableError, ImportRejected) as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} lỗi; không có gì được ghi vào cơ sở dữ liệu."
            ) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{path.name}: {len(plan.rows)} dòng; thêm mới {result.created}, cập nhật "
            f"{result.updated}, chuyển cấp trên {result.moved}, không đổi {result.unchanged} "
            f"({elapsed:.1f} giây)."
        )
