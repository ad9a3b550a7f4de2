"""Shapes of the JSON the API returns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema


class LevelOut(Schema):
    rank: int
    code: str
    name: str


class OrgOut(Schema):
    structure: str
    code: str
    name: str
    kind: str
    level: LevelOut
    unit_type: str | None
    members: int
    valid_from: dt.date | None
    valid_until: dt.date | None
    children: int


class LevelCountOut(Schema):
    level: LevelOut
    count: int


class OrgDetailOut(OrgOut):
    parent_code: str | None
    below_by_level: list[LevelCountOut]


class OrgPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[OrgOut]


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    organisation: OrgOut | None


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """django-ninja's answer to a request whose parameters do not validate."""

    detail: list[dict[str, Any]]
