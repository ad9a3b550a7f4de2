"""Forms of the election pages, and the counting desk's keying syntax.

A keyed line is the ballot's serial, then the numbers of the lines crossed out
(or ticked "không đồng ý"), separated by spaces: `17 3 5`. On a no-surplus
ballot a line ticked in both boxes or in neither is written `x5`. An invalid
paper adds a reason key: `k` not issued (no stamp), `v` a name written in,
`d` a private mark. A board's ruling is the same without the serial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.db.limits import TEXT_MAX_LENGTH, number_limits, text_limits
from daihoi.elections import board_pool
from daihoi.elections.models import (
    BallotEntry,
    BoardMember,
    BoardRole,
    Candidate,
    Election,
    ElectionKind,
    ElectionState,
)
from daihoi.orgs.names import name_messages

# Reason keys of the desk, and the flag of lib/tallyfiles each stands for.
FLAG_OF_KEY = {"k": "not_issued", "v": "written_in", "d": "marked"}
KEY_OF_FLAG = {flag: key for key, flag in FLAG_OF_KEY.items()}
FLAG_LABELS = {
    "not_issued": gettext_lazy("không do ban kiểm phiếu phát ra (không có dấu)"),
    "written_in": gettext_lazy("ghi thêm tên"),
    "marked": gettext_lazy("có dấu hiệu riêng"),
}
_VOID = re.compile(r"^x(\d+)$")
NAME_MAX: int = Candidate._meta.get_field("full_name").max_length or 150
SERIAL_MAX = number_limits(BallotEntry, "serial")["max_value"]


@dataclass(frozen=True)
class Reading:
    """What a typist read off one paper."""

    serial: int
    crossed: tuple[int, ...] = ()
    void_lines: tuple[int, ...] = ()
    flags: tuple[str, ...] = ()


class KeyingError(ValueError):
    """A keyed line that cannot be read; `messages` say why, in Vietnamese."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def _tokens(text: str) -> list[str]:
    # Commas, semicolons and plus signs are accepted as separators: numeric keypads have "+".
    return re.split(r"[\s,;+]+", text.strip().lower()) if text.strip() else []


def _reading(tokens: list[str], serial: int, candidates: int) -> Reading:
    crossed: list[int] = []
    void: list[int] = []
    flags: list[str] = []
    problems: list[str] = []
    if serial > SERIAL_MAX:
        # Beyond any column: refused here, before a lookup the database cannot run.
        raise KeyingError(
            [_("Phiếu số %(serial)s nằm ngoài các số có thể in trên phiếu.") % {"serial": serial}]
        )
    for token in tokens:
        void_match = _VOID.match(token)
        if token in FLAG_OF_KEY:
            if FLAG_OF_KEY[token] not in flags:
                flags.append(FLAG_OF_KEY[token])
            continue
        if token.isascii() and token.isdigit():
            target, line = crossed, int(token)
        elif void_match:
            target, line = void, int(void_match.group(1))
        else:
            problems.append(
                _(
                    "Không hiểu «%(token)s»: chỉ gõ số dòng, x + số dòng (dòng không hợp lệ), "
                    "k, v hoặc d."
                )
                % {"token": token}
            )
            continue
        if not 1 <= line <= candidates:
            problems.append(
                _("Không có dòng số %(line)s: danh sách có %(n)s người.")
                % {"line": line, "n": candidates}
            )
        elif line in crossed or line in void:
            problems.append(_("Dòng số %(line)s được gõ hai lần.") % {"line": line})
        else:
            target.append(line)
    if problems:
        raise KeyingError(problems)
    return Reading(serial, tuple(sorted(crossed)), tuple(sorted(void)), tuple(sorted(flags)))


def parse_keyed_line(text: str, candidates: int) -> Reading:
    """Read a desk line: the serial, then the crossed-out lines, void lines and reason keys."""
    tokens = _tokens(text)
    if not tokens:
        raise KeyingError([_("Chưa gõ gì: gõ số phiếu rồi các số dòng bị gạch.")])
    first = tokens[0]
    if not (first.isascii() and first.isdigit()) or int(first) < 1:
        raise KeyingError(
            [
                _("Đầu dòng phải là số phiếu (số in trên phiếu), nhận «%(token)s».")
                % {"token": first}
            ]
        )
    return _reading(tokens[1:], int(first), candidates)


