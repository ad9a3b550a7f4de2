"""The replacement order of alternates and the allotment check."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.credentials import Alternate, check_allotment, next_alternate, replacement_order


def test_next_alternate_is_the_first_free_of_the_same_unit() -> None:
    pool = [
        Alternate(10, "A", 2),
        Alternate(11, "A", 1, available=False),
        Alternate(12, "B", 1),
        Alternate(13, "A", 3),
    ]
    chosen = next_alternate(pool, "A")
    assert chosen is not None and chosen.id == 10
    assert [a.id for a in replacement_order(pool, "A")] == [10, 13]
    assert next_alternate(pool, "C") is None


@given(st.lists(st.tuples(st.sampled_from("AB"), st.integers(1, 9), st.booleans()), max_size=12))
def test_order_never_skips_a_better_ranked_free_alternate(
    rows: list[tuple[str, int, bool]],
) -> None:
    pool = [Alternate(i, unit, order, free) for i, (unit, order, free) in enumerate(rows)]
    chosen = next_alternate(pool, "A")
    free_a = [a for a in pool if a.unit == "A" and a.available]
    if not free_a:
        assert chosen is None
    else:
        assert chosen is not None and chosen.unit == "A" and chosen.available
        assert all(chosen.order <= a.order for a in free_a)


def test_allotment_lines_show_over_and_under() -> None:
    lines = {
        line.unit: line
        for line in check_allotment(
            {"A": (3, 1), "B": (2, 0), "C": (1, 1)}, {"A": (3, 1), "B": (3, 0), "D": (1, 0)}
        )
    }
    assert lines["A"].ok
    assert lines["B"].officials_gap == 1 and not lines["B"].ok  # over
    assert lines["C"].officials_gap == -1 and not lines["C"].ok  # under
    assert lines["D"].allotted_officials == 0 and lines["D"].officials_gap == 1  # no seats given
