"""The live demo campaign: 2025–2030 under Chỉ thị 45-CT/TW, with "today" in the middle of it.

Beside the finished 2020 campaign, whose congresses are all held, this one is on the
2025 structure (province → commune → cell, `daihoi.orgs.demo_live`) and is shifted in
time so that the day the demo is built falls where the real campaign stood on
`ANCHOR` (10/08/2025): the cells have met (a few late), the communes are at their
busiest around their 31/08 deadline, the provinces are preparing. Every lifecycle
state is there at once: planned, preparing, documents approved (personnel waiting),
personnel approved, held, results reported, and communes past their planned day
that have not met (late).

The timetable is Chỉ thị 45's as dates (`DEADLINES`), each moved by the same number
of days (`shift`), so the order and gaps between steps are the directive's. States
are given by rank in a fixed pseudo-random order, as in `daihoi.campaigns.demo`, so a
run gives the same campaign for the same "today". Written in bulk (one `bulk_create`
per few thousand rows); the steps a user would take through the pages are then
taken through the actions on a few units (`daihoi.web.management.commands.demo`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.audit import log
from daihoi.campaigns.actions.campaign import do_create_campaign
from daihoi.campaigns.models import (
    Approval,
    ApprovalKind,
    Campaign,
    Congress,
    CongressState,
    DocumentType,
    GoverningDocument,
    Issuer,
    LevelPlan,
)
from daihoi.lib.docnumbers import parse_document_number
from daihoi.orgs.adminunits import ROOT_CODE
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.orgs.models import Organisation, Structure

__all__ = [
    "ANCHOR",
    "LOC_BINH_COMMUNE",
    "NAME",
    "SLUG",
    "live_congresses",
    "load_live_campaign",
    "shift",
]

SLUG = "dh-2025-2030"
NAME = "Đại hội đảng bộ các cấp nhiệm kỳ 2025–2030, tiến tới Đại hội XIV"
D = dt.date
Progress = Callable[[str, int, int], None]

DIRECTIVE = (
    "45-CT/TW",
    D(2025, 4, 14),
    "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
)
# Chỉ thị 45's timetable by rank of the 2025 structure: cells (and grassroots) by 30/6,
# communes by 31/8, provinces by 31/10; the National Congress in January 2026.
DEADLINES = {3: D(2025, 6, 30), 2: D(2025, 8, 31), 1: D(2025, 10, 31)}
MAX_DAYS = {1: 4}
NATIONAL = (D(2026, 1, 19), D(2026, 1, 23))  # Đại hội XIV
# Where "today" falls in the real timetable.
ANCHOR = D(2025, 8, 10)
# When each rank plans its congresses (real dates, before the shift).
WINDOWS = {
    3: (D(2025, 5, 5), D(2025, 6, 28)),
    2: (D(2025, 7, 8), D(2025, 8, 31)),
    1: (D(2025, 9, 22), D(2025, 10, 30)),
}
COMMUNE_PILOT = D(2025, 7, 2)  # one pilot commune per province, before the others
LESSONS = (
    "Rút kinh nghiệm đại hội điểm cấp xã sau sắp xếp: văn kiện ngắn gọn, sát tình hình xã "
    "mới; nhân sự bảo đảm đoàn kết giữa các địa phương hợp nhất; các xã trong tỉnh dự, "
    "học tập trước khi tổ chức đại hội của mình."
)
BATCH = 5000
# Xã Lộc Bình (Lạng Sơn), the commune of the demo account xalocbinh: documents approved,
# its personnel plan not yet, its congress nine days ahead; the personnel demo gives it
# a candidate list with a complaint open (personnel/demo_live.py).
LOC_BINH_COMMUNE = "06529"
SHOWN = {LOC_BINH_COMMUNE: (CongressState.DOCUMENTS_APPROVED, ANCHOR + dt.timedelta(days=9))}


def shift(day: D, today: D | None = None) -> D:
    """Move a day of the real timetable so that ANCHOR falls on `today`."""
    return day + ((today or timezone.localdate()) - ANCHOR)


def _u(code: str, salt: str) -> float:
    """A fixed number in [0, 1) for a code (see daihoi.campaigns.demo._u)."""
    digest = hashlib.blake2b(f"{salt}:{code}".encode(), digest_size=8, salt=b"2025").digest()
    return int.from_bytes(digest) / 2**64


def _in(window: tuple[D, D], u: float) -> D:
    start, end = window
    return start + dt.timedelta(days=int(u * ((end - start).days + 1)))


@dataclass(frozen=True, slots=True)
class LiveCongress:
    """One congress of the live campaign, in real (unshifted) dates."""

    code: str
    rank: int
    state: str
    planned_date: D
    held_date: D | None
    held_end_date: D | None
    ordinal: int
    pilot: bool = False

    @property
    def approvals(self) -> list[str]:
        order = list(CongressState)
        reached = order.index(CongressState(self.state))
        kinds: list[str] = []
        if reached >= order.index(CongressState.DOCUMENTS_APPROVED):
            kinds.append(ApprovalKind.DOCUMENTS)
        if reached >= order.index(CongressState.PERSONNEL_APPROVED):
            kinds.append(ApprovalKind.PERSONNEL)
        return kinds


def _cell(code: str) -> LiveCongress:
    planned = _in(WINDOWS[3], _u(code, "plan"))
    u = _u(code, "state")
    if u < 0.04:  # past its day and the deadline, not met: late
        state = CongressState.PERSONNEL_APPROVED if u < 0.02 else CongressState.PREPARING
        return LiveCongress(code, 3, state, planned, None, None, _ordinal(code, 3))
    held = planned + dt.timedelta(days=int(_u(code, "slip") * 6)) if u < 0.12 else planned
    state = CongressState.REPORTED if u < 0.85 else CongressState.HELD
    return LiveCongress(code, 3, state, planned, held, None, _ordinal(code, 3))


def _commune(code: str, pilot: bool) -> LiveCongress:
    """A commune's congress; its state follows where its planned day falls against ANCHOR."""
    if code in SHOWN:
        state, planned = SHOWN[code]
        return LiveCongress(code, 2, state, planned, None, None, 1)
    if pilot:
        end = COMMUNE_PILOT + dt.timedelta(days=1)
        return LiveCongress(
            code, 2, CongressState.REPORTED, COMMUNE_PILOT, COMMUNE_PILOT, end, 1, True
        )
    planned = _in(WINDOWS[2], _u(code, "plan"))
    u = _u(code, "state")
    days = (planned - ANCHOR).days
    held: D | None = None
    if days < 0:
        if u < 0.1:  # late: its day has passed, an approval or the congress itself missing
            state = [
                CongressState.PREPARING,
                CongressState.DOCUMENTS_APPROVED,
                CongressState.PERSONNEL_APPROVED,
            ][int(u * 30)]
        else:
            held = planned
            state = CongressState.REPORTED if days < -4 and u < 0.85 else CongressState.HELD
    elif days <= 5:
        state = CongressState.PERSONNEL_APPROVED if u < 0.7 else CongressState.DOCUMENTS_APPROVED
    elif days <= 12:
        state = CongressState.DOCUMENTS_APPROVED if u < 0.5 else CongressState.PREPARING
    else:
        state = CongressState.PREPARING if u < 0.5 else CongressState.PLANNED
    closing: D | None = held
    if held is not None and _u(code, "end") < 0.7:
        closing = held + dt.timedelta(days=1)
    return LiveCongress(code, 2, state, planned, held, closing, 1)


