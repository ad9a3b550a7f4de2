"""Shapes of the campaign answers: progress, congress records, approvals, results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import StringConstraints

from daihoi.api.schemas import LevelOut

CampaignSlug = Annotated[str, StringConstraints(max_length=60)]  # Campaign.slug
StateFilter = Annotated[str, StringConstraints(max_length=20)]  # Congress.state


class CampaignOut(Schema):
    slug: str
    name: str
    structure: str
    term_start: int
    term_end: int


class UnitOut(Schema):
    """An organisation as a campaign answer names it."""

    structure: str
    code: str
    name: str
    level: LevelOut


class CountsOut(Schema):
    """Congresses due at one level: planned and held by the day, late and ahead of plan."""

    level: LevelOut
    total: int
    planned: int
    held: int
    held_percent: Decimal
    late: int
    ahead: int


class ChildProgressOut(Schema):
    unit: UnitOut
    own_held: bool
    by_level: list[CountsOut]


class ProgressOut(Schema):
    campaign: str
    unit: UnitOut
    day: dt.date
    by_level: list[CountsOut]
    children_count: int
    page: int
    pages: int
    children: list[ChildProgressOut]


class ApprovalOut(Schema):
    kind: str
    approver: str | None  # the approving unit's code
    at: dt.datetime


class SubmissionOut(Schema):
    kind: str
    state: str
    submitted_at: dt.datetime
    decided_at: dt.datetime | None
    reason: str


class CongressOut(Schema):
    unit: UnitOut
    state: str
    state_label: str
    ordinal: int | None
    term: str
    planned_date: dt.date | None
    held_date: dt.date | None
    held_end_date: dt.date | None
    pilot: bool
    preparing_at: dt.datetime | None
    documents_approved_at: dt.datetime | None
    personnel_approved_at: dt.datetime | None
    held_at: dt.datetime | None
    reported_at: dt.datetime | None
    approvals: list[ApprovalOut]
    submissions: list[SubmissionOut]


class CongressPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[CongressOut]


class WaitingOut(Schema):
    """A submission from a unit below waiting for this unit's decision."""

    unit: UnitOut
    kind: str
    submitted_at: dt.datetime


class WaitingPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[WaitingOut]


class ElectedOut(Schema):
    """One person elected; votes and their share only where the election ran in the app."""

    no: int
    full_name: str
    votes: int | None
    percent_of_base: float | None


class CompositionOut(Schema):
    """The elected body recorded for the congress (personnel's ElectedMember), as counts."""

    members: int
    women: int
    ethnic_minority: int
    first_time: int
    under_40: int
    science_tech: int
    standing: int


class ResultOut(Schema):
    """One elected body of a congress: an election announced in the app (`source`
    "election"), or one body of a results report by form or file (`source` "report": no
    election, round, seats or ballots; `announced_at` is when the report was recorded)."""

    source: str
    election: int | None
    unit: UnitOut
    kind: str
    title: str
    round_no: int | None
    seats: int | None
    announced_at: dt.datetime | None
    ballots_collected: int | None
    ballots_valid: int | None
    ballots_invalid: int | None
    elected: list[ElectedOut]
    composition: CompositionOut | None


class ResultPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[ResultOut]


class TallyOut(Schema):
    """One obligation: reports due by the day, received by it, and received by their due day."""

    obligation: str
    expected: int
    received: int
    on_time: int


class CompletenessRowOut(Schema):
    level: LevelOut | None
    unit: UnitOut | None
    tallies: list[TallyOut]


class CompletenessOut(Schema):
    campaign: str
    unit: UnitOut
    day: dt.date
    by_level: list[CompletenessRowOut]
    by_child: list[CompletenessRowOut]
    total: list[TallyOut]
