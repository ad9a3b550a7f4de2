"""Forms of the governing documents register."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from daihoi.campaigns.documents import (
    DocumentRefused,
    find_referable_document,
)
from daihoi.campaigns.models import DocumentType, GoverningDocument
from daihoi.core import uploads
from daihoi.core.dates import DayField
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation, Structure

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

_SEPARATORS = re.compile(r"[\n;,]+")
_SO = re.compile(r"^số\s*:?\s*", re.IGNORECASE)


def default_structure(user: User | AnonymousUser) -> str:
    """Return the structure whose organisation codes the user types."""
    root = scope.scope_root(user)
    if root is not None:
        return str(root.structure.code)
    latest = Structure.objects.order_by("-code").first()
    return latest.code if latest is not None else ""


def split_reference(entry: str) -> tuple[str, str]:
    """Split "Số 10-KH/ĐU 188" into the number and the optional organisation code."""
    parts = _SO.sub("", entry.strip(), count=1).split()
    if not parts:
        return "", ""
    return parts[0], " ".join(parts[1:])


class DocumentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Số hiệu hoặc trích yếu"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "35-CT/TW"}),
    )
    type = forms.ModelChoiceField(
        label=_("Loại văn bản"),
        queryset=DocumentType.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả các loại"),
    )


class RegisterDocumentForm(forms.Form):
    organisation = forms.CharField(
        label=_("Mã tổ chức ban hành"),
        max_length=40,
        help_text=_("Tổ chức của bạn hoặc một tổ chức cấp dưới, ví dụ 188."),
    )
    number_text = forms.CharField(
        label=_("Số hiệu"),
        max_length=40,
        help_text=_("Dạng số-loại/cơ quan, ví dụ 93-KH/TU hoặc Số 10-KH/ĐU."),
        widget=forms.TextInput(attrs={"placeholder": "93-KH/TU", "autocomplete": "off"}),
    )
    date = DayField(label=_("Ngày ban hành"))
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    implements = forms.CharField(
        label=_("Thực hiện văn bản số"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ 35-CT/TW. Chọn từ gợi ý hoặc gõ số hiệu."),
        widget=forms.TextInput(attrs={"list": "referable-documents", "autocomplete": "off"}),
    )
    implements_org = forms.CharField(
        label=_("Mã tổ chức ban hành văn bản đó"),
        max_length=40,
        required=False,
        help_text=_("Chỉ cần khi nhiều tổ chức có văn bản cùng số hiệu."),
    )
    amends = forms.CharField(
        label=_("Sửa đổi, bổ sung các văn bản"),
        required=False,
        max_length=2000,
        help_text=_(
            "Mỗi dòng một số hiệu; thêm mã tổ chức ban hành sau dấu cách nếu cần, "
            "ví dụ «10-KH/ĐU 188»."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    upload = forms.FileField(
        label=_("Tệp văn bản (PDF hoặc .docx, tối đa 20 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, user: User | AnonymousUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.structure = default_structure(user)
        self.issuing_org: Organisation | None = None
        self.implements_doc: GoverningDocument | None = None
        self.amends_docs: list[GoverningDocument] = []

    def clean_organisation(self) -> str:
        code = str(self.cleaned_data["organisation"]).strip()
        try:
            self.issuing_org = scope.get_org_for_user(self.user, self.structure, code, write=True)
        except Http404 as exc:
            raise forms.ValidationError(
                _("Không có tổ chức mã «%(code)s» trong phạm vi của bạn."), params={"code": code}
            ) from exc
        except PermissionDenied as exc:
            raise forms.ValidationError(
                _("Bạn không có quyền đăng ký văn bản cho tổ chức này.")
            ) from exc
        return code

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                uploads.check_size(upload.name or "", upload.size)
            except uploads.UploadRefused as exc:
                raise forms.ValidationError(exc.message) from exc
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        org = self.issuing_org
        if org is None:
            return data
        number = str(data.get("implements") or "").strip()
        if number:
            text, code = split_reference(number)
            try:
                self.implements_doc = find_referable_document(
                    self.user,
                    org,
                    text,
                    code or str(data.get("implements_org") or ""),
                    field="implements",
                )
            except DocumentRefused as exc:
                self.add_error("implements", exc.message_dict["implements"])
        for entry in _SEPARATORS.split(str(data.get("amends") or "")):
            text, code = split_reference(entry)
            if not text:
                continue
            try:
                self.amends_docs.append(
                    find_referable_document(self.user, org, text, code, field="amends")
                )
            except DocumentRefused as exc:
                self.add_error("amends", exc.message_dict["amends"])
        return data
