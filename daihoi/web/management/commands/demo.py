"""daihoi demo: load the national demo tree, the demo campaign and accounts; print the logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser
from django.db import connection

from daihoi.accounts.demo import DEMO_PASSWORD, ensure_demo_users, live_approvers
from daihoi.campaigns import hooks
from daihoi.campaigns.demo import NAME as CAMPAIGN_NAME
from daihoi.campaigns.demo import SLUG as CAMPAIGN_SLUG
from daihoi.campaigns.demo import load_demo_campaign
from daihoi.campaigns.demo_live import NAME as LIVE_NAME
from daihoi.campaigns.demo_live import SLUG as LIVE_SLUG
from daihoi.campaigns.demo_live import load_live_campaign
from daihoi.campaigns.demo_live_steps import load_live_submissions
from daihoi.campaigns.models import Campaign, Congress
from daihoi.commands import DaihoiCommand
from daihoi.core.tables import Table
from daihoi.jobs.bar import for_command
from daihoi.orgs.actions import do_import_organisations
from daihoi.orgs.demo import demo_table
from daihoi.orgs.demo_live import live_table
from daihoi.orgs.importer import plan_import
from daihoi.orgs.models import Organisation, Structure


def fast_bulk_writes() -> None:
    """Let this process's SQLite connection write hundreds of thousands of rows faster.

    A page cache of 256 MiB instead of 2 MiB keeps the B-trees of the big tables'
    indexes in memory while they grow; NORMAL instead of FULL syncs the write-ahead log
    at checkpoints, not at every commit: a crash may lose the last transactions, never
    the database's consistency, and the demo resumes where it stopped. The server's own
    connections keep the settings' PRAGMAs.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA temp_store=MEMORY")


class Command(DaihoiCommand):
    help = (
        "Build the 2020 national demo tree and the finished 2020–2025 demo campaign, the 2025 "
        "tree and the live 2025–2030 campaign around today (fixed seed), and demo accounts; "
        "print the logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--provinces",
            default="",
            help="only these GSO province codes, comma-separated (e.g. 20,34,94), for a quick demo",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.progress = for_command(self)
        try:
            self.build(options)
        except KeyboardInterrupt as exc:
            self.progress.close()
            # Each stage is one transaction and the stages skip what exists, so a rerun resumes.
            raise CommandError(
                "Đã hủy (Ctrl-C); phần đang làm dở không được ghi, phần đã xong được giữ. "
                "Chạy lại `daihoi demo` để làm tiếp.",
                returncode=130,
            ) from exc

    def build(self, options: dict[str, Any]) -> None:
        call_command("migrate", verbosity=0)
        fast_bulk_writes()
        structure = Structure.objects.get(code="2020")
        provinces = [p.strip() for p in options["provinces"].split(",") if p.strip()] or None
        table: Table | None = None
        if Organisation.objects.filter(structure=structure).exists():
            self.stdout.write("Dữ liệu mẫu đã có; giữ nguyên.")
        else:
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
        # Before the 2020 loaders: the elections demo opens a count today, and a big import
        # then waits for the hall (orgs/hall.py).
        self.live_tree(provinces)
        self.campaign(provinces, table)
        campaign = Campaign.objects.get(slug=CAMPAIGN_SLUG)
        # Personnel, documents and the congress day add their demo data here.
        for loader in hooks.demo_loaders:
            loader(campaign, provinces, self.stdout.write)
        self.live(provinces)
        call_command("completeness_rollup", stdout=self.stdout)  # after every bulk write above
        users = ensure_demo_users()
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for user in users:
            org = user.organisation.name if user.organisation else "-"
            roles = ", ".join(user.role_labels())
            self.stdout.write(f"  {user.username:<16} {roles:<28} {org}")

    def live_tree(self, provinces: list[str] | None) -> None:
        """Load the 2025 tree (34 provinces, communes under them), unless it is there already."""
        structure = Structure.objects.get(code="2025")
        if Organisation.objects.filter(structure=structure).exists():
            return
        started = time.perf_counter()
        self.stdout.write("Đang tạo cây tổ chức 2025 (34 tỉnh, cấp xã trực thuộc tỉnh)…")
        plan = plan_import(structure, live_table(provinces))
        result = do_import_organisations(
            plan, acting_user=None, source="demo", progress=self.progress
        )
        self.stdout.write(
            f"Đã tạo {result.created} tổ chức trong {time.perf_counter() - started:.0f} giây."
        )

    def live(self, provinces: list[str] | None) -> None:
        """Load the live campaign over the 2025 tree, unless it is there already."""
        if Campaign.objects.filter(slug=LIVE_SLUG).exists():
            self.stdout.write("Đợt đại hội đang diễn ra đã có; giữ nguyên.")
            return
        started = time.perf_counter()
        self.stdout.write(f"Đang tạo đợt đại hội đang diễn ra «{LIVE_NAME}»…")
        ensure_demo_users()  # the approvals written in bulk name the departments' accounts
        campaign = load_live_campaign(live_approvers(), progress=self.progress)
        for loader in hooks.live_demo_loaders:
            loader(campaign, provinces, self.stdout.write)
        # After the personnel demo: xã Lộc Bình's request needs its candidate list.
        load_live_submissions(campaign, provinces, self.stdout.write)
        count = Congress.objects.filter(campaign=campaign).count()
        self.stdout.write(
            f"Đã tạo {count} đại hội ở mọi bước (hôm nay ở giữa đợt) "
            f"trong {time.perf_counter() - started:.0f} giây."
        )

    def campaign(self, provinces: list[str] | None, table: Table | None) -> None:
        """Load the demo campaign over the tree, unless it is there already."""
        if Campaign.objects.filter(slug=CAMPAIGN_SLUG).exists():
            self.stdout.write("Đợt đại hội mẫu đã có; giữ nguyên.")
            return
        started = time.perf_counter()
        self.stdout.write(f"Đang tạo đợt đại hội mẫu «{CAMPAIGN_NAME}»…")
        campaign = load_demo_campaign(provinces, progress=self.progress, table=table)
        count = Congress.objects.filter(campaign=campaign).count()
        self.stdout.write(
            f"Đã tạo {count} đại hội, kế hoạch theo cấp và các văn bản chỉ đạo "
            f"trong {time.perf_counter() - started:.0f} giây."
        )
