"""Read the summary's figures from the roll-up: the same answer as counting.count().

A report is expected once its due day has passed, received once it came in by the
day looked at, on time when it came by its due day. As of a day D, for one congress
with due day d and arrival r:

    expected  ⇔  d ≤ D
    on time   ⇔  d ≤ D and r ≤ d            (r ≤ d ≤ D: it came by D too)
    received  ⇔  d ≤ D and r ≤ D  ⇔  max(d, r) ≤ D

Each is "some day of the congress's own ≤ D": the roll-up stores the counts per day
(ledger.contributions) and the answer for any day is a sum over the days up to it,
exact for every day without anything evaluated per congress. Units deeper than the
roll-up read the same comparisons from the ledger, a few thousand rows at most.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

from django.db import connection
from django.db.models import Sum

from daihoi.completeness import counting
from daihoi.completeness.ledger import OBLIGATIONS, ROLLUP_DEPTH, is_built
from daihoi.completeness.models import Ledger, Rollup
from daihoi.lib.completeness import Rule
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_bounds

Figures = Iterator[tuple[int, str, list[tuple[int, int, int]]]]


def count(
    rules: Mapping[int | None, Sequence[Rule]],
    *,
    campaign_id: int,
    root: Organisation,
    as_of: dt.date,
    by_child: bool = True,
    span: tuple[str, str] | None = None,
) -> Figures:
    """Yield (level id, child path, [(expected, received, on time) per obligation])
    for the congresses strictly under `root`, as of a day.

    `by_child=False` groups by level alone (the child path is ""): the totals of a
    unit with 100,000 children without a group per child. `span` (the first and last
    child's paths, in path order) keeps the children of one page: their subtrees are
    one range of paths, so a page costs what it shows.
    """
    child_len = len(root.path) + Organisation.steplen if by_child else 0
    low, high = subtree_bounds(root.path, include_self=False)
    if span is not None:
        low, high = span[0], subtree_bounds(span[1])[1]
    if not is_built(campaign_id):
        # Not built yet (a fresh campaign, a test's bulk fixture): the reference count.
        yield from counting.count(
            rules, campaign_id=campaign_id, low=low, high=high, child_len=child_len, as_of=as_of
        )
    elif root.depth <= ROLLUP_DEPTH:
        yield from _from_rollup(campaign_id, root.path, as_of, by_child=by_child, span=span)
    else:
        yield from _from_ledger(campaign_id, low, high, child_len, as_of)


def _from_rollup(
    campaign_id: int, ancestor: str, as_of: dt.date, *, by_child: bool, span: tuple[str, str] | None
) -> Figures:
    sums: dict[tuple[int, str], list[tuple[int, int, int]]] = {}
    position = {o.value: i for i, o in enumerate(OBLIGATIONS)}
    rows = Rollup.objects.filter(campaign_id=campaign_id, ancestor=ancestor, day__lte=as_of)
    if span is not None:
        rows = rows.filter(child__gte=span[0], child__lte=span[1])
    keys = ("level_id", "child", "obligation") if by_child else ("level_id", "obligation")
    grouped = (
        rows.values(*keys)
        .order_by()
        .annotate(e=Sum("expected"), r=Sum("received"), t=Sum("on_time"))
        .values_list(*keys, "e", "r", "t")
    )
    for found in grouped:
        level_id, child = found[0], found[1] if by_child else ""
        obligation, expected, received, on_time = found[-4:]
        cells = sums.setdefault((level_id, child), [(0, 0, 0)] * len(OBLIGATIONS))
        cells[position[obligation]] = (expected, received, on_time)
    for (level_id, child), cells in sums.items():
        yield level_id, child, cells


def _from_ledger(campaign_id: int, low: str, high: str, child_len: int, as_of: dt.date) -> Figures:
    # The same three comparisons as the reference (counting.statement), on stored days.
    counts = ", ".join(
        f"COUNT(CASE WHEN due_{o} <= %(day)s THEN 1 END), "
        f"COUNT(CASE WHEN due_{o} <= %(day)s AND got_{o} <= %(day)s THEN 1 END), "
        f"COUNT(CASE WHEN due_{o} <= %(day)s AND got_{o} <= due_{o} THEN 1 END)"
        for o in (ob.value for ob in OBLIGATIONS)
    )
    table = connection.ops.quote_name(Ledger._meta.db_table)
    sql = (
        f"SELECT level_id, SUBSTR(org_path, 1, %(child_len)s), {counts} "  # noqa: S608
        f"FROM {table} WHERE campaign_id = %(campaign)s "
        "AND org_path >= %(low)s AND org_path <= %(high)s "
        "GROUP BY level_id, SUBSTR(org_path, 1, %(child_len)s)"
    )
    params = {
        "day": connection.ops.adapt_datefield_value(as_of),
        "campaign": campaign_id,
        "low": low,
        "high": high,
        "child_len": child_len,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for level_id, child, *figures in cursor.fetchall():
            yield level_id, child, counting.triples(figures)