def parse_ruling(serial: int, text: str, candidates: int) -> Reading:
    """Read the board's reading of one paper: the desk syntax without the serial."""
    return _reading(_tokens(text), serial, candidates)


def reading_text(crossed: Any, void_lines: Any, flags: Any) -> str:
    """Write a reading back in the desk syntax, as the typist would key it."""
    parts = [str(n) for n in sorted(crossed)]
    parts += [f"x{n}" for n in sorted(void_lines)]
    parts += [KEY_OF_FLAG.get(f, f) for f in sorted(flags)]
    return " ".join(parts)


class ElectionCreateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Bầu"), choices=ElectionKind.choices)
    seats = forms.IntegerField(
        label=gettext_lazy("Số lượng được bầu"), **number_limits(Election, "seats", min_value=1)
    )
    title = forms.CharField(
        label=gettext_lazy("Tên cuộc bầu cử"),
        required=False,
        **text_limits(Election, "title"),
        help_text=gettext_lazy("Để trống: dùng tên của loại bầu cử."),
    )
    teams = forms.TypedChoiceField(
        label=gettext_lazy("Số tổ nhập phiếu độc lập"),
        choices=[(2, "2"), (3, "3")],
        coerce=int,
        initial=2,
    )


class CandidatesForm(forms.Form):
    names = forms.CharField(
        label=gettext_lazy("Danh sách bầu cử (mỗi dòng một người)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Thứ tự trên phiếu được xếp theo tên, theo vần tiếng Việt."),
        # Room for several hundred names; each line is held to the name column's limit below.
        max_length=TEXT_MAX_LENGTH,
    )

    def clean_names(self) -> str:
        text: str = self.cleaned_data["names"]
        field = _("Họ và tên")
        errors = [m for line in text.splitlines() for m in name_messages(line, field=field)[1]]
        errors += [
            _("Họ và tên «%(name)s…» dài quá %(n)s ký tự.")
            % {"name": line.strip()[:40], "n": NAME_MAX}
            for line in text.splitlines()
            if len(line.strip()) > NAME_MAX
        ]
        if errors:
            raise forms.ValidationError(errors)
        return text

    def full_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]