def _ordinal(code: str, rank: int) -> int:
    low, high = {1: (15, 21), 3: (10, 35)}.get(rank, (1, 1))
    return low + int(_u(code, "ordinal") * (high - low + 1))


def live_congresses(orgs: Iterable[tuple[str, str, int]]) -> dict[str, LiveCongress]:
    """Return each organisation's congress from (code, parent code, rank); pure, deterministic.

    A commune is a new unit after the merger: its congress is its first (lần thứ I).
    """
    rows = list(orgs)
    communes: dict[str, list[str]] = {}
    for code, parent, rank in rows:
        if rank == 2:
            communes.setdefault(parent, []).append(code)
    pilots = {
        min((c for c in codes if c not in SHOWN), key=lambda c: (_u(c, "pilot"), c))
        for codes in communes.values()
    }
    result: dict[str, LiveCongress] = {}
    for code, _parent, rank in rows:
        if rank == 0:
            result[code] = LiveCongress(
                code, 0, CongressState.PREPARING, NATIONAL[0], None, None, 14
            )
        elif rank == 1:
            planned = _in(WINDOWS[1], _u(code, "plan"))
            state = CongressState.PREPARING if _u(code, "state") < 0.8 else CongressState.PLANNED
            result[code] = LiveCongress(code, 1, state, planned, None, None, _ordinal(code, 1))
        elif rank == 2:
            result[code] = _commune(code, code in pilots)
        else:
            result[code] = _cell(code)
    return result


