"""The events people are told about, and how each reads in the inbox and in a mail.

A notification stores its kind and a few plain parameters (names of units, a reason),
not a finished sentence: the sentence is made when it is shown, in the reader's
language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    APPROVAL_ASKED = "approval_asked", _("Cấp dưới xin duyệt")
    APPROVAL_GIVEN = "approval_given", _("Cấp trên đã duyệt")
    APPROVAL_RETURNED = "approval_returned", _("Cấp trên trả lại")
    COMPLAINT = "complaint", _("Đơn khiếu nại, tố cáo về nhân sự")
    ROUND_OPENED = "round_opened", _("Dự thảo gửi xin ý kiến")
    DEADLINE_SOON = "deadline_soon", _("Sắp đến hạn")
    RESULTS_ANNOUNCED = "results_announced", _("Công bố kết quả bầu cử")


# %(unit)s is the unit the event is about; the other names are the event's own.
SENTENCES: Mapping[str, Any] = {
    Event.APPROVAL_ASKED: _("%(unit)s xin duyệt %(what)s."),
    Event.APPROVAL_GIVEN: _("Cấp trên đã duyệt %(what)s của %(unit)s."),
    Event.APPROVAL_RETURNED: _("Cấp trên trả lại %(what)s của %(unit)s: %(reason)s"),
    Event.COMPLAINT: _("Có đơn về một người trong danh sách nhân sự của %(unit)s."),
    Event.ROUND_OPENED: _("%(unit)s gửi dự thảo «%(what)s» xin ý kiến đến hết ngày %(until)s."),
    Event.DEADLINE_SOON: _("Sắp đến hạn: %(what)s của %(unit)s, ngày %(until)s."),
    Event.RESULTS_ANNOUNCED: _("%(unit)s đã công bố kết quả %(what)s: %(title)s."),
}


# What an event is about, stored as a code and named in the reader's language; the apps
# add their own kinds (drafts: its document kinds) when they start.
WHAT: dict[str, Any] = {
    "documents": _("văn kiện"),
    "personnel": _("phương án nhân sự"),
    "election": _("bầu cử"),
    "comments": _("góp ý dự thảo"),
}


class Safe(dict[str, Any]):
    """Parameters for a sentence: a name the sentence asks for but the event lacks reads «…»."""

    def __missing__(self, key: str) -> str:
        return "…"


def sentence(kind: str, params: Mapping[str, Any]) -> str:
    """The notification as a sentence in the current language."""
    template = SENTENCES.get(kind)
    if template is None:
        return str(Event(kind).label) if kind in Event.values else kind
    values = Safe(params)
    if params.get("what") in WHAT:
        values["what"] = str(WHAT[params["what"]])
    return str(template) % values
