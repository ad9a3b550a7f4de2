"""Build the completeness roll-up again (after bulk writes that bypassed the signals),
or check that what is kept equals a count made now."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from daihoi.campaigns.models import Campaign
from daihoi.commands import DaihoiCommand
from daihoi.completeness.ledger import check, is_built, rebuild


class Command(DaihoiCommand):
    help = "Tính lại (hoặc kiểm tra) bảng tổng hợp báo cáo lên cấp trên: mọi đợt, hoặc một đợt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", help="mã đợt đại hội (mặc định: mọi đợt)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="chỉ so bảng tổng hợp với số đếm lại, không ghi gì; có sai lệch thì mã thoát 1",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaigns = Campaign.objects.order_by("pk")
        if options["campaign"]:
            campaigns = campaigns.filter(slug=options["campaign"])
            if not campaigns.exists():
                raise CommandError(
                    _("Không có đợt đại hội mã «%(slug)s».") % {"slug": options["campaign"]}
                )
        drifted: list[str] = []
        for campaign in campaigns:
            started = time.perf_counter()
            if not options["check"]:
                counted = rebuild(campaign)
                self.stdout.write(
                    _("Báo cáo lên cấp trên, %(slug)s: đã tính %(n)s đại hội trong %(s).1f giây.")
                    % {"slug": campaign.slug, "n": counted, "s": time.perf_counter() - started}
                )
            elif not is_built(campaign.pk):
                self.stdout.write(
                    _("%(slug)s: chưa tính bảng tổng hợp (trang đếm trực tiếp).")
                    % {"slug": campaign.slug}
                )
            else:
                congresses, rows = check(campaign)
                self.stdout.write(
                    _("%(slug)s: %(c)s đại hội và %(r)s dòng tổng hợp sai lệch.")
                    % {"slug": campaign.slug, "c": congresses, "r": rows}
                )
                if congresses or rows:
                    drifted.append(campaign.slug)
        if drifted:
            raise CommandError(
                _("Bảng tổng hợp sai lệch ở %(slugs)s: chạy lại lệnh không có --check.")
                % {"slugs": ", ".join(drifted)}
            )
