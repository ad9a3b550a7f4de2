"""One form per write of the drafts pages: what was typed comes back with its errors beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.core import uploads
from daihoi.core.dates import DayField
from daihoi.core.errors import ActionRefused
from daihoi.core.tables import Table, TableError, read_table
from daihoi.db.limits import TEXT_MAX_LENGTH, key_ids
from daihoi.drafts.actions.documents import DEFAULT_OWNER
from daihoi.drafts.comment_import import CommentImportRejected
from daihoi.drafts.models import Comment, DocKind, DraftDocument, Handling, Round, SourceGroup
from daihoi.drafts.upload import read_docx_upload, read_upload
from daihoi.lib.paragraphs import Numbered, key_label, parse_text
from daihoi.orgs import scope, tree

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.orgs.models import Organisation

# How many rows of a rejected import the page lists before "and N more".
LISTED_IMPORT_ERRORS = 200


class DraftsForm(forms.Form):
    """Ids of its own on the page (several forms share field names), the first error focused."""

    id_prefix: ClassVar[str] = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                break


DRAFT_MAX_LENGTH = 1_000_000


class IdsField(forms.Field):
    """The ticked comments: ids within the key's range (a larger one names no row)."""

    widget = forms.MultipleHiddenInput
    default_error_messages: ClassVar[dict[str, Any]] = {  # type: ignore[misc]
        "required": gettext_lazy("Hãy chọn ít nhất một ý kiến.")
    }

    def to_python(self, value: Any) -> list[int]:
        return key_ids(str(v) for v in value or [])


# --- documents and rounds ------------------------------------------------------------------


class DocumentForm(DraftsForm):
    id_prefix = "new-document"
    kind = forms.ChoiceField(label=gettext_lazy("Loại văn kiện"), choices=DocKind.choices)
    title = forms.CharField(
        label=gettext_lazy("Tên văn kiện (để trống: theo loại)"),
        required=False,
        max_length=DraftDocument._meta.get_field("title").max_length,
    )
    owner = forms.CharField(
        label=gettext_lazy("Tiểu ban chủ trì"),
        required=False,
        initial=DEFAULT_OWNER,
        max_length=DraftDocument._meta.get_field("owner").max_length,
    )
    deadline = DayField(label=gettext_lazy("Hạn hoàn thành (dd/mm/yyyy)"), required=False)


