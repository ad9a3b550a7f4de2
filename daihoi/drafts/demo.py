"""Demo drafts: Sóc Trăng's political report at its 7th round, and Sở Công Thương's.

Generated text (fixed seed) in the shape of a political report; earlier rounds
closed with every comment handled, the latest out for comments, some of them
sent up by subordinate units. Written in bulk: a few hundred rows, well under
a second.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from daihoi.audit import log
from daihoi.campaigns.models import Campaign, Congress
from daihoi.drafts.models import (
    Comment,
    DocKind,
    DraftDocument,
    Handling,
    Round,
    RoundState,
    SourceGroup,
)
from daihoi.lib.paragraphs import Block, Numbered, number_blocks
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation

PARTS = [
    "PHẦN THỨ NHẤT: ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ TRƯỚC",
    "PHẦN THỨ HAI: PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP NHIỆM KỲ TỚI",
    "PHẦN THỨ BA: CÔNG TÁC XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ",
]
TOPICS = [
    "phát triển kinh tế",
    "nông nghiệp và xây dựng nông thôn mới",
    "văn hóa – xã hội",
    "giáo dục và đào tạo",
    "y tế và chăm sóc sức khỏe nhân dân",
    "quốc phòng, an ninh",
    "công tác dân tộc, tôn giáo",
    "chuyển đổi số",
    "cải cách hành chính",
    "xây dựng Đảng về chính trị, tư tưởng, đạo đức",
]
OPENINGS = [
    "Trong nhiệm kỳ qua,",
    "Dưới sự lãnh đạo của Ban Chấp hành Đảng bộ,",
    "Bám sát nghị quyết đại hội,",
    "Với sự nỗ lực của cả hệ thống chính trị,",
    "Tuy còn nhiều khó khăn,",
]
CLAUSES = [
    "tốc độ tăng trưởng bình quân đạt {n},{m}%/năm",
    "thu nhập bình quân đầu người tăng {n} lần so với đầu nhiệm kỳ",
    "tỷ lệ hộ nghèo giảm còn {n},{m}%",
    "{n}/{k} xã đạt chuẩn nông thôn mới",
    "tỷ lệ người dân tham gia bảo hiểm y tế đạt {k}%",
    "kết nạp được {k}{n}{m} đảng viên mới",
    "công tác kiểm tra, giám sát được tăng cường",
    "quốc phòng, an ninh được giữ vững",
    "đời sống vật chất và tinh thần của nhân dân được nâng lên",
    "một số chỉ tiêu chưa đạt so với nghị quyết",
]
COMMENT_PHRASES = [
    "Đề nghị bổ sung số liệu cụ thể về {t}.",
    "Cần làm rõ nguyên nhân của hạn chế trong {t}.",
    "Đề nghị nêu rõ giải pháp đột phá về {t}.",
    "Nên rút gọn phần đánh giá về {t}, tránh trùng lặp.",
    "Đề nghị bổ sung bài học kinh nghiệm về {t}.",
    "Chỉ tiêu về {t} cần sát thực tế hơn.",
]
RESPONSES = {
    Handling.ACCEPTED: "Tiểu ban Văn kiện tiếp thu, đã chỉnh sửa trong dự thảo.",
    Handling.PARTLY: "Tiếp thu một phần; số liệu chi tiết đưa vào báo cáo chuyên đề.",
    Handling.EXPLAINED: "Giải trình: nội dung này đã có ở mục khác của báo cáo.",
}


def report_blocks(rng: random.Random, *, sections: int, paragraphs: int) -> list[Block]:
    """A political report of generated text: parts, numbered sections, paragraphs."""
    blocks = [Block("BÁO CÁO CHÍNH TRỊ", level=1)]
    per_part = max(1, sections // len(PARTS))
    number = 0
    for part in PARTS:
        blocks.append(Block(part, level=1))
        for _ in range(per_part):
            number += 1
            topic = TOPICS[number % len(TOPICS)]
            blocks.append(Block(f"{number}. Về {topic}", level=2))
            for _ in range(paragraphs):
                clauses = rng.sample(CLAUSES, 3)
                text = (
                    rng.choice(OPENINGS)
                    + " "
                    + "; ".join(
                        c.format(n=rng.randint(2, 9), m=rng.randint(0, 9), k=rng.randint(10, 99))
                        for c in clauses
                    )
                    + f" trong lĩnh vực {topic}."
                )
                blocks.append(Block(text))
    return blocks


def _clause(rng: random.Random) -> str:
    return rng.choice(CLAUSES).format(
        n=rng.randint(2, 9), m=rng.randint(0, 9), k=rng.randint(10, 99)
    )


def revise(rng: random.Random, blocks: list[Block]) -> list[Block]:
    """The next round: a few paragraphs reworded, one added, one dropped."""
    out = []
    for block in blocks:
        if block.level is None and rng.random() < 0.08:
            continue
        if block.level is None and rng.random() < 0.15:
            block = Block(block.text.rstrip(".") + ", " + _clause(rng) + ".")
        out.append(block)
        if block.level == 2 and rng.random() < 0.2:
            out.append(Block("Bổ sung theo ý kiến góp ý: " + _clause(rng) + "."))
    return out


def comment_text(rng: random.Random, topic: str) -> str:
    return rng.choice(COMMENT_PHRASES).format(t=topic)


def _comments(
    rng: random.Random,
    round_: Round,
    numbered: list[Numbered],
    count: int,
    *,
    day: dt.date,
    handled: bool,
    units: list[tuple[str, str]],
) -> list[Comment]:
    paragraphs = [b for b in numbered if b.level is None]
    groups = [SourceGroup.RETIRED, SourceGroup.MEMBERS, SourceGroup.PUBLIC]
    out = []
    for i in range(count):
        block = rng.choice(paragraphs) if rng.random() < 0.8 else None
        topic = TOPICS[i % 4]
        unit = units[i % len(units)] if units and i % 3 == 0 else None
        handling = rng.choice(list(Handling)) if handled else ""
        out.append(
            Comment(
                round=round_,
                paragraph=block.key if block else "",
                source_group=SourceGroup.UNIT if unit else rng.choice(groups),
                source_name=unit[1] if unit else "",
                source_path=unit[0] if unit else round_.document.org_path,
                received_on=day,
                text=comment_text(rng, topic),
                handling=handling,
                response=RESPONSES[Handling(handling)] if handling else "",
                handled_at=timezone.now() if handling else None,
            )
        )
    return out


def _load(congress: Congress, kind: str, rounds: int, *, comments: int, seed: int) -> DraftDocument:
    rng = random.Random(seed)  # noqa: S311 - demo text, not security
    org = congress.organisation
    document = DraftDocument.objects.create(
        congress=congress,
        kind=kind,
        title=f"{DocKind(kind).label} {org.name}",
        org_path=org.path,
        owner="Tiểu ban Văn kiện",
        owner_organisation=org,
        deadline=dt.date(2020, 8, 31),
    )
    kids = [(c.path, c.name) for c in tree.children(org)[:20]]
    blocks = report_blocks(rng, sections=9, paragraphs=3)
    start = dt.date(2020, 1, 6)
    made: list[Round] = []
    for number in range(1, rounds + 1):
        numbered = number_blocks(blocks)
        last = number == rounds
        day = start + dt.timedelta(days=28 * (number - 1))
        round_ = Round.objects.create(
            document=document,
            number=number,
            state=RoundState.CIRCULATING if last else RoundState.CLOSED,
            blocks=[vars(b) for b in numbered],
            circulated_at=timezone.make_aware(dt.datetime.combine(day, dt.time(8))),
            circulated_groups=[SourceGroup.RETIRED, SourceGroup.MEMBERS, SourceGroup.PUBLIC]
            + ([SourceGroup.UNIT] if kids else []),
            comment_deadline=day + dt.timedelta(days=21),
            closed_at=None
            if last
            else timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=25), dt.time(17))),
        )
        made.append(round_)
        Comment.objects.bulk_create(
            _comments(
                rng,
                round_,
                numbered,
                comments,
                day=day + dt.timedelta(days=7),
                handled=not last,
                units=kids,
            )
        )
        blocks = revise(rng, blocks)
    for earlier, later in zip(made, made[1:], strict=False):
        earlier.comments.exclude(handling=Handling.EXPLAINED).update(applied_in=later)
    return document


# Lộc Bình on 20/02/2020: its 58 subordinate organisations had finished round 1 of their
# political report (seed article); their rounds close between these days.
LOC_BINH = "188"
LOC_BINH_ROUND_1 = (dt.date(2020, 1, 13), dt.date(2020, 2, 20))


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _loc_binh_round_1(campaign: Campaign) -> int:
    """Round 1 of each of Lộc Bình's subordinates' political reports, closed by 20/02/2020.

    In bulk: 58 documents of a few paragraphs each, one closed round apiece.
    """
    district = Organisation.objects.filter(structure=campaign.structure, code=LOC_BINH).first()
    if district is None:
        return 0
    congresses = list(
        Congress.objects.filter(campaign=campaign, organisation__in=tree.children(district))
        .exclude(drafts__kind=DocKind.POLITICAL_REPORT)
        .select_related("organisation")
        .order_by("org_path")
    )
    if not congresses:
        return 0
    rng = random.Random(LOC_BINH)  # noqa: S311 - demo text, not security
    first, last = LOC_BINH_ROUND_1
    span = (last - first).days
    documents = DraftDocument.objects.bulk_create(
        DraftDocument(
            congress=c,
            kind=DocKind.POLITICAL_REPORT,
            title=f"{DocKind.POLITICAL_REPORT.label} {c.organisation.name}",
            org_path=c.org_path,
            owner_organisation=c.organisation,
        )
        for c in congresses
    )
    rounds = []
    for i, document in enumerate(documents):
        # Spread evenly, the last on 20/02/2020 itself.
        closed = first + dt.timedelta(days=round(i * span / max(len(documents) - 1, 1)))
        blocks = number_blocks(report_blocks(rng, sections=3, paragraphs=1))
        rounds.append(
            Round(
                document=document,
                number=1,
                state=RoundState.CLOSED,
                blocks=[vars(b) for b in blocks],
                circulated_at=_at(closed - dt.timedelta(days=14), 8),
                circulated_groups=[SourceGroup.MEMBERS],
                comment_deadline=closed - dt.timedelta(days=3),
                closed_at=_at(closed, 17),
            )
        )
    Round.objects.bulk_create(rounds)
    return len(documents)


@transaction.atomic
def load_demo_drafts(
    campaign: Campaign, provinces: list[str] | None, write: Callable[[str], None]
) -> None:
    """Sóc Trăng's political report (7 rounds), Sở Công Thương's (2 rounds) and round 1 of
    Lộc Bình's 58 subordinates' (closed by 20/02/2020); idempotent."""
    wanted = [("94", 7, 40, 94), ("34-KCQ-SCT", 2, 12, 34)]
    made = 0
    for code, rounds, comments, seed in wanted:
        if provinces is not None and code.split("-")[0] not in provinces:
            continue
        congress = (
            Congress.objects.filter(
                campaign=campaign,
                organisation__code=code,
                organisation__structure=campaign.structure,
            )
            .select_related("organisation")
            .first()
        )
        if congress is None or DraftDocument.objects.filter(congress=congress).exists():
            continue
        _load(congress, DocKind.POLITICAL_REPORT, rounds, comments=comments, seed=seed)
        made += 1
    if provinces is None or "20" in provinces:
        made += _loc_binh_round_1(campaign)
    if made:
        log.record(
            "drafts.demo",
            actor=None,
            organisation=None,
            target=campaign.slug,
            after={"documents": made},
        )
        write(f"Văn kiện mẫu: {made} dự thảo báo cáo chính trị.")
