"""Names that look alike: invisible, control and lookalike letters are refused."""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from daihoi.lib.text import BadName, check_name, clean, describe_char, fold, name_problems, visible

VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"
# No tone, huyền, sắc, hỏi, ngã, nặng.
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
VIETNAMESE_LETTERS = sorted(
    {
        unicodedata.normalize("NFC", base + tone)
        for letter in VOWELS
        for base in (letter, letter.upper())
        for tone in TONES
    }
    | set(CONSONANTS + CONSONANTS.upper())
)
# Latin letters and the Cyrillic or Greek letters drawn the same.
CYRILLIC_TWINS = dict(zip("aeopcxyABEHKMOPCTX", "аеорсхуАВЕНКМОРСТХ", strict=True))
GREEK_TWINS = dict(zip("oABEHIKMNOPTXYZ", "οΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", strict=True))
TWINS = [
    (latin, other) for table in (CYRILLIC_TWINS, GREEK_TWINS) for latin, other in table.items()
]

words = st.text(alphabet=st.sampled_from(VIETNAMESE_LETTERS), min_size=2, max_size=7)
names = st.lists(words, min_size=2, max_size=5).map(" ".join)
format_chars = st.characters(categories=["Cf"])
control_chars = st.characters(categories=["Cc"]).filter(lambda ch: ch not in "\t\n\r\x0b\x0c")


@given(names)
def test_any_vietnamese_name_passes_and_comes_back_in_nfc(name: str) -> None:
    assert check_name(name) == unicodedata.normalize("NFC", name)
    assert unicodedata.is_normalized("NFC", check_name(name))


@given(names)
def test_a_name_typed_decomposed_comes_back_as_its_composed_twin(name: str) -> None:
    assert check_name(unicodedata.normalize("NFD", name)) == check_name(name)


def test_every_tone_on_every_vowel_is_latin() -> None:
    assert check_name("Đặng Thị Ắng Hường Ự Ỷ Ỡ ờ đ") == "Đặng Thị Ắng Hường Ự Ỷ Ỡ ờ đ"


def test_whitespace_is_collapsed() -> None:
    assert check_name("  Nguyễn\tVăn\u00a0\u00a0An \n") == "Nguyễn Văn An"


@given(names, format_chars, st.integers(min_value=0))
def test_inserting_any_format_character_is_refused_and_named(name: str, ch: str, at: int) -> None:
    at %= len(name) + 1
    typed = name[:at] + ch + name[at:]
    with pytest.raises(BadName) as refused:
        check_name(typed)
    assert [(p.code, p.chars) for p in refused.value.problems] == [("format_char", (ch,))]
    assert visible(typed) == clean(name)


@given(names, control_chars, st.integers(min_value=0))
def test_inserting_a_control_character_is_refused(name: str, ch: str, at: int) -> None:
    at %= len(name) + 1
    with pytest.raises(BadName) as refused:
        check_name(name[:at] + ch + name[at:])
    assert [(p.code, p.chars) for p in refused.value.problems] == [("control_char", (ch,))]


@given(names, st.data())
def test_swapping_one_latin_letter_for_a_lookalike_is_refused(
    name: str, data: st.DataObject
) -> None:
    spots = [(i, other) for i, ch in enumerate(name) for latin, other in TWINS if ch == latin]
    assume(spots)
    at, other = data.draw(st.sampled_from(spots))
    with pytest.raises(BadName) as refused:
        check_name(name[:at] + other + name[at + 1 :])
    (problem,) = refused.value.problems
    assert problem.code == "mixed_script"
    assert problem.chars == (other,)
    assert problem.scripts[0] == "LATIN"


@pytest.mark.parametrize(
    ("typed", "code", "described"),
    [
        ("Nguyễn Văn\u200b An", "format_char", "U+200B ZERO WIDTH SPACE"),
        ("Nguyễn Văn\u200c An", "format_char", "U+200C ZERO WIDTH NON-JOINER"),
        ("Nguyễn Văn\u200d An", "format_char", "U+200D ZERO WIDTH JOINER"),
        ("Nguyễn Văn A\u00adn", "format_char", "U+00AD SOFT HYPHEN"),
        ("Nguyễn Văn\u2060An", "format_char", "U+2060 WORD JOINER"),
        ("\ufeffNguyễn Văn An", "format_char", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\u202eNguyễn Văn An", "format_char", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2067Nguyễn Văn An\u2069", "format_char", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("Nguyễn Văn\u3164An", "format_char", "U+3164 HANGUL FILLER"),
        ("Nguyễn Văn An\x07", "control_char", "U+0007"),
        ("Nguyễn Văn \u0410n", "mixed_script", "U+0410 CYRILLIC CAPITAL LETTER A"),
        ("Nguyễn Văn Αn", "mixed_script", "U+0391 GREEK CAPITAL LETTER ALPHA"),
    ],
)
def test_each_refusal_names_the_character(typed: str, code: str, described: str) -> None:
    with pytest.raises(BadName) as refused:
        check_name(typed)
    problem = refused.value.problems[0]
    assert problem.code == code
    assert describe_char(problem.chars[0]) == described
    assert described in str(refused.value)


def test_a_name_written_wholly_in_cyrillic_is_not_mixed() -> None:
    assert check_name("Иван Петров") == "Иван Петров"


def test_cyrillic_with_greek_is_mixed_too() -> None:
    (problem,) = name_problems("Иван Пеτров")
    assert problem.scripts == ("CYRILLIC", "GREEK")
    assert problem.chars == ("τ",)


def test_every_problem_is_reported_at_once() -> None:
    codes = [p.code for p in name_problems("\u202eNguy\u200bễn V\u0430n\x00")]
    assert codes == ["format_char", "control_char", "mixed_script"]


def test_the_same_invisible_character_is_named_once() -> None:
    (problem,) = name_problems("Nguyễn\u200b Văn\u200b An")
    assert problem.chars == ("\u200b",)


def test_visible_shows_the_name_without_what_reorders_it() -> None:
    assert visible("\u202eNguyễn Văn An\u202c") == "Nguyễn Văn An"


def test_clean_and_fold_work_as_before() -> None:
    assert clean(unicodedata.normalize("NFD", " Đỗ  Thị\tẢnh ")) == "Đỗ Thị Ảnh"
    assert fold("Đỗ Thị Ảnh") == "do thi anh"
