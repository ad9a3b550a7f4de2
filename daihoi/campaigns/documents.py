"""The governing documents register: who sees which documents, numbers, files, the cascade.

Every change to the register is in actions/documents.py.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from daihoi.campaigns.models import DocumentType, GoverningDocument, Issuer
from daihoi.core import uploads
from daihoi.lib.docnumbers import DocumentNumber, DocumentNumberError, parse_document_number
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Level, Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

PDF_MAGIC = b"%PDF-"
DOCX_PART = "word/document.xml"


class DocumentRefused(ValidationError):
    """Refuse a change to the register; `message_dict` maps each field to its messages."""

    def __init__(self, errors: dict[str, str], *, part: str = "") -> None:
        super().__init__({field: [message] for field, message in errors.items()})
        # Which part of a document number was wrong, when that was the reason.
        self.part = part


# ---------------------------------------------------------------------------
# Reading numbers against the codes in the database


class _Anything(Set[str]):
    """Accept every code, to read the parts of a number whose type or issuer is unknown."""

    def __contains__(self, value: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def known_codes() -> tuple[frozenset[str], frozenset[str]]:
    """Return the document type and issuer codes users have registered."""
    types = frozenset(DocumentType.objects.values_list("code", flat=True))
    issuers = frozenset(Issuer.objects.values_list("code", flat=True))
    return types, issuers


def _unknown_code_message(part: str, value: str, allowed: frozenset[str]) -> str:
    near = sorted(a for a in allowed if a.casefold() == value.casefold())
    params = {"value": value, "near": near[0] if near else "", "known": ", ".join(sorted(allowed))}
    if part == "type":
        if near:
            return (
                _("Loại văn bản «%(value)s» không có trong danh mục; có phải «%(near)s»?") % params
            )
        return _("Loại văn bản «%(value)s» không có trong danh mục (%(known)s).") % params
    if near:
        return (
            _("Ký hiệu cơ quan ban hành «%(value)s» không có trong danh mục; có phải «%(near)s»?")
            % params
        )
    return _("Ký hiệu cơ quan ban hành «%(value)s» không có trong danh mục (%(known)s).") % params


def parse_number(text: str, field: str = "number_text") -> DocumentNumber:
    """Parse a number such as "Số 10-KH/ĐU" against the codes in the database.

    Refuse with a Vietnamese message naming the wrong part: shape, number, type or issuer.
    """
    types, issuers = known_codes()
    try:
        return parse_document_number(text, types=types, issuers=issuers)
    except DocumentNumberError as exc:
        part = exc.part
    if part in ("type", "issuer"):
        # The shape and the number are right, so the parts can be read back for the message.
        raw = parse_document_number(text, types=_Anything(), issuers=_Anything())
        value, allowed = (raw.doc_type, types) if part == "type" else (raw.issuer, issuers)
        message = _unknown_code_message(part, value, allowed)
    elif part == "number":
        message = _(
            "Phần số của số hiệu phải là số nguyên từ 1 trở lên, viết bằng chữ số 0–9 "
            "(ví dụ 35-CT/TW)."
        )
    else:
        message = _(
            "Số hiệu «%(text)s» không đúng dạng số-loại/cơ quan ban hành, ví dụ 35-CT/TW "
            "hoặc Số 10-KH/ĐU (không có dấu cách bên trong)."
        ) % {"text": text}
    raise DocumentRefused({field: message}, part=part)


# ---------------------------------------------------------------------------
# Permission-checked getters


def _ancestor_paths(org: Organisation) -> list[str]:
    step = org.steplen
    return [org.path[: d * step] for d in range(1, org.depth)]


def visible_documents(user: User | AnonymousUser) -> QuerySet[GoverningDocument]:
    """Return the documents issued in the user's subtree and by the committees above it.

    A district sees the province's and the centre's directives it implements, never
    another province's documents.
    """
    condition = scope.scope_q(user, prefix="organisation")
    root = scope.scope_root(user)
    if root is not None and not scope.sees_everything(user):
        condition |= Q(organisation__path__in=_ancestor_paths(root))
    return GoverningDocument.objects.filter(condition).select_related(
        "doc_type", "issuer", "organisation", "organisation__structure"
    )


def referable_documents(
    user: User | AnonymousUser, organisation: Organisation
) -> QuerySet[GoverningDocument]:
    """Return the documents a document of `organisation` may implement or amend.

    Those the user sees, and those issued by any committee above `organisation`.
    """
    condition = scope.scope_q(user, prefix="organisation") | Q(
        organisation__path__in=_ancestor_paths(organisation)
    )
    return GoverningDocument.objects.filter(condition).select_related(
        "doc_type", "issuer", "organisation", "organisation__structure"
    )


def can_register_documents(user: User | AnonymousUser) -> bool:
    """Return whether the user may register documents for some organisation."""
    if scope.sees_everything(user):
        return True
    root = scope.scope_root(user)
    return root is not None and scope.can_write(user, root)


def get_document_for_user(user: User | AnonymousUser, pk: int) -> GoverningDocument:
    """Return the document if the user may see it; elsewhere it does not exist (404)."""
    document = visible_documents(user).filter(pk=pk).first()
    if document is None:
        raise Http404(_("Không tìm thấy văn bản."))
    return document


def find_referable_document(
    user: User | AnonymousUser,
    organisation: Organisation,
    number_text: str,
    org_code: str = "",
    *,
    field: str,
) -> GoverningDocument:
    """Find a document by its number (and its issuing organisation's code if given)."""
    parsed = parse_number(number_text, field)
    candidates = referable_documents(user, organisation).filter(
        number=parsed.number, doc_type__code=parsed.doc_type, issuer__code=parsed.issuer
    )
    if org_code:
        candidates = candidates.filter(organisation__code=org_code.strip())
    found = list(candidates[:6])
    if not found:
        raise DocumentRefused(
            {
                field: _("Không tìm thấy văn bản %(code)s trong các văn bản bạn được tham chiếu.")
                % {"code": str(parsed)}
            }
        )
    if len(found) > 1:
        codes = ", ".join(f"{d.organisation.code} ({d.date:%d/%m/%Y})" for d in found)
        raise DocumentRefused(
            {
                field: _(
                    "Có nhiều văn bản số %(code)s (tổ chức ban hành: %(orgs)s); "
                    "hãy ghi thêm mã tổ chức ban hành."
                )
                % {"code": str(parsed), "orgs": codes}
            }
        )
    return found[0]


# ---------------------------------------------------------------------------
# Uploads


def upload_kind(upload: IO[bytes] | File[Any]) -> str | None:
    """Return "pdf" or "docx" from the file's content (never its name), or None."""
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return "pdf"
    try:
        with zipfile.ZipFile(upload) as archive:  # type: ignore[arg-type]
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return "docx" if DOCX_PART in names else None


def check_upload(upload: File[Any]) -> str:
    """Return the sniffed kind of a document's file, or refuse it (size, content, zip bomb)."""
    name = str(upload.name or "")
    try:
        # The one upload cap (DAIHOI_MAX_UPLOAD_BYTES), as at every import.
        uploads.check_size(name, upload.size)
    except uploads.UploadRefused as exc:
        raise DocumentRefused({"upload": exc.message}) from exc
    kind = upload_kind(upload)
    if kind == "docx":
        # Kept and downloaded, not parsed here; still no bomb or DTD is kept for others.
        try:
            uploads.check_office_zip(name, upload.read())
        except uploads.UploadRefused as exc:
            raise DocumentRefused({"upload": exc.message}) from exc
        finally:
            upload.seek(0)
    if kind is None:
        raise DocumentRefused(
            {
                "upload": _(
                    "Chỉ nhận tệp PDF hoặc Word (.docx); nội dung tệp này không phải như vậy."
                )
            }
        )
    return kind


_check_upload = check_upload  # the name tests/trust/test_uploads.py imports


# ---------------------------------------------------------------------------
# The cascade: who has issued their implementing document


@dataclass(frozen=True)
class Implementation:
    """The implementation chain of a document: every document below it, by organisation."""

    documents: list[GoverningDocument]
    by_org: dict[int, list[GoverningDocument]]
    paths: list[str]


def implementation_chain(document: GoverningDocument) -> Implementation:
    """Collect every document implementing `document`, directly or through others.

    A breadth-first walk over documents (a few per organisation), one query per step.
    """
    found: list[GoverningDocument] = []
    seen = {document.pk}
    frontier = [document.pk]
    while frontier:
        step = list(
            GoverningDocument.objects.filter(implements_id__in=frontier)
            .exclude(pk__in=seen)
            .select_related("doc_type", "issuer", "organisation")
        )
        found.extend(step)
        frontier = [d.pk for d in step]
        seen.update(frontier)
    by_org: dict[int, list[GoverningDocument]] = {}
    for d in found:
        by_org.setdefault(d.organisation_id, []).append(d)
    paths = sorted({d.organisation.path for d in found})
    return Implementation(found, by_org, paths)


@dataclass(frozen=True)
class LevelProgress:
    level: Level
    issued: int
    total: int


def progress_by_level(org: Organisation, chain: Implementation) -> list[LevelProgress]:
    """Count, per level below org, the units that issued an implementing document.

    Two indexed path-range queries, whatever the size of the subtree.
    """
    levels = tree.levels_below(org)
    totals = tree.counts_by_level(org, levels)
    issued_rows = (
        Organisation.objects.filter(
            tree.subtree_q(org.path, include_self=False), pk__in=list(chain.by_org)
        )
        .values("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    issued = {row["level"]: row["n"] for row in issued_rows}
    return [LevelProgress(c.level, issued.get(c.level.pk, 0), c.count) for c in totals]


def issued_below(org: Organisation, chain: Implementation) -> int:
    """Count the units strictly under org that issued an implementing document."""
    return sum(1 for p in chain.paths if p.startswith(org.path) and p != org.path)
