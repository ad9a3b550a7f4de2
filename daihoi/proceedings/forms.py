"""One form per write of the congress's day; each keeps what was typed and marks what is wrong."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.core.errors import ActionRefused
from daihoi.proceedings.models import ItemKind, ItemState, SessionKind, VoteRule
from daihoi.proceedings.programme import DEFAULT_RULE

AUTO = "auto"
# Which page a vote form sends its user back to: it is offered on both.
PRESIDIUM, ITEM = "presidium", "item"


class DayForm(forms.Form):
    """A form of the day's pages: refusals go next to the field they are about."""

    # A refusal's code -> the field it is about; other refusals stand above the form.
    code_fields: ClassVar[dict[str, str]] = {}
    # Set when an action refused what the form let through (409, not 400).
    refused = False

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_invalid()

    def refuse(self, exc: ActionRefused) -> None:
        """Show an action's refusal on the form, each reason next to its field."""
        self.refused = True
        for reason, code in zip_longest(exc.reasons, exc.codes):
            if reason is not None:
                self.add_error(self.code_fields.get(code or ""), reason)
        self.mark_invalid()

    def mark_invalid(self) -> None:
        """Mark each field in error for assistive technology; the first one takes the focus."""
        first = True
        for name in self.errors:
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget.attrs["aria-invalid"] = "true"
            # The id of the error shown next to it (templates/proceedings/_field.html).
            field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
            if first:
                field.widget.attrs["autofocus"] = True
                first = False


class ConfirmForm(DayForm):
    """Nothing to fill in: posting it is the step (create the default programme, remove)."""


class CountField(forms.IntegerField):
    """A number of raised hands, refused with what was typed and in which box."""

    def __init__(self, label: Any) -> None:
        super().__init__(
            label=label,
            min_value=0,
            # The column's ceiling (a PositiveIntegerField); the action checks the count
            # against the delegates present.
            max_value=2_147_483_647,
            error_messages={"min_value": gettext_lazy("Số biểu quyết không được âm.")},
            widget=forms.NumberInput(attrs={"min": 0}),
        )

    def to_python(self, value: Any) -> int | None:
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        if not text.lstrip("-").isdigit():
            raise ValidationError(
                _("Ô «%(field)s»: «%(value)s» không phải số nguyên.")
                % {"field": self.label, "value": text},
                code="invalid",
            )
        return int(text)


def _back() -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[(PRESIDIUM, PRESIDIUM), (ITEM, ITEM)],
        required=False,
        widget=forms.HiddenInput,
    )


class AddItemForm(DayForm):
    code_fields = {
        "unknown_session": "session",
        "unknown_kind": "kind",
        "unknown_vote_rule": "vote_rule",
        "title_missing": "title",
        "title_too_long": "title",
    }
    session = forms.ChoiceField(
        label=gettext_lazy("Phiên"), choices=SessionKind.choices, initial=SessionKind.OFFICIAL
    )
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=ItemKind.choices)
    title = forms.CharField(label=gettext_lazy("Nội dung"), max_length=300)
    vote_rule = forms.ChoiceField(
        label=gettext_lazy("Biểu quyết"),
        choices=[
            (AUTO, gettext_lazy("Theo loại mục")),
            ("", gettext_lazy("Không biểu quyết")),
            *VoteRule.choices,
        ],
        required=False,
        initial=AUTO,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("vote_rule") == AUTO:
            data["vote_rule"] = DEFAULT_RULE.get(data.get("kind", ""), "")
        return data


class ItemStateForm(DayForm):
    state = forms.ChoiceField(choices=ItemState.choices)


class MoveForm(DayForm):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

    @property
    def step(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


class EditItemForm(DayForm):
    code_fields = {
        "title_missing": "title",
        "title_too_long": "title",
        "unknown_vote_rule": "vote_rule",
    }
    title = forms.CharField(label=gettext_lazy("Nội dung"), max_length=300)
    vote_rule = forms.ChoiceField(
        label=gettext_lazy("Biểu quyết"),
        choices=[("", gettext_lazy("Không biểu quyết")), *VoteRule.choices],
        required=False,
    )


class VoteForm(DayForm):
    motion = forms.CharField(
        label=gettext_lazy("Nội dung biểu quyết"), max_length=300, required=False
    )
    agree = CountField(gettext_lazy("Tán thành"))
    disagree = CountField(gettext_lazy("Không tán thành"))
    abstain = CountField(gettext_lazy("Không biểu quyết"))
    back = _back()

    @property
    def counts(self) -> dict[str, int]:
        return {k: self.cleaned_data[k] for k in ("agree", "disagree", "abstain")}


class CorrectVoteForm(VoteForm):
    code_fields = {"reason_missing": "reason"}
    motion = None  # type: ignore[assignment]  # the motion stays as voted on
    reason = forms.CharField(label=gettext_lazy("Lý do sửa"), max_length=300)


class SpeakerForm(DayForm):
    code_fields = {
        "title_missing": "full_name",
        "title_too_long": "full_name",
        "name_too_long": "full_name",
    }
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    unit = forms.CharField(label=gettext_lazy("Đơn vị"), max_length=200, required=False)
    topic = forms.CharField(
        label=gettext_lazy("Nội dung phát biểu"), max_length=300, required=False
    )


class SpokenForm(DayForm):
    spoken = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda value: value == "yes"
    )
