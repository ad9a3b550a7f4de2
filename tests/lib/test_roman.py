import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.roman import from_roman, to_roman


def test_it_writes_the_thirteenth_and_fourteenth_national_congresses():
    assert to_roman(13) == "XIII"
    assert to_roman(14) == "XIV"


def test_it_writes_subtractive_forms():
    assert [to_roman(n) for n in (4, 9, 40, 90, 400, 900)] == ["IV", "IX", "XL", "XC", "CD", "CM"]
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(3999) == "MMMCMXCIX"


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_it_refuses_numbers_outside_one_to_3999(number):
    with pytest.raises(ValueError):
        to_roman(number)


def test_it_refuses_a_boolean():
    with pytest.raises(TypeError):
        to_roman(True)


def test_it_reads_numerals_in_either_case_with_outer_spaces():
    assert from_roman("XX") == 20
    assert from_roman(" xiv ") == 14


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "IXI", "MMMM", "XIIV", "X I", "ABC"])
def test_it_refuses_a_non_standard_numeral(text):
    with pytest.raises(ValueError):
        from_roman(text)


@given(st.integers(1, 3999))
def test_it_reads_back_what_it_writes(number):
    assert from_roman(to_roman(number)) == number


@given(st.text(alphabet="IVXLCDM", min_size=1, max_size=16))
def test_it_accepts_a_numeral_only_in_its_standard_spelling(text):
    try:
        value = from_roman(text)
    except ValueError:
        return
    assert to_roman(value) == text
