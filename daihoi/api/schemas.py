"""Shapes of the JSON the API returns."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StringConstraints

from daihoi.db.limits import INTEGER_RANGES

# Parameters, held to the columns they are looked up in: a value no column can hold
# is a 422 naming the parameter, not a query that fails (PostgreSQL's "integer out
# of range") or a search over megabytes of text.
StructureCode = Annotated[str, StringConstraints(max_length=20)]  # Structure.code
OrgCode = Annotated[str, StringConstraints(max_length=40)]  # Organisation.code
SearchText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
PageNumber = Annotated[int, Field(ge=1, le=INTEGER_RANGES["IntegerField"][1])]
SearchLimit = Annotated[int, Field(ge=1, le=100)]


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


# The error answers every operation declares beside its 200.
ERRORS: dict[int, type] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}