class UploadForm(DraftsForm):
    """A Word file, read into numbered paragraphs while the form is checked."""

    id_prefix = "upload"
    # An empty file is read too: the reader names it in its own words («… trống»).
    file = forms.FileField(
        label=gettext_lazy("Tệp"),
        allow_empty_file=True,
        error_messages={"required": gettext_lazy("Hãy chọn tệp Word (.docx) của dự thảo.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), required=False, max_length=TEXT_MAX_LENGTH
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        try:
            data = read_upload(upload)
            self.cleaned_data["numbered"] = read_docx_upload(name, data)
        except ActionRefused as exc:
            raise ValidationError(exc.reasons, code=(exc.codes or ["invalid"])[0]) from exc
        self.cleaned_data["data"] = data
        self.cleaned_data["file_name"] = name
        return upload


class TextForm(DraftsForm):
    """A round typed in the app: '# ' opens a part, each line a paragraph."""

    id_prefix = "edit"
    text = forms.CharField(
        label=gettext_lazy("Nội dung"),
        strip=False,
        # A whole draft, not a note: a 300-page report is about 600,000 characters.
        max_length=DRAFT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 30, "style": "width:100%"}),
        error_messages={"required": gettext_lazy("Dự thảo không có nội dung.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), required=False, max_length=TEXT_MAX_LENGTH
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        numbered = parse_text(text)
        if not numbered:
            raise ValidationError(_("Dự thảo không có nội dung."), code="empty_draft")
        self.cleaned_data["numbered"] = numbered
        return text

    @property
    def numbered(self) -> list[Numbered]:
        return list(self.cleaned_data["numbered"])


class CirculateForm(DraftsForm):
    """The groups and units a round goes to, and the deadline for their comments."""

    id_prefix = "circulate"
    groups = forms.MultipleChoiceField(
        choices=SourceGroup.choices,
        required=False,
        initial=[g.value for g in SourceGroup if g != SourceGroup.OTHER],
    )
    all_units = forms.BooleanField(required=False)
    units = forms.CharField(
        label=gettext_lazy("hoặc mã các đơn vị (cách nhau bằng dấu phẩy)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
    )
    deadline = DayField(label=gettext_lazy("Hạn góp ý (dd/mm/yyyy)"), required=False)

    def __init__(self, *args: Any, org: Organisation, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.org = org
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("all_units"):
            cleaned["unit_list"] = list(tree.children(self.org))
            return cleaned
        codes = [c.strip() for c in cleaned.get("units", "").split(",") if c.strip()]
        found = {
            o.code: o
            for o in scope.visible_orgs(self.user).filter(
                structure_id=self.org.structure_id, code__in=codes
            )
        }
        unknown = [c for c in codes if c not in found]
        if unknown:
            self.add_error(
                "units", _("Không tìm thấy đơn vị mã: %(c)s.") % {"c": ", ".join(unknown)}
            )
        cleaned["unit_list"] = list(found.values())
        return cleaned


class CloseRoundForm(DraftsForm):
    """Closing a round takes no field: the page asks first (data-confirm)."""

    id_prefix = "close-round"


# --- comments ------------------------------------------------------------------------------


class CommentForm(DraftsForm):
    """One comment, on a paragraph of the round or general; a unit's has no group to pick."""

    id_prefix = "add-comment"
    paragraph = forms.ChoiceField(label=gettext_lazy("Đoạn"), required=False)
    source_group = forms.ChoiceField(
        label=gettext_lazy("Nhóm góp ý"), choices=SourceGroup.choices, initial=SourceGroup.MEMBERS
    )
    source_name = forms.CharField(
        label=gettext_lazy("Người, nơi góp ý"),
        required=False,
        max_length=Comment._meta.get_field("source_name").max_length,
    )
    received_on = DayField(
        label=gettext_lazy("Ngày góp ý (dd/mm/yyyy)"),
        error_messages={"required": gettext_lazy("Thiếu ngày góp ý.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Nội dung"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Nội dung góp ý đang trống.")},
    )

    def __init__(self, *args: Any, round_: Round, with_group: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate().strftime("%d/%m/%Y")})
        super().__init__(*args, **kwargs)
        paragraph = self.fields["paragraph"]
        assert isinstance(paragraph, forms.ChoiceField)  # noqa: S101 - declared above
        paragraph.choices = [("", _("Ý kiến chung"))] + [
            (b.key, f"{key_label(b.key)} — {b.text[:80]}") for b in round_.numbered()
        ]
        if not with_group:
            del self.fields["source_group"]


class CommentImportForm(DraftsForm):
    """A table of comments, read while the form is checked; its rows are checked by the action."""

    id_prefix = "import-comments"
    file = forms.FileField(
        allow_empty_file=True,
        error_messages={"required": gettext_lazy("Hãy chọn tệp Excel (.xlsx) hoặc CSV.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["table"] = read_table(upload.name or "", uploads.read_upload(upload))
        except TableError as exc:
            raise ValidationError(_listed(exc.errors)) from exc
        self.cleaned_data["file_name"] = upload.name or ""
        return upload

    @property
    def table(self) -> Table:
        table: Table = self.cleaned_data["table"]
        return table

    def reject(self, exc: CommentImportRejected) -> None:
        """Name every bad cell of a rejected file beside the file field."""
        self.add_error("file", _listed(exc.errors))


def _listed(errors: list[Any]) -> list[str]:
    shown = [str(e) for e in errors[:LISTED_IMPORT_ERRORS]]
    if len(errors) > LISTED_IMPORT_ERRORS:
        shown.append(_("… và %(n)s lỗi khác.") % {"n": len(errors) - LISTED_IMPORT_ERRORS})
    return shown


# --- handling and groups -------------------------------------------------------------------


class GroupHandleForm(DraftsForm):
    """The handling of comments: accepted (wholly or in part) or explained, and where."""

    id_prefix = "handle"
    handling = forms.ChoiceField(
        choices=Handling.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Hãy chọn tiếp thu, tiếp thu một phần hoặc giải trình.")
        },
    )
    response = forms.CharField(
        label=gettext_lazy("Nội dung tiếp thu, giải trình"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    applied_in = forms.TypedChoiceField(
        label=gettext_lazy("Đưa vào dự thảo"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.later = {
            r.number: r
            for r in round_.document.rounds.filter(number__gt=round_.number).order_by("number")
        }
        applied_in = self.fields["applied_in"]
        assert isinstance(applied_in, forms.ChoiceField)  # noqa: S101 - declared above
        applied_in.choices = [("", _("lần sau (chưa có)"))] + [
            (n, _("lần %(n)s") % {"n": n}) for n in self.later
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        explained = cleaned.get("handling") == Handling.EXPLAINED
        if explained and not cleaned.get("response", "").strip():
            self.add_error("response", _("Giải trình cần có nội dung trả lời."))
        return cleaned

    @property
    def applied_in_round(self) -> Round | None:
        number = self.cleaned_data.get("applied_in")
        return self.later.get(number) if number is not None else None


class Ticked:
    """The ids ticked in a posted list, to tick them again when the page comes back."""

    is_bound: bool
    data: Any

    @property
    def ticked(self) -> set[str]:
        return {str(i) for i in key_ids(self.data.getlist("ids"))} if self.is_bound else set()


class HandleForm(Ticked, GroupHandleForm):
    """The handling of the comments ticked in the list."""

    ids = IdsField()


class ProposeGroupsForm(DraftsForm):
    """Proposing groups takes no field: the machine compares the comments of each paragraph."""

    id_prefix = "propose"


class ConfirmGroupForm(DraftsForm):
    id_prefix = "confirm"
    summary = forms.CharField(
        label=gettext_lazy("Nội dung chung"), required=False, max_length=TEXT_MAX_LENGTH
    )


class SplitGroupForm(Ticked, DraftsForm):
    id_prefix = "split"
    ids = IdsField()


# --- the superior --------------------------------------------------------------------------


class ReviewForm(DraftsForm):
    id_prefix = "review"
    note = forms.CharField(
        label=gettext_lazy("Ý kiến của cấp trên"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Hãy ghi nội dung ý kiến của cấp trên.")},
    )


class ApproveForm(DraftsForm):
    id_prefix = "approve"
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), required=False, max_length=TEXT_MAX_LENGTH
    )
