"""daihoi import-congresses FILE [--campaign SLUG]: congress dates, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.actions.congress_import import do_import_congresses
from daihoi.campaigns.congress_import import (
    CongressImportRejected,
    CongressImportResult,
    CongressRow,
    plan_congress_import,
)
from daihoi.campaigns.models import Campaign
from daihoi.commands import DaihoiCommand
from daihoi.core.tables import TableError, read_table
from daihoi.jobs.bar import INTERRUPTED, Bar, for_command
from daihoi.orgs.models import Structure


class Command(DaihoiCommand):
    help = (
        "Import congress dates (org_code, planned_date, held_date; optional pilot, ordinal, "
        "term). The campaign is created when missing. Nothing is written if a row is wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--campaign", help="campaign slug (default: the newest campaign)")
        parser.add_argument("--structure", default="2020", help="structure of a new campaign")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
        slug = options["campaign"]
        campaign = (
            Campaign.objects.filter(slug=slug).first()
            if slug
            else Campaign.objects.order_by("-term_start", "-pk").first()
        )
        structure = campaign.structure if campaign else None
        if structure is None:
            if not slug:
                raise CommandError("Chưa có đợt đại hội nào; hãy ghi --campaign SLUG để tạo mới.")
            structure = Structure.objects.filter(code=options["structure"]).first()
            if structure is None:
                raise CommandError(f"Không có cơ cấu tổ chức «{options['structure']}».")
        try:
            rows = plan_congress_import(structure.code, read_table(path.name, data))
        except (TableError, CongressImportRejected) as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.errors)} lỗi; không có gì được ghi vào cơ sở dữ liệu."
            ) from exc
        bar = for_command(self)
        try:
            result = self.write(campaign, slug, structure, rows, path.name, bar)
        except KeyboardInterrupt as exc:
            bar.close()
            raise CommandError(INTERRUPTED, returncode=130) from exc
        self.stdout.write(
            f"{path.name}: {len(rows)} dòng; thêm mới {result.created}, cập nhật "
            f"{result.updated}, không đổi {result.unchanged}."
        )

    @transaction.atomic
    def write(
        self,
        campaign: Campaign | None,
        slug: str,
        structure: Structure,
        rows: list[CongressRow],
        source: str,
        bar: Bar,
    ) -> CongressImportResult:
        """Create the campaign if needed and import the rows, in one transaction."""
        if campaign is None:
            years = [
                day.year
                for row in rows
                for day in (row.values.get("planned_date"), row.values.get("held_date"))
                if day
            ]
            start = min(years) if years else 2025
            campaign = do_create_campaign(
                slug,
                f"Đợt đại hội {slug}",
                structure=structure,
                term_start=start,
                term_end=start + 5,
                acting_user=None,
            )
            self.stdout.write(f"Đã tạo đợt đại hội «{slug}».")
        return do_import_congresses(campaign, rows, acting_user=None, source=source, progress=bar)
