"""The congress minutes (biên bản đại hội) as DOCX, for the secretariat to edit and sign.

Vietnamese by definition (a Party document), so written literally like the
counting minutes in daihoi/elections/documents.py, whose table and paragraph
helpers it shares. It assembles what the system holds: the programme in order
with the time each item was taken up, the credentials figures of the hall,
every show of hands with its counts and the rule that decided it, the
speakers, and the announced results of each election. What the system cannot
know (what was said, the chair's rulings) is left as dotted lines to fill in.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from daihoi.campaigns.models import Congress
from daihoi.core import letterhead as ph
from daihoi.core.numbers import vn_int, vn_share
from daihoi.elections.docx_common import add_body, add_grid, add_para, fill_signature_cell
from daihoi.elections.minutes_docx import elected_lines
from daihoi.elections.models import Election, ElectionState
from daihoi.lib.votes import RULES, Denominator
from daihoi.proceedings.hall import hall
from daihoi.proceedings.models import AgendaItem, SessionKind, ShowOfHands

__all__ = ["minutes_document", "vote_sentence"]

FILL = "." * 60


def _time(stamp: dt.datetime | None) -> str:
    return timezone.localtime(stamp).strftime("%H giờ %M, ngày %d/%m/%Y") if stamp else ""


def vote_sentence(vote: ShowOfHands) -> str:
    """Say a show of hands the way minutes do, with the rule and the verdict."""
    rule = RULES[vote.rule]
    whole = vote.summoned if rule.of is Denominator.SUMMONED else vote.present
    whom = "đại biểu được triệu tập" if rule.of is Denominator.SUMMONED else "đại biểu có mặt"
    share = vn_share(vote.agree, whole)
    verdict = "Đại hội thông qua" if vote.adopted else "Đại hội không thông qua"
    return (
        f"Biểu quyết «{vote.motion}» lúc {_time(vote.recorded_at)}: có mặt "
        f"{vn_int(vote.present)}/{vn_int(vote.summoned)} đại biểu; tán thành "
        f"{vn_int(vote.agree)} ({share} so với số {whom}), không tán thành "
        f"{vn_int(vote.disagree)}, không biểu quyết {vn_int(vote.abstain)}; cần ít nhất "
        f"{vn_int(vote.needed)} đại biểu tán thành. {verdict}."
        + (
            f" (Số liệu nhập nhầm, đã sửa lúc {_time(vote.corrected_at)}: "
            f"{vote.correction_reason}.)"
            if vote.corrected_at
            else ""
        )
    )


def _day(congress: Congress, items: list[AgendaItem]) -> dt.date:
    started = [i.started_at for i in items if i.started_at]
    if started:
        return timezone.localdate(min(started))
    return congress.held_date or timezone.localdate()


def _absences(congress: Congress) -> tuple[int, int]:
    """Officials recorded absent for the whole congress, with and without a reason."""
    from daihoi.assembly.models import Delegate

    # Replaced officials are not counted: their alternate sits in their place.
    found = (
        Delegate.objects.filter(congress=congress, kind="official", replaced_by__isnull=True)
        .exclude(credential="invalid")
        .aggregate(
            with_reason=Count("pk", filter=Q(absence="with_reason")),
            without_reason=Count("pk", filter=Q(absence="without_reason")),
        )
    )
    return found["with_reason"], found["without_reason"]


def _election_lines(election: Election) -> list[str]:
    result = election.result or {}
    lines = [
        f"{election.title}: số lượng được bầu {vn_int(election.seats)}; cơ sở tính kết quả "
        f"{vn_int(result.get('base', 0))}; phiếu thu vào "
        f"{vn_int(result.get('ballots', {}).get('collected', 0))}, hợp lệ "
        f"{vn_int(result.get('ballots', {}).get('valid', 0))}."
    ]
    elected = elected_lines(result) if result.get("elected") else []
    lines += elected or ["Không có đồng chí nào trúng cử."]
    return lines


def minutes_document(congress: Congress) -> bytes:
    """Return the minutes of the congress as it stands; printable at any time of the day."""
    org = congress.organisation
    items = list(
        AgendaItem.objects.filter(congress=congress)
        .prefetch_related("speakers", "votes")
        .order_by("position", "pk")
    )
    day = _day(congress, items)
    letterhead = ph.letterhead_for(org, doc_type="BB", day=day)
    seen = hall(congress)
    doc = ph.new_document()
    ph.add_header(
        doc,
        issuing_body="Đại hội",
        number="    -BB/ĐH",
        place=letterhead.place,
        day=day,
        superior_body=org.name,
    )
    ordinal = f" lần thứ {congress.ordinal}" if congress.ordinal else ""
    term = f", nhiệm kỳ {congress.term}" if congress.term else ""
    ph.add_title(doc, f"BIÊN BẢN\nĐại hội {org.name}{ordinal}{term}")

    ph.add_heading(doc, "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    add_body(doc, f"Đại hội họp ngày {day.strftime('%d/%m/%Y')}, tại {FILL}")
    with_reason, without_reason = _absences(congress)
    add_body(
        doc,
        f"Số đại biểu chính thức được triệu tập: {vn_int(seen.summoned)}; có mặt: "
        f"{vn_int(seen.present)}; vắng mặt: {vn_int(max(seen.summoned - seen.present, 0))}, "
        f"trong đó vắng cả đại hội có lý do {vn_int(with_reason)}, không có lý do "
        f"{vn_int(without_reason)} (theo báo cáo thẩm tra tư cách đại biểu). Đại hội cần ít "
        f"nhất {vn_int(seen.required)} đại biểu có mặt: "
        + ("đủ số đại biểu để tiến hành." if seen.has_quorum else "chưa đủ số đại biểu."),
    )
    add_body(doc, f"Đoàn Chủ tịch: {FILL}")
    add_body(doc, f"Đoàn Thư ký: {FILL}")

    ph.add_heading(doc, "II. DIỄN BIẾN ĐẠI HỘI")
    number = 0
    for value, label in SessionKind.choices:
        in_session = [i for i in items if i.session == value]
        if not in_session:
            continue
        add_para(doc, label.upper() if isinstance(label, str) else str(label).upper(), bold=True)
        for item in in_session:
            number += 1
            when = f" ({_time(item.started_at)})" if item.started_at else ""
            add_body(doc, f"{number}. {item.title}{when}.", bold=True)
            speakers = [s for s in item.speakers.all() if s.spoken_at]
            if speakers:
                add_body(doc, "Các đồng chí phát biểu:")
                for s in speakers:
                    unit = f", {s.unit}" if s.unit else ""
                    topic = f": {s.topic}" if s.topic else ""
                    add_body(doc, f"- Đồng chí {s.full_name}{unit}{topic}.")
            for vote in sorted(item.votes.all(), key=lambda v: (v.recorded_at, v.pk)):
                add_body(doc, vote_sentence(vote))
            if not speakers and not item.votes.all():
                add_body(doc, FILL)
    if not items:
        add_body(doc, "Đại hội chưa có chương trình trong hệ thống.")

    ph.add_heading(doc, "III. KẾT QUẢ BIỂU QUYẾT")
    votes = list(ShowOfHands.objects.filter(congress=congress).order_by("recorded_at", "pk"))
    if votes:
        add_grid(
            doc,
            ["STT", "Nội dung biểu quyết", "Có mặt", "Tán thành", "Không tán thành", "Kết quả"],
            [
                (
                    str(n),
                    v.motion,
                    vn_int(v.present),
                    vn_int(v.agree),
                    vn_int(v.disagree),
                    "Thông qua" if v.adopted else "Không thông qua",
                )
                for n, v in enumerate(votes, start=1)
            ],
            [Mm(10), Mm(62), Mm(20), Mm(22), Mm(25), Mm(26)],
            centred=(0, 2, 3, 4, 5),
        )
    else:
        add_body(doc, "Chưa có biểu quyết nào được ghi.")

    ph.add_heading(doc, "IV. KẾT QUẢ BẦU CỬ")
    elections = Election.objects.filter(
        congress=congress, state__in=(ElectionState.ANNOUNCED, ElectionState.SEALED)
    ).order_by("pk")
    if elections:
        for election in elections:
            for line in _election_lines(election):
                add_body(doc, line)
    else:
        add_body(doc, "Chưa có kết quả bầu cử được công bố.")

    add_body(
        doc,
        "Biên bản được lập và thông qua trước Đại hội; Đoàn Thư ký hoàn chỉnh, Đoàn Chủ tịch "
        "và Đoàn Thư ký cùng ký.",
    )
    doc.add_paragraph()
    table = ph.add_borderless_table(doc, [Mm(82), Mm(83)])
    left, right = table.rows[0].cells
    fill_signature_cell(left, "T/M Đoàn Thư ký", "")
    fill_signature_cell(right, "T/M Đoàn Chủ tịch", "")
    add_para(doc, "", align=WD_ALIGN_PARAGRAPH.LEFT)
    return ph.document_bytes(doc)