class PersonChoiceField(forms.TypedChoiceField):
    """A person of the board's pool, chosen by name; the id is checked by the action
    (who may sit on the board is its rule, so a forged id is refused there, by code)."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit() and len(str(value)) <= 18


class BoardMemberForm(forms.Form):
    person = PersonChoiceField(
        label=gettext_lazy("Người được chọn"),
        coerce=int,
        help_text=gettext_lazy(
            "Đại biểu chính thức của đại hội không có tên trong danh sách bầu cử, "
            "hoặc nhân viên kỹ thuật."
        ),
    )
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"), choices=BoardRole.choices)
    team = forms.IntegerField(
        label=gettext_lazy("Tổ nhập phiếu"),
        required=False,
        help_text=gettext_lazy("Để trống với thành viên không nhập phiếu."),
        **number_limits(BoardMember, "team", min_value=1, max_value=3),
    )
    may_rule = forms.BooleanField(
        label=gettext_lazy("Được quyết định phiếu chênh lệch"),
        required=False,
        help_text=gettext_lazy("Trưởng ban luôn được quyết định; tổ viên nhập phiếu thì không."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do thay đổi (bắt buộc khi đang kiểm phiếu)"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, election: Election | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if election is not None:
            # Evaluated when the form is drawn, not on every page that builds it.
            person = cast(PersonChoiceField, self.fields["person"])
            person.choices = lambda: _pool_choices(election)


def _pool_choices(election: Election) -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(u.pk), f"{u.display_name} ({board_pool.kind_label(u, election)})")
        for u in board_pool.pool(election)
    ]


class VoidEntryForm(forms.Form):
    serial = forms.IntegerField(label=gettext_lazy("Phiếu số"), min_value=1, max_value=100_000)
    team = forms.IntegerField(
        label=gettext_lazy("Tổ"),
        min_value=0,
        max_value=3,
        help_text=gettext_lazy("Tổ có lượt nhập cần hủy; 0 là quyết định của ban."),
    )
    reason = forms.CharField(label=gettext_lazy("Lý do hủy"), max_length=300)


class BaseForm(forms.Form):
    base = forms.IntegerField(
        label=gettext_lazy("Cơ sở tính kết quả bầu cử"),
        **number_limits(Election, "base", min_value=1),
    )


class BallotCountsForm(forms.Form):
    issued = forms.IntegerField(
        label=gettext_lazy("Số phiếu phát ra"),
        required=False,
        **number_limits(Election, "ballots_issued"),
    )
    collected = forms.IntegerField(
        label=gettext_lazy("Số phiếu thu vào"),
        required=False,
        **number_limits(Election, "ballots_collected"),
    )


class TransitionForm(forms.Form):
    # The step the page offered: a second click, or a page left open while someone
    # else moved the election on, is refused instead of taking one more step.
    target = forms.ChoiceField(choices=ElectionState.choices, required=False)


class NextRoundForm(forms.Form):
    names = forms.CharField(
        label=gettext_lazy("Danh sách bầu tiếp đại hội thông qua (mỗi dòng một người)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_MAX_LENGTH,
    )

    def full_names(self) -> list[str] | None:
        listed = [n.strip() for n in self.cleaned_data["names"].splitlines() if n.strip()]
        return listed or None


# More than any congress seats: a count beyond it is a typing slip, refused at its field.
DELEGATES_MAX = 100_000


class FloorNominationForm(forms.Form):
    # The name's letters are checked by the action, naming the field; its length here.
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=TEXT_MAX_LENGTH)
    agree = forms.IntegerField(
        label=gettext_lazy("Số đại biểu đồng ý"), min_value=0, max_value=DELEGATES_MAX
    )
    present = forms.IntegerField(
        label=gettext_lazy("Số đại biểu có mặt"), min_value=0, max_value=DELEGATES_MAX
    )

    def clean_full_name(self) -> str:
        name: str = self.cleaned_data["full_name"]
        if len(name.strip()) > NAME_MAX:
            raise forms.ValidationError(
                _("%(field)s dài quá %(n)s ký tự (nhận %(got)s ký tự).")
                % {"field": _("Họ và tên"), "n": NAME_MAX, "got": len(name.strip())}
            )
        return name


class _Ticked(forms.CheckboxInput):
    """A desk's box counts as ticked only as a browser or desk.js sends it: 1, on or true."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool:
        return data.get(name) in ("1", "on", "true")


class KeyForm(forms.Form):
    """One line of the desk: the paper's serial and what is crossed out, keyed as typed."""

    line = forms.CharField(required=False, max_length=TEXT_MAX_LENGTH, strip=False)
    # "0", "" or "no" is not a correction: a rekey must be meant.
    correction = forms.BooleanField(required=False, widget=_Ticked)
    unreadable = forms.BooleanField(required=False, widget=_Ticked)
    key = forms.CharField(required=False, max_length=200)


class RulingForm(forms.Form):
    """The board's reading of one disputed paper, in the desk syntax without the serial."""

    serial = forms.IntegerField(
        label=gettext_lazy("Phiếu số"),
        min_value=1,
        max_value=SERIAL_MAX,
        error_messages={
            "max_value": gettext_lazy("Phiếu số %(value)s nằm ngoài các số có thể in trên phiếu.")
        },
    )
    line = forms.CharField(required=False, max_length=TEXT_MAX_LENGTH, strip=False)
    key = forms.CharField(required=False, max_length=200)


def form_errors(form: forms.Form) -> list[str]:
    """Flatten a form's errors into sentences naming the field."""
    out: list[str] = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        out.extend(f"{label}: {e}" if label else str(e) for e in errors)
    return out
