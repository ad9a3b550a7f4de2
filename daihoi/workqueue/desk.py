"""The shapes of the work queue: whose desk it is, one thing to do, a kind of them.

A `Source` is one kind of work (approvals asked, late congresses, overdue complaints …):
the rows that are each one thing to do for this person, and how a few of them read as
sentences. queue.py counts every source in one query and lists the first rows of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from daihoi.core.roles import TREE_WRITERS
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from daihoi.accounts.models import User


@dataclass(frozen=True)
class Item:
    """One thing waiting for the person: what, how many or which, by when, and where."""

    kind: str
    text: str
    url: str
    count: int | None = None
    obj: Any = None
    due: dt.date | None = None
    overdue: bool = False


# Each kind is counted up to this many; a group at the cap reads "more than".
CAP = 100


@dataclass(frozen=True)
class Group:
    """The items of one kind; `total` counts them all, `items` shows the first few."""

    kind: str
    title: str
    items: list[Item]
    total: int
    more_url: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)

    @property
    def capped(self) -> bool:
        """Whether more than `total` wait (counting stopped at CAP)."""
        return self.total >= CAP


@dataclass
class Desk:
    """Where a person works: their unit (the national level for a national administrator)."""

    user: User
    today: dt.date
    root: Organisation | None = field(init=False)
    national: bool = field(init=False)

    def __post_init__(self) -> None:
        self.national = scope.sees_everything(self.user)
        self.root = None if self.national else scope.scope_root(self.user)

    @property
    def placed(self) -> bool:
        """Whether the person has a unit at all (an account without one has no work here)."""
        return self.national or self.root is not None

    @property
    def depth(self) -> int:
        """The depth of the person's own unit in the tree: 1 for the national level."""
        return 1 if self.root is None else self.root.depth

    def has(self, *roles: str) -> bool:
        return self.national or (self.root is not None and self.user.has_role(*roles))

    @property
    def writer(self) -> bool:
        """The unit's organisation department (or an administrator): it approves, follows up."""
        return self.has(*TREE_WRITERS)

    @cached_property
    def units(self) -> list[Organisation]:
        """The person's own units: theirs, or each tree's top for the national level."""
        if self.root is not None:
            return [self.root]
        if self.national:
            tops = Organisation.objects.filter(depth=1).select_related("level")
            return list(tops.order_by("path"))
        return []

    def scoped(self, queryset: QuerySet[Any], via: str, copy: str | None = None) -> QuerySet[Any]:
        return scope.scoped(self.user, queryset, via=via, copy=copy)


@dataclass(frozen=True)
class Source:
    """One kind of work: the rows (None when it is not this person's work) and their items.

    `rows` is one row per thing to do, lean, for counting; `items` lists the first
    `limit` of them, fetching what the sentences need in one query.
    """

    kind: str
    title: _StrOrPromise
    rows: Callable[[Desk], QuerySet[Any] | None]
    items: Callable[[Desk, QuerySet[Any], int], list[Item]]
    # Where the whole list is, when more wait than the queue shows.
    more_url: Callable[[Desk], str] = lambda desk: ""
