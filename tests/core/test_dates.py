"""The one date field: typed and shown as dd/mm/yyyy, a message naming what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from daihoi.core.dates import BadDay, DayField, parse_day

FEB_20 = dt.date(2020, 2, 20)


@pytest.mark.parametrize(
    "typed",
    [
        "20/02/2020",
        "20/2/2020",
        " 20/02/2020 ",
        "20.02.2020",
        "20-02-2020",
        "20 02 2020",
        "20022020",
        "2020-02-20",
    ],
)
def test_it_reads_a_day_as_people_write_it_and_as_a_phone_pad_types_it(typed: str) -> None:
    assert parse_day(typed) == FEB_20


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "invalid"),
        ("hôm qua", "invalid"),
        ("20/02/20", "invalid"),  # a two-digit year is never guessed
        ("2020/02/20", "invalid"),
        ("200220", "invalid"),
        ("20/02/2020" + " " * 15 + "x", "invalid"),
        ("31/02/2020", "no_such_day"),
        ("02/13/2020", "no_such_day"),  # month first is not read as 13 February
        ("00/01/2020", "no_such_day"),
        ("29/02/2019", "no_such_day"),
    ],
)
def test_it_refuses_what_is_not_a_day_saying_which_kind_of_wrong(typed: str, code: str) -> None:
    with pytest.raises(BadDay) as refused:
        parse_day(typed)
    assert refused.value.code == code


class Form(forms.Form):
    day = DayField(label="Ngày")
    other = DayField(label="Ngày khác", required=False)


def test_the_form_gives_a_date_and_shows_it_back_as_dd_mm_yyyy() -> None:
    form = Form({"day": "20022020"})
    assert form.is_valid()
    assert form.cleaned_data == {"day": FEB_20, "other": None}
    html = str(Form(initial={"day": FEB_20})["day"])
    assert 'value="20/02/2020"' in html
    assert 'type="text"' in html and 'inputmode="numeric"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'maxlength="20"' in html


@pytest.mark.parametrize(
    ("typed", "code"), [("31/02/2020", "no_such_day"), ("mai", "invalid"), ("x" * 50, "invalid")]
)
def test_a_bad_day_is_a_vietnamese_message_naming_the_value_and_kept_in_the_box(
    typed: str, code: str
) -> None:
    form = Form({"day": typed})
    assert not form.is_valid()
    assert form.errors.as_data()["day"][0].code == code
    message = form.errors["day"][0]
    assert f"«{typed[:40]}»" in message and "dd/mm/yyyy" in message
    assert f'value="{typed}"' in str(form["day"])


def test_an_empty_optional_day_is_no_day_and_a_required_one_is_refused() -> None:
    form = Form({"day": "", "other": "  "})
    assert not form.is_valid()
    assert form.errors.as_data()["day"][0].code == "required"
    assert "other" not in form.errors
