import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.docnumbers import (
    DEFAULT_ISSUERS,
    DEFAULT_TYPES,
    DocumentNumber,
    DocumentNumberError,
    format_document_number,
    parse_document_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35-CT/TW", DocumentNumber(35, "35", "CT", "TW")),
        ("93-KH/TU", DocumentNumber(93, "93", "KH", "TU")),
        ("09-HD/BTCĐUK", DocumentNumber(9, "09", "HD", "BTCĐUK")),
        ("78-KH/ĐUK", DocumentNumber(78, "78", "KH", "ĐUK")),
        ("36-HD/VPTW", DocumentNumber(36, "36", "HD", "VPTW")),
        ("190-QĐ/TW", DocumentNumber(190, "190", "QĐ", "TW")),
    ],
)
def test_it_parses_the_numbers_in_the_seed_documents(text, expected):
    assert parse_document_number(text) == expected


@pytest.mark.parametrize("text", ["Số 93-KH/TU", "số 93-KH/TU", "SỐ 93-KH/TU", "Số: 93-KH/TU"])
def test_it_accepts_a_leading_so(text):
    assert parse_document_number(text) == DocumentNumber(93, "93", "KH", "TU")


def test_it_writes_the_number_back_with_its_leading_zero():
    assert str(parse_document_number("Số 09-HD/BTCĐUK")) == "09-HD/BTCĐUK"


def test_it_reads_the_eth_lookalike_as_the_vietnamese_d_stroke():
    # U+00D0 (Icelandic eth) is visually identical to Đ.
    assert parse_document_number("78-KH/\u00d0UK").issuer == "ĐUK"


def test_it_reads_a_prefix_typed_with_decomposed_accents():
    decomposed = "So\u0302\u0301 190-QĐ/TW"
    assert parse_document_number(decomposed) == DocumentNumber(190, "190", "QĐ", "TW")


def test_it_names_an_unknown_type():
    with pytest.raises(DocumentNumberError, match="type 'XX'") as caught:
        parse_document_number("12-XX/TU")
    assert caught.value.part == "type"


def test_it_suggests_the_right_case_for_a_type():
    with pytest.raises(DocumentNumberError, match="did you mean 'TTr'"):
        parse_document_number("05-TTR/HU")


def test_it_names_an_unknown_issuer():
    with pytest.raises(DocumentNumberError, match="issuer 'XYZ'") as caught:
        parse_document_number("12-KH/XYZ")
    assert caught.value.part == "issuer"


def test_it_accepts_types_and_issuers_supplied_by_users():
    parsed = parse_document_number(
        "04-NQ/ĐUCA", types=DEFAULT_TYPES, issuers=DEFAULT_ISSUERS | {"ĐUCA"}
    )
    assert parsed.issuer == "ĐUCA"


@pytest.mark.parametrize(
    ("text", "part", "words"),
    [
        ("", "format", "empty"),
        ("93 KH/TU", "format", "spaces"),
        ("93-KH-TU", "format", "'/'"),
        ("93KH/TU", "format", "'-'"),
        ("ab-KH/TU", "number", "digits"),
        ("٩٣-KH/TU", "number", "digits"),
        ("00-KH/TU", "number", "1 or more"),
    ],
)
def test_it_names_the_bad_part_of_a_malformed_number(text, part, words):
    with pytest.raises(DocumentNumberError, match=words) as caught:
        parse_document_number(text)
    assert caught.value.part == part


def test_it_is_a_value_error():
    with pytest.raises(ValueError):
        parse_document_number("nonsense")


def test_it_formats_a_number_with_two_digits_by_default():
    assert format_document_number(9, "HD", "BTCĐUK") == "09-HD/BTCĐUK"
    assert format_document_number(187, "KH", "TU") == "187-KH/TU"


def test_it_refuses_to_format_number_zero():
    with pytest.raises(ValueError):
        format_document_number(0, "KH", "TU")


@given(
    st.integers(1, 9999),
    st.integers(1, 4),
    st.sampled_from(sorted(DEFAULT_TYPES)),
    st.sampled_from(sorted(DEFAULT_ISSUERS)),
)
def test_it_parses_back_what_it_formats(number, width, doc_type, issuer):
    text = format_document_number(number, doc_type, issuer, width)
    parsed = parse_document_number(text)
    assert (parsed.number, parsed.doc_type, parsed.issuer) == (number, doc_type, issuer)
    assert str(parsed) == text
