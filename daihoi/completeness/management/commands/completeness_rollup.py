"""Build the completeness roll-up again: after bulk writes that bypassed the signals."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Campaign
from daihoi.commands import DaihoiCommand
from daihoi.completeness.ledger import rebuild


class Command(DaihoiCommand):
    help = "Tính lại bảng tổng hợp báo cáo lên cấp trên (mọi đợt, hoặc một đợt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", help="mã đợt đại hội (mặc định: mọi đợt)")

    def handle(self, *args: Any, **options: Any) -> None:
        campaigns = Campaign.objects.order_by("pk")
        if options["campaign"]:
            campaigns = campaigns.filter(slug=options["campaign"])
            if not campaigns.exists():
                raise CommandError(
                    _("Không có đợt đại hội mã «%(slug)s».") % {"slug": options["campaign"]}
                )
        for campaign in campaigns:
            started = time.perf_counter()
            counted = rebuild(campaign)
            self.stdout.write(
                _("Báo cáo lên cấp trên, %(slug)s: đã tính %(n)s đại hội trong %(s).1f giây.")
                % {"slug": campaign.slug, "n": counted, "s": time.perf_counter() - started}
            )