# ---------------------------------------------------------------------------
# Loading into the database


def _directive(structure: Structure) -> GoverningDocument | None:
    root = Organisation.objects.filter(structure=structure, code=ROOT_CODE).first()
    if root is None:
        return None
    number, date, title = DIRECTIVE
    parsed = parse_document_number(number)
    document, _created = GoverningDocument.objects.get_or_create(
        organisation=root,
        doc_type=DocumentType.objects.get_or_create(
            code=parsed.doc_type, defaults={"name": parsed.doc_type}
        )[0],
        issuer=Issuer.objects.get_or_create(code=parsed.issuer, defaults={"name": parsed.issuer})[
            0
        ],
        number=parsed.number,
        date=date,
        defaults={"number_text": parsed.number_text, "title": title},
    )
    return document


def _at(day: D, hour: int, offset: dt.timedelta, now: dt.datetime) -> dt.datetime:
    """A moment of a (real) day moved by offset, never after now."""
    moment = timezone.make_aware(dt.datetime.combine(day + offset, dt.time(hour)))
    return min(moment, now)


def _stamps(live: LiveCongress, offset: dt.timedelta, now: dt.datetime) -> dict[str, object]:
    """The lifecycle's timestamps for the state reached, in step with its days."""
    order = list(CongressState)
    reached = order.index(CongressState(live.state))
    # Most units send their plan and have their documents and personnel approved by the
    # days lib/completeness asks (60, 21 and 21 days before the congress); about one in
    # seven is late, so the reporting-rate page has both to show.
    u, late = _u(live.code, "stamps"), _u(live.code, "late") < 0.15
    plan, documents, personnel = (40, 16, 9) if late else (62, 31, 22)
    spread = int(u * 8)
    steps = [
        ("preparing_at", CongressState.PREPARING, plan + 2 * spread),
        ("documents_approved_at", CongressState.DOCUMENTS_APPROVED, documents + spread),
        ("personnel_approved_at", CongressState.PERSONNEL_APPROVED, personnel + spread // 2),
    ]
    stamps: dict[str, object] = {}
    for field, state, days_before in steps:
        if reached >= order.index(state):
            day = live.planned_date - dt.timedelta(days=days_before)
            stamps[field] = _at(day, 9, offset, now)
    if live.held_date is not None:
        stamps["held_at"] = _at(live.held_end_date or live.held_date, 17, offset, now)
        if live.state == CongressState.REPORTED:
            stamps["reported_at"] = _at(live.held_date + dt.timedelta(days=3), 10, offset, now)
    return stamps


def _congress(
    campaign: Campaign, live: LiveCongress, pk: int, path: str, level_id: int, today: D
) -> Congress:
    offset = today - ANCHOR
    now = timezone.now()

    def moved(day: D | None) -> D | None:
        return day + offset if day is not None else None

    return Congress(
        campaign=campaign,
        organisation_id=pk,
        org_path=path,
        level_id=level_id,
        ordinal=live.ordinal,
        term="2026–2031" if live.rank == 0 else "2025–2030",
        planned_date=moved(live.planned_date),
        held_date=moved(live.held_date),
        held_end_date=moved(live.held_end_date),
        pilot=live.pilot,
        pilot_lessons=LESSONS if live.pilot else "",
        state=live.state,
        **_stamps(live, offset, now),  # type: ignore[arg-type]
    )


@transaction.atomic
def load_live_campaign(
    approvers: dict[str, User],
    progress: Progress | None = None,
    *,
    today: D | None = None,
) -> Campaign:
    """Create the live campaign over the stored 2025 tree; idempotent.

    `approvers` name who approved, by the approving organisation's code ("" for any
    other): an approval names a person, and the demo has no account in every province.
    """
    existing = Campaign.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    structure = Structure.objects.get(code="2025")
    campaign = do_create_campaign(
        SLUG,
        NAME,
        structure=structure,
        term_start=2025,
        term_end=2030,
        directive=_directive(structure),
        targets_preset="ct45-2025",
        acting_user=None,
    )
    for level_plan in LevelPlan.objects.filter(campaign=campaign).select_related("level"):
        deadline = DEADLINES.get(level_plan.level.rank)
        level_plan.deadline = shift(deadline, today) if deadline else None
        level_plan.max_days = MAX_DAYS.get(level_plan.level.rank, 2)
        level_plan.save(update_fields=["deadline", "max_days"])

    rows = list(
        Organisation.objects.filter(structure=structure)
        .order_by("path")
        .values_list("code", "pk", "path", "level_id", "level__rank", "depth")
    )
    parent_of: dict[str, str] = {}
    code_at: dict[tuple[str, int], str] = {}
    for code, _pk, path, _level, _rank, depth in rows:
        code_at[(path, depth)] = code
    steplen = Organisation.steplen
    for code, _pk, path, _level, _rank, depth in rows:
        parent_of[code] = code_at.get((path[: (depth - 1) * steplen], depth - 1), "")
    plan = live_congresses((code, parent_of[code], rank) for code, _p, _pa, _l, rank, _d in rows)
    superior: dict[str, int] = {code: pk for code, pk, *_rest in rows}

    made: list[Congress] = []
    batch: list[Congress] = []

    def flush() -> None:
        made.extend(Congress.objects.bulk_create(batch))
        batch.clear()
        if progress is not None:
            progress("Đại hội 2025–2030", len(made), len(rows))

    for code, pk, path, level_id, _rank, _depth in rows:
        batch.append(_congress(campaign, plan[code], pk, path, level_id, today))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    approvals = _approvals(made, plan, parent_of, superior, approvers, rows)
    after_bulk_write(len(made))
    log.record(
        "campaign.demo",
        actor=None,
        organisation=None,
        target=SLUG,
        after={"congresses": len(made), "approvals": approvals, "today": str(today)},
    )
    return campaign


def _approvals(
    made: list[Congress],
    plan: dict[str, LiveCongress],
    parent_of: dict[str, str],
    superior: dict[str, int],
    approvers: dict[str, User],
    rows: list[tuple[str, int, str, int, int, int]],
) -> int:
    """The superiors' approvals of every congress past them (bulk), named as their committee's."""
    code_of = {pk: code for code, pk, *_rest in rows}
    stamps: dict[str, str] = {
        ApprovalKind.DOCUMENTS: "documents_approved_at",
        ApprovalKind.PERSONNEL: "personnel_approved_at",
    }
    objects = [
        Approval(
            congress=congress,
            kind=kind,
            approved_by=approvers.get(parent_of[code], approvers[""]),
            approver_organisation_id=superior[parent_of[code]],
            at=getattr(congress, stamps[kind]),
            note="Nhất trí.",
        )
        for congress in made
        for code in [code_of[congress.organisation_id]]
        for kind in plan[code].approvals
    ]
    Approval.objects.bulk_create(objects, batch_size=BATCH)
    return len(objects)
