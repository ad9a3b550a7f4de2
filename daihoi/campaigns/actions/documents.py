"""Every change to the governing documents register: registering, and its catalogues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.campaigns.documents import (
    DocumentRefused,
    check_upload,
    parse_number,
    referable_documents,
)
from daihoi.campaigns.models import DocumentType, GoverningDocument, Issuer
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def _ref(document: GoverningDocument) -> str:
    return f"{document.code} [{document.organisation.code}]"


def document_snapshot(document: GoverningDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "code": document.code,
        "organisation": document.organisation.code,
        "date": document.date.isoformat(),
        "title": document.title,
        "implements": _ref(document.implements) if document.implements else None,
        "amends": sorted(
            _ref(d) for d in document.amends.select_related("doc_type", "issuer", "organisation")
        ),
        "file": document.file.name or "",
    }


@transaction.atomic(durable=True)
def do_register_document(
    *,
    organisation: Organisation,
    number_text: str,
    date: dt.date,
    title: str,
    implements: GoverningDocument | None = None,
    amends: Iterable[GoverningDocument] = (),
    upload: File[Any] | None = None,
    acting_user: User,
) -> GoverningDocument:
    """Register a document issued by `organisation`, with its links and file, audited."""
    if not scope.can_write(acting_user, organisation):
        raise PermissionDenied(_("Bạn không có quyền đăng ký văn bản cho tổ chức này."))
    parsed = parse_number(number_text)
    title = title.strip()
    if not title:
        raise DocumentRefused({"title": _("Cần nhập trích yếu của văn bản.")})
    doc_type = DocumentType.objects.get(code=parsed.doc_type)
    issuer = Issuer.objects.get(code=parsed.issuer)
    duplicate = GoverningDocument.objects.filter(
        organisation=organisation, doc_type=doc_type, issuer=issuer, number=parsed.number, date=date
    ).exists()
    if duplicate:
        raise DocumentRefused(
            {
                "number_text": _(
                    "%(org)s đã có văn bản %(code)s ngày %(date)s trong sổ; không đăng ký lại."
                )
                % {"org": organisation.name, "code": str(parsed), "date": f"{date:%d/%m/%Y}"}
            }
        )
    amended = list(dict.fromkeys(amends))
    referable = referable_documents(acting_user, organisation)
    if implements is not None and not referable.filter(pk=implements.pk).exists():
        raise DocumentRefused(
            {"implements": _("Văn bản được thực hiện nằm ngoài phạm vi bạn được tham chiếu.")}
        )
    if amended and referable.filter(pk__in=[d.pk for d in amended]).count() != len(amended):
        raise DocumentRefused(
            {"amends": _("Có văn bản được sửa đổi nằm ngoài phạm vi bạn được tham chiếu.")}
        )
    kind = check_upload(upload) if upload is not None else None

    amended_before = {
        d.pk: sorted(
            _ref(a) for a in d.amended_by.select_related("doc_type", "issuer", "organisation")
        )
        for d in amended
    }
    document = GoverningDocument.objects.create(
        number=parsed.number,
        number_text=parsed.number_text,
        doc_type=doc_type,
        issuer=issuer,
        organisation=organisation,
        date=date,
        title=title,
        implements=implements,
    )
    if amended:
        document.amends.set(amended)
    if upload is not None:
        stem = get_valid_filename(
            f"{organisation.code}_{parsed.number_text}-{parsed.doc_type}-{parsed.issuer}"
        )
        # The stored name comes from the number and the sniffed kind, never the user's name.
        document.file.save(f"{stem}.{kind}", upload, save=True)
    log.record(
        "document.register",
        actor=acting_user,
        organisation=organisation,
        target=document.code,
        before=None,
        after=document_snapshot(document),
    )
    for old in amended:
        log.record(
            "document.amended",
            actor=acting_user,
            organisation=old.organisation,
            target=old.code,
            before={"amended_by": amended_before[old.pk]},
            after={"amended_by": sorted([*amended_before[old.pk], _ref(document)])},
        )
    return document


def _check_code(code: str, max_length: int, *, field: str = "code") -> str:
    code = code.strip()
    if not code or len(code) > max_length or any(c.isspace() or c in "-/" for c in code):
        raise DocumentRefused(
            {
                field: _(
                    "Mã «%(code)s» phải có từ 1 đến %(max)s ký tự, không có dấu cách, "
                    "dấu «-» hay «/»."
                )
                % {"code": code, "max": max_length}
            }
        )
    return code


def _require_national_admin(user: User) -> None:
    if not (user.is_authenticated and user.is_superuser):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được thêm vào danh mục."))


@transaction.atomic(durable=True)
def do_add_document_type(code: str, name: str, *, acting_user: User) -> DocumentType:
    """Add a document type (e.g. "CTr" chương trình) to the catalogue, audited."""
    _require_national_admin(acting_user)
    code = _check_code(code, DocumentType._meta.get_field("code").max_length or 10)
    if not name.strip():
        raise DocumentRefused({"name": _("Cần nhập tên loại văn bản.")})
    if DocumentType.objects.filter(code=code).exists():
        raise DocumentRefused({"code": _("Loại văn bản «%(code)s» đã có.") % {"code": code}})
    doc_type = DocumentType.objects.create(code=code, name=name.strip())
    log.record(
        "document_type.add",
        actor=acting_user,
        organisation=None,
        target=code,
        before=None,
        after={"code": code, "name": doc_type.name},
    )
    return doc_type


@transaction.atomic(durable=True)
def do_add_issuer(code: str, name: str, *, acting_user: User) -> Issuer:
    """Add an issuer code (e.g. "BTCHU") to the catalogue, audited."""
    _require_national_admin(acting_user)
    code = _check_code(code, Issuer._meta.get_field("code").max_length or 20)
    if not name.strip():
        raise DocumentRefused({"name": _("Cần nhập tên cơ quan ban hành.")})
    if Issuer.objects.filter(code=code).exists():
        raise DocumentRefused({"code": _("Ký hiệu «%(code)s» đã có.") % {"code": code}})
    issuer = Issuer.objects.create(code=code, name=name.strip())
    log.record(
        "issuer.add",
        actor=acting_user,
        organisation=None,
        target=code,
        before=None,
        after={"code": code, "name": issuer.name},
    )
    return issuer
