"""Forms of the approval writes: submit, return or withdraw with a reason, approve several."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from daihoi.campaigns.forms import NOTE_MAX_LENGTH, MarkedForm
from daihoi.campaigns.models import ApprovalKind

REASON_MIN = 5
PAPER_MAX_LINES = 50


class SubmitForm(MarkedForm):
    """Send documents or the personnel plan up; documents kept on paper are named, one a line."""

    paper = forms.CharField(
        label=gettext_lazy(
            "Văn kiện bản giấy (mỗi dòng một văn kiện, nếu không soạn trên hệ thống)"
        ),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def paper_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["paper"].splitlines() if line.strip()]

    def clean_paper(self) -> str:
        text: str = self.cleaned_data["paper"]
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > PAPER_MAX_LINES:
            raise forms.ValidationError(
                gettext_lazy("Tối đa %(n)s dòng, mỗi dòng một văn kiện."),
                params={"n": PAPER_MAX_LINES},
            )
        return text


class ReasonForm(MarkedForm):
    """Return a request, or withdraw an approval: the reason is what the unit reads."""

    reason = forms.CharField(
        label=gettext_lazy("Lý do"),
        min_length=REASON_MIN,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Hãy ghi lý do; đơn vị cần biết phải sửa gì.")},
    )


class BulkApproveForm(MarkedForm):
    """Approve the chosen units of the page at once (all or nothing)."""

    kind = forms.ChoiceField(choices=ApprovalKind.choices, widget=forms.HiddenInput)
    units = forms.MultipleChoiceField(
        label=gettext_lazy("Đơn vị"),
        choices=[],
        error_messages={"required": gettext_lazy("Hãy chọn ít nhất một đơn vị để duyệt.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ý kiến (không bắt buộc)"), required=False, max_length=NOTE_MAX_LENGTH
    )

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the units below this one are choices: a code from elsewhere is a bad choice.
        self.fields["units"].choices = [(code, code) for code in codes]  # type: ignore[attr-defined]
