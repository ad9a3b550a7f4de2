import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.lib.names import ballot_sort_key, normalise_name, sort_ballot_order, split_name


def test_it_splits_family_middle_and_given_names():
    assert split_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")


def test_it_splits_a_two_word_name_without_a_middle_name():
    assert split_name("Đỗ Minh") == ("Đỗ", "", "Minh")


def test_it_treats_a_single_word_as_the_given_name():
    assert split_name("Minh") == ("", "", "Minh")


def test_it_refuses_an_empty_name():
    with pytest.raises(ValueError):
        split_name("   ")


def test_it_collapses_whitespace_and_composes_accents():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn\tVăn   An ")
    assert normalise_name(decomposed) == "Nguyễn Văn An"


def test_it_gives_the_same_key_to_composed_and_decomposed_spellings():
    name = "Trần Thị Ánh"
    assert ballot_sort_key(unicodedata.normalize("NFD", name)) == ballot_sort_key(name)


def test_it_orders_by_given_name_before_family_name():
    names = ["Lê Văn Ăn", "Trần Thị Ánh", "Nguyễn Văn An"]
    assert sort_ballot_order(names) == ["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Ăn"]


def test_it_puts_a_before_a_breve_before_a_circumflex_before_b():
    names = ["Hồ Bá Bình", "Vũ Thị Ân", "Lê Văn Ăn", "Phạm Văn Anh", "Nguyễn Văn An"]
    assert sort_ballot_order(names) == [
        "Nguyễn Văn An",
        "Phạm Văn Anh",
        "Lê Văn Ăn",
        "Vũ Thị Ân",
        "Hồ Bá Bình",
    ]


def test_it_puts_given_names_in_d_stroke_after_every_given_name_in_d():
    names = [
        "Nguyễn Thị Đào",
        "Phạm Văn Dũng",
        "Trần Văn Dương",
        "Lê Minh Đức",
        "Hoàng Thị Duyên",
        "Vũ Văn Giang",
        "Bùi Thị Dung",
    ]
    assert sort_ballot_order(names) == [
        "Bùi Thị Dung",
        "Phạm Văn Dũng",
        "Hoàng Thị Duyên",
        "Trần Văn Dương",
        "Nguyễn Thị Đào",
        "Lê Minh Đức",
        "Vũ Văn Giang",
    ]


def test_it_compares_tones_only_after_all_letters():
    # "Mai" differs from "Ma" by a letter, so every tone of "Ma" comes first.
    names = ["Mai", "Mạ", "Mã", "Mả", "Má", "Mà", "Ma"]
    assert sort_ballot_order(names) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ", "Mai"]


def test_it_puts_the_shorter_syllable_first_whatever_its_tone():
    assert sort_ballot_order(["Lê Văn Ông", "Lê Văn Ổn"]) == ["Lê Văn Ổn", "Lê Văn Ông"]


def test_it_puts_o_before_o_circumflex_before_o_horn():
    names = ["Trần Văn Ơn", "Lê Văn Ông", "Lê Thị Oanh"]
    assert sort_ballot_order(names) == ["Lê Thị Oanh", "Lê Văn Ông", "Trần Văn Ơn"]


def test_it_puts_u_before_u_horn():
    names = ["Nguyễn Thị Thư", "Vũ Thị Thương", "Lê Thị Thủy", "Hà Thị Thu"]
    assert sort_ballot_order(names) == [
        "Hà Thị Thu",
        "Lê Thị Thủy",
        "Nguyễn Thị Thư",
        "Vũ Thị Thương",
    ]


def test_it_breaks_equal_given_names_by_the_middle_name():
    names = ["Trần Văn Minh", "Nguyễn Đức Minh", "Lê Anh Minh"]
    assert sort_ballot_order(names) == ["Lê Anh Minh", "Nguyễn Đức Minh", "Trần Văn Minh"]


def test_it_breaks_equal_given_and_middle_names_by_the_family_name():
    names = ["Trần Thị Hoa", "Đặng Thị Hoa", "Bùi Thị Hoa", "Dương Thị Hoa"]
    assert sort_ballot_order(names) == [
        "Bùi Thị Hoa",
        "Dương Thị Hoa",
        "Đặng Thị Hoa",
        "Trần Thị Hoa",
    ]


def test_it_puts_a_missing_or_shorter_middle_name_first():
    names = ["Nguyễn Thị Minh Khai", "Nguyễn Thị Khai", "Nguyễn Khai"]
    assert sort_ballot_order(names) == ["Nguyễn Khai", "Nguyễn Thị Khai", "Nguyễn Thị Minh Khai"]


def test_it_returns_names_normalised():
    assert sort_ballot_order(["  Trần   Thị Ánh "]) == ["Trần Thị Ánh"]


_SYLLABLES = [
    "An", "Ánh", "Ăn", "Ân", "Bình", "Dung", "Dũng", "Đào", "Đức", "Em", "Ê",
    "Hà", "Hai", "Hải", "Minh", "Ông", "Ơn", "Thu", "Thư", "Văn", "Thị", "Nguyễn", "Lê",
]  # fmt: skip
_NAMES = st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=4).map(" ".join)


@given(st.lists(_NAMES, max_size=12), st.randoms(use_true_random=False))
def test_it_gives_the_same_order_whatever_order_names_arrive_in(names, rng):
    shuffled = list(names)
    rng.shuffle(shuffled)
    assert sort_ballot_order(shuffled) == sort_ballot_order(names)


@given(st.lists(_NAMES, max_size=12))
def test_it_returns_every_name_once_in_nondecreasing_key_order(names):
    ordered = sort_ballot_order(names)
    assert sorted(ordered) == sorted(names)
    keys = [ballot_sort_key(n) for n in ordered]
    assert keys == sorted(keys)
