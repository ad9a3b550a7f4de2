"""daihoi progress --as-of YYYY-MM-DD [--root CODE] [--campaign SLUG] [--json]."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.campaigns.models import Campaign
from daihoi.campaigns.progress import Counts, campaign_root, progress
from daihoi.commands import DaihoiCommand
from daihoi.orgs.models import Level, Organisation


def _level_rows(levels: list[Level], by_level: dict[int, Counts]) -> list[dict[str, Any]]:
    rows = []
    for level in levels:
        counts = by_level.get(level.pk, Counts())
        rows.append(
            {
                "level": level.rank,
                "level_code": level.code,
                "level_name": level.name,
                "total": counts.total,
                "planned": counts.planned,
                "held": counts.held,
                "percent": float(counts.percent),
            }
        )
    return rows


class Command(DaihoiCommand):
    help = "Print how many congresses are due, planned and held per level, as of a day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", required=True, help="YYYY-MM-DD")
        parser.add_argument("--root", help="organisation code (default: the top of the tree)")
        parser.add_argument("--campaign", help="campaign slug (default: the newest)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"])
        except ValueError as exc:
            raise CommandError(f"Ngày «{options['as_of']}» không đúng dạng YYYY-MM-DD.") from exc
        campaigns = Campaign.objects.select_related("structure")
        campaign = (
            campaigns.filter(slug=options["campaign"]).first()
            if options["campaign"]
            else campaigns.order_by("-term_start", "-pk").first()
        )
        if campaign is None:
            raise CommandError(
                "Không có đợt đại hội nào"
                + (f" mã «{options['campaign']}»." if options["campaign"] else ".")
            )
        if options["root"]:
            root = (
                Organisation.objects.select_related("level", "structure")
                .filter(structure=campaign.structure, code=options["root"])
                .first()
            )
            if root is None:
                raise CommandError(
                    f"Không có tổ chức mã «{options['root']}» "
                    f"trong cơ cấu {campaign.structure.code}."
                )
        else:
            root = campaign_root(campaign)
        result = progress(campaign, root, as_of)
        child_levels = {
            child.org.pk: [lv for lv in result.levels if lv.rank > child.org.level.rank]
            for child in result.children
        }
        data = {
            "as_of": as_of.isoformat(),
            "campaign": campaign.slug,
            "root": root.code,
            "levels": _level_rows(result.levels, result.by_level),
            "children": [
                {
                    "code": child.org.code,
                    "name": child.org.name,
                    "levels": _level_rows(child_levels[child.org.pk], child.by_level),
                }
                for child in result.children
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{root.name} — {campaign.name} — {as_of:%d/%m/%Y}")
        for row in data["levels"]:
            self.stdout.write(
                f"  {row['level_name']:<50} {row['held']:>7}/{row['total']:<7} "
                f"({str(row['percent']).replace('.', ',')}%), dự kiến đến ngày: {row['planned']}"
            )
