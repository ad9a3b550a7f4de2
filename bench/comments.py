"""Benchmark: 100,000 comments on a 60-page political report from 10,000 units.

On a throw-away database holding the generated tree of three provinces (Lạng
Sơn, Thái Bình, Sóc Trăng), the national congress's political report (about
480 paragraphs of generated Vietnamese text, about 60 printed pages) is sent
for comments to every unit; 10,000 units send 10 comments each. It measures:

1. the import: one XLSX of 100,000 rows read with `read_table`, every row
   checked by `plan_comments`, written by `do_import_comments` (all or
   nothing), the three parts apart;
2. the grouping: `do_propose_groups` over all 100,000 unhandled comments
   (fetch, group by paragraph with rapidfuzz, write the groups), against the
   target of under 60 s; the pure `group_texts` part apart; and, as the
   reference, every pair compared (token_sort_ratio) on a 2,000-comment
   sample, extrapolated to 100,000 (n²/2 pairs);
3. the summary "tổng hợp ý kiến góp ý" of the round as XLSX and as DOCX.

Run from the project root: `.venv/bin/python bench/comments.py [--database-url URL]
[--comments N] [--units N]`.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time

from _benchdb import add_database_argument, bench_database

TARGET_S = 60.0
SAMPLE = 2000

EXTRA = [
    "",
    " Cần có số liệu so sánh với nhiệm kỳ trước.",
    " Đây là vấn đề nhân dân rất quan tâm.",
    " Đề nghị viết ngắn gọn hơn.",
    " Nhất trí với nội dung dự thảo.",
    " Nên tham khảo kinh nghiệm của địa phương bạn.",
]
POINTS = [
    "tăng trưởng kinh tế",
    "giảm nghèo bền vững",
    "đào tạo nguồn nhân lực",
    "cải cách thủ tục hành chính",
    "phòng, chống tham nhũng, lãng phí",
    "bảo vệ môi trường",
    "phát triển hạ tầng giao thông",
    "chuyển đổi số",
    "công tác cán bộ",
    "xây dựng tổ chức cơ sở đảng",
    "biến đổi khí hậu",
    "văn hóa, con người Việt Nam",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_database_argument(parser)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10_000)
    return parser.parse_args()


def comment_text(rng: random.Random) -> str:
    from daihoi.drafts.demo import COMMENT_PHRASES

    phrase = rng.choice(COMMENT_PHRASES).format(t=rng.choice(POINTS))
    if rng.random() < 0.3:
        phrase = phrase.replace("Đề nghị", "Kiến nghị").replace("Cần", "Phải")
    if rng.random() < 0.2:
        phrase = phrase.lower()
    return phrase + rng.choice(EXTRA)


def main() -> int:
    args = parse_args()
    with bench_database(args.database_url, "daihoi_bench_comments") as (description, _tmp):
        print(f"Database: {description}")
        return run(args)


def run(args: argparse.Namespace) -> int:
    from openpyxl import Workbook
    from rapidfuzz import fuzz

    from daihoi.accounts.models import Role, User
    from daihoi.campaigns.actions.campaign import do_create_campaign
    from daihoi.campaigns.models import Congress
    from daihoi.core.tables import read_table
    from daihoi.drafts import reports
    from daihoi.drafts.actions.comments import do_import_comments
    from daihoi.drafts.actions.documents import do_create_document
    from daihoi.drafts.actions.groups import do_propose_groups
    from daihoi.drafts.actions.rounds import do_circulate_round
    from daihoi.drafts.actions.versions import do_add_round
    from daihoi.drafts.comment_import import plan_comments
    from daihoi.drafts.demo import report_blocks
    from daihoi.drafts.models import Comment, DocKind, Handling
    from daihoi.lib import similarity
    from daihoi.lib.paragraphs import number_blocks
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.demo import demo_table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Organisation, Structure

    rng = random.Random(2020)
    structure = Structure.objects.get(code="2020")
    started = time.perf_counter()
    do_import_organisations(
        plan_import(structure, demo_table(["20", "34", "94"])), acting_user=None, source="bench"
    )
    root = Organisation.objects.get(structure=structure, depth=1)
    units = list(
        Organisation.objects.filter(structure=structure, depth__gte=2)
        .order_by("path")
        .values_list("code", flat=True)[: args.units]
    )
    print(
        f"Tree: {Organisation.objects.count():,} organisations, {len(units):,} units comment "
        f"({time.perf_counter() - started:.1f} s to load)"
    )
    admin = User.objects.create_user("bench", is_superuser=True, roles=[Role.ADMIN])
    campaign = do_create_campaign(
        "bench", "Bench", structure=structure, term_start=2020, term_end=2025, acting_user=None
    )
    congress = Congress.objects.create(
        campaign=campaign, organisation=root, org_path=root.path, level=root.level
    )
    document = do_create_document(congress, DocKind.POLITICAL_REPORT, acting_user=admin)
    numbered = number_blocks(report_blocks(rng, sections=30, paragraphs=22))
    words = sum(len(b.text.split()) for b in numbered)
    round_ = do_add_round(document, numbered, acting_user=admin)
    round_ = do_circulate_round(
        round_, groups=["members", "public", "retired"], deadline=None, acting_user=admin
    )
    paragraphs = [b.key for b in numbered if b.level is None]
    print(
        f"Draft: {len(numbered)} numbered blocks, {len(paragraphs)} paragraphs, "
        f"{words:,} words (about {words / 500:.0f} pages of 500 words)"
    )

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Đoạn", "Nhóm", "Mã đơn vị", "Ngày", "Nội dung"])
    for i in range(args.comments):
        paragraph = rng.choice(paragraphs) if rng.random() < 0.8 else ""
        sheet.append(
            [paragraph, "Đại hội cấp dưới", units[i % len(units)], "15/06/2020", comment_text(rng)]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    print(f"Import file: {args.comments:,} rows, {len(data) / 1024 / 1024:.1f} MB XLSX")

    import datetime as dt

    t0 = time.perf_counter()
    table = read_table("gop-y.xlsx", data)
    t1 = time.perf_counter()
    rows = plan_comments(round_, table, today=dt.date(2020, 7, 1), scope_root=None)
    t2 = time.perf_counter()
    # The action checks the rows itself (plan_comments again) before it writes them.
    do_import_comments(round_, table, file_name="gop-y.xlsx", acting_user=admin)
    t3 = time.perf_counter()
    imported = round_.comments.count()
    assert imported == args.comments == len(rows), imported
    check = t2 - t1
    total_import = (t1 - t0) + (t3 - t2)
    print(
        f"Import: read {t1 - t0:.1f} s + check {check:.1f} s + write {t3 - t2 - check:.1f} s "
        f"= {total_import:.1f} s ({total_import / imported * 1e6:.0f} µs per comment)"
    )

    items = list(round_.comments.order_by("pk").values_list("paragraph", "text"))
    t0 = time.perf_counter()
    pure = similarity.group_texts(items)
    pure_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    made = do_propose_groups(round_, acting_user=admin)
    group_s = time.perf_counter() - t0
    grouped = round_.comments.filter(group__isnull=False).count()
    sizes = sorted((len(g.members) for g in pure), reverse=True)
    print(
        f"Grouping (do_propose_groups): {group_s:.1f} s; {made:,} groups of 2 or more hold "
        f"{grouped:,} comments ({grouped / imported:.0%}); largest {sizes[:3]}; "
        f"target < {TARGET_S:.0f} s: {'met' if group_s < TARGET_S else 'MISSED'} "
        f"(ratio {group_s / TARGET_S:.2f})"
    )
    print(f"  of which group_texts alone: {pure_s:.1f} s")

    sample = [similarity.normalise(t) for _p, t in items[:SAMPLE]]
    t0 = time.perf_counter()
    for i, a in enumerate(sample):
        for b in sample[i + 1 :]:
            fuzz.token_sort_ratio(a, b)
    pair_s = time.perf_counter() - t0
    pairs = SAMPLE * (SAMPLE - 1) / 2
    naive = pair_s / pairs * imported * (imported - 1) / 2
    print(
        f"Reference, every pair compared: {pairs:,.0f} pairs in {pair_s:.1f} s, so about "
        f"{naive / 3600:.1f} h for {imported:,}; grouping is {naive / pure_s:,.0f}× faster"
    )

    # A summary is read after the handling: give most groups one (not timed).
    for group_id in list(round_.groups.values_list("pk", flat=True))[: made * 3 // 4]:
        Comment.objects.filter(group_id=group_id).update(
            handling=rng.choice(list(Handling)), response="Tiểu ban tiếp thu, giải trình."
        )
    comments = round_.comments.all()
    t0 = time.perf_counter()
    xlsx = reports.summary_xlsx(round_, comments)
    xlsx_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    docx = reports.summary_docx(round_, comments)
    docx_s = time.perf_counter() - t0
    print(
        f"Summary XLSX: {xlsx_s:.1f} s ({len(xlsx) / 1024 / 1024:.1f} MB); "
        f"DOCX: {docx_s:.1f} s ({len(docx) / 1024 / 1024:.1f} MB); "
        f"DOCX/XLSX {docx_s / xlsx_s:.1f}"
    )
    return 0 if group_s < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
