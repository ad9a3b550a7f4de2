"""The desk's keying syntax, read and written back."""

from __future__ import annotations

import pytest

from daihoi.elections.forms import KeyingError, parse_keyed_line
from daihoi.elections.models import ElectionState

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_keying_syntax_reads_serial_crossed_void_lines_and_reason_keys() -> None:
    reading = parse_keyed_line(" 17 5 3  x2 k d", 5)
    assert (reading.serial, reading.crossed, reading.void_lines) == (17, (3, 5), (2,))
    assert reading.flags == ("marked", "not_issued")
    assert parse_keyed_line("4", 5).crossed == ()
    with pytest.raises(KeyingError, match="Không có dòng số 9"):
        parse_keyed_line("4 9", 5)
    with pytest.raises(KeyingError, match="gõ hai lần"):
        parse_keyed_line("4 2 2", 5)
    with pytest.raises(KeyingError, match="số phiếu"):
        parse_keyed_line("k 2", 5)
