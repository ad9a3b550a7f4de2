"""How a typed query matches each kind of thing, without diacritics where the data allows.

Organisations and people carry a folded name column (``search_name``), matched on the
whole query as the organisation and personnel pages already do. Elections, congress
documents, governing documents and congresses have no folded column of their own: a
query is cut into words and every word must match something of the row — the folded
name of its organisation, a word of its kind's label (folded here, so "bao cao chinh
tri" finds the political reports), a number or code, or the title as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.db.models import Q

from daihoi.lib.text import fold

# Words past this many add nothing a person would type, and each one costs a condition.
MAX_WORDS = 6
K = TypeVar("K", bound=Hashable)  # a choice's value, or a row's id
_WORD = re.compile(r"[^\W_]+")


def words(query: str) -> list[tuple[str, str]]:
    """Return the query's words as (typed, folded) pairs; "93-KH/TU" gives 93, KH, TU."""
    found = [(w, fold(w)) for w in _WORD.findall(query)]
    return [(typed, folded) for typed, folded in found if folded][:MAX_WORDS]


def label_words(labels: Iterable[tuple[K, object]]) -> dict[K, list[str]]:
    """Return each choice value's folded label words (labels are lazy translations)."""
    return {value: fold(str(label)).split() for value, label in labels}


def kinds_starting(folded: str, labels: dict[K, list[str]]) -> list[K]:
    """Return the choice values one of whose label words starts with the folded word."""
    return [value for value, parts in labels.items() if any(p.startswith(folded) for p in parts)]


def all_words(
    query: str,
    *,
    org_field: str,
    vocabulary: frozenset[str] = frozenset(),
    kind_field: str = "",
    kinds: dict[str, list[str]] | None = None,
    title_field: str = "",
    extra: Callable[[str, str], Q] | None = None,
) -> Q | None:
    """Return a filter every word of the query must meet, or None when there is no word.

    A word of the kind's own name (``vocabulary``: "dai hoi", "bau cu") matches every row,
    so "dai hoi loc binh" finds Lộc Bình's congress.
    """
    found = words(query)
    if not found:
        return None
    condition = Q()
    for typed, folded in found:
        if folded in vocabulary:
            continue
        word = Q(**{f"{org_field}__search_name__contains": folded})
        if kind_field and kinds:
            values = kinds_starting(folded, kinds)
            if values:
                word |= Q(**{f"{kind_field}__in": values})
        if title_field:
            word |= Q(**{f"{title_field}__icontains": typed})
        if extra is not None:
            word |= extra(typed, folded)
        condition &= word
    return condition
