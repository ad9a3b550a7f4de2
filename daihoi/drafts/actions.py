"""Every change to draft documents, rounds, comments and their handling; each is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from daihoi.accounts.models import Role
from daihoi.audit import log
from daihoi.campaigns.documents import upload_kind
from daihoi.campaigns.models import ApprovalKind, Congress
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.drafts.models import (
    REQUIRED_KINDS,
    Comment,
    CommentGroup,
    DocKind,
    DraftDocument,
    Handling,
    Round,
    RoundState,
    SourceGroup,
)
from daihoi.lib import similarity
from daihoi.lib.paragraphs import (
    Numbered,
    TooManyBlocks,
    TooSlow,
    docx_blocks,
    key_label,
    number_blocks,
)
from daihoi.orgs import scope
from daihoi.orgs.models import Organisation
from daihoi.orgs.tree import subtree_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

# How many unhandled comments a refusal names before it says "and N more".
NAMED_IN_REFUSAL = 10
DRAFT_WRITERS = (Role.ADMIN, Role.ORG_STAFF, Role.SUBCOMMITTEE)


# --- who may do what ----------------------------------------------------------------------


def can_edit(user: User | AnonymousUser, org: Organisation) -> bool:
    """Return whether the user drafts for org: its staff or subcommittee, or above."""
    if not user.is_authenticated or not scope.can_see(user, org):
        return False
    return scope.sees_everything(user) or user.has_role(*DRAFT_WRITERS)  # type: ignore[union-attr]


def path_scope_q(user: User | AnonymousUser, field: str) -> Q:
    """Limit a copied path column (org_path, source_path) to the user's subtree.

    scope.scope_q filters through an organisation relation; these columns copy
    the path so a count over thousands of units needs no join.
    """
    if scope.sees_everything(user):
        return Q()
    root = scope.scope_root(user)
    if root is None:
        return Q(pk__in=[])
    return subtree_q(root.path, prefix=field.removesuffix("path"))


def visible_documents(user: User | AnonymousUser) -> QuerySet[DraftDocument]:
    """Documents of the congresses in the user's subtree."""
    return DraftDocument.objects.filter(path_scope_q(user, "org_path")).select_related(
        "congress__organisation", "congress__campaign"
    )


def _ancestor_paths(org: Organisation) -> list[str]:
    return [org.path[: d * org.steplen] for d in range(1, org.depth)]


def superior_documents(org: Organisation, campaign_id: int) -> QuerySet[DraftDocument]:
    """Documents of the congresses above org (its committee's superiors) in one campaign."""
    return DraftDocument.objects.filter(
        congress__campaign_id=campaign_id, org_path__in=_ancestor_paths(org)
    ).select_related("congress__organisation")


def circulated_to(round_: Round, org: Organisation) -> bool:
    """Return whether a circulating round reaches org (a named unit, or below one)."""
    if round_.state != RoundState.CIRCULATING:
        return False
    if not org.path.startswith(round_.document.org_path) or org.path == round_.document.org_path:
        return False
    paths = list(round_.circulated_units.values_list("path", flat=True))
    return not paths or any(org.path.startswith(p) for p in paths)


def latest_round(document: DraftDocument) -> Round | None:
    return document.rounds.order_by("-number").first()


def _require_edit(user: User, document: DraftDocument) -> None:
    if not can_edit(user, document.congress.organisation):
        raise PermissionDenied(_("Bạn không có quyền soạn văn kiện của tổ chức này."))


def _blocks_json(numbered: Sequence[Numbered]) -> list[dict[str, Any]]:
    return [asdict(n) for n in numbered]


def _stamp(user: User) -> dict[str, Any]:
    return {"by": user.username, "at": timezone.now().isoformat()}


# --- documents and rounds -----------------------------------------------------------------


@transaction.atomic
def do_create_document(
    congress: Congress,
    kind: str,
    *,
    title: str = "",
    owner: str = "",
    owner_organisation: Organisation | None = None,
    deadline: dt.date | None = None,
    acting_user: User,
) -> DraftDocument:
    """Open a document of a congress; one per kind."""
    if not can_edit(acting_user, congress.organisation):
        raise PermissionDenied(_("Bạn không có quyền soạn văn kiện của tổ chức này."))
    if kind not in DocKind.values:
        raise ActionRefused(
            [_("Loại văn kiện «%(kind)s» không có trong danh mục.") % {"kind": kind}]
        )
    if DraftDocument.objects.filter(congress=congress, kind=kind).exists():
        raise ActionRefused(
            [
                _("Đại hội này đã có «%(kind)s»; mỗi loại văn kiện chỉ có một.")
                % {"kind": DocKind(kind).label}
            ]
        )
    if owner_organisation is not None and not scope.can_see(acting_user, owner_organisation):
        raise ActionRefused([_("Đơn vị của tiểu ban nằm ngoài phạm vi của bạn.")])
    document = DraftDocument.objects.create(
        congress=congress,
        kind=kind,
        title=title.strip() or str(DocKind(kind).label),
        org_path=congress.organisation.path,
        owner=owner.strip() or "Tiểu ban Văn kiện",
        owner_organisation=owner_organisation,
        deadline=deadline,
    )
    log.record(
        "drafts.create",
        actor=acting_user,
        organisation=congress.organisation,
        target=document.title,
        after={"kind": kind, "owner": document.owner, "deadline": str(deadline or "")},
    )
    return document


def check_size(name: str, size: int) -> None:
    """Refuse a file over the upload cap (DAIHOI_MAX_UPLOAD_BYTES), before reading it."""
    try:
        uploads.check_size(name, size)
    except uploads.UploadRefused as exc:
        raise ActionRefused([exc.message]) from exc


def read_upload(upload: Any) -> bytes:
    """An uploaded draft's bytes, read only when it is within the size cap."""
    try:
        return uploads.read_upload(upload)
    except uploads.UploadRefused as exc:
        raise ActionRefused([exc.message]) from exc


def read_docx_upload(name: str, data: bytes) -> list[Numbered]:
    """Check an upload is a real Word file of a sane size and read its numbered paragraphs."""
    check_size(name, len(data))
    import io

    if upload_kind(io.BytesIO(data)) != "docx":
        raise ActionRefused(
            [
                _("Tệp «%(name)s» không phải tệp Word (.docx); nội dung tệp không đúng định dạng.")
                % {"name": name}
            ]
        )
    # Before python-docx, which holds every part in memory: no bomb, no DTD.
    try:
        uploads.check_office_zip(name, data, max_unzipped=settings.DAIHOI_MAX_DOCX_UNZIPPED_BYTES)
    except uploads.UploadRefused as exc:
        raise ActionRefused([exc.message]) from exc
    paragraph_cap = int(settings.DAIHOI_MAX_DOCX_PARAGRAPHS)
    try:
        numbered = number_blocks(
            docx_blocks(data, limit=paragraph_cap, deadline=uploads.parse_deadline())
        )
    except TooSlow as exc:
        raise ActionRefused(
            [
                _(
                    "Đọc tệp «%(name)s» mất hơn %(seconds)s giây nên đã dừng; "
                    "tệp không được lưu. Hãy chia dự thảo thành các tệp nhỏ hơn."
                )
                % {"name": name, "seconds": int(settings.DAIHOI_MAX_PARSE_SECONDS)}
            ]
        ) from exc
    except TooManyBlocks as exc:
        raise ActionRefused(
            [
                _(
                    "Tệp «%(name)s» có hơn %(limit)s đoạn, vượt giới hạn của một dự thảo; "
                    "tệp chưa được đọc hết và không được lưu."
                )
                % {"name": name, "limit": f"{paragraph_cap:,}".replace(",", ".")}
            ]
        ) from exc
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a broken file
        raise ActionRefused(
            [_("Không đọc được tệp «%(name)s»: %(error)s") % {"name": name, "error": exc}]
        ) from exc
    if not numbered:
        raise ActionRefused([_("Tệp «%(name)s» không có nội dung chữ nào.") % {"name": name}])
    return numbered


@transaction.atomic
def do_add_round(
    document: DraftDocument,
    numbered: Sequence[Numbered],
    *,
    file_name: str = "",
    file_data: bytes | None = None,
    note: str = "",
    acting_user: User,
) -> Round:
    """Add the next round (dự thảo lần N+1) from an upload or from text edited in the app."""
    document = DraftDocument.objects.select_for_update().get(pk=document.pk)
    _require_edit(acting_user, document)
    if document.approved_at is not None:
        raise ActionRefused([_("Văn kiện đã được cấp trên thông qua; không thêm dự thảo mới.")])
    if not numbered:
        raise ActionRefused([_("Dự thảo không có nội dung.")])
    number = (document.rounds.aggregate(m=Max("number"))["m"] or 0) + 1
    round_ = Round(
        document=document,
        number=number,
        blocks=_blocks_json(numbered),
        note=note,
        created_by=acting_user,
        file_name=file_name[:255],
    )
    if file_data is not None:
        round_.file.save(
            f"du-thao-{document.pk}-lan-{number}.docx", ContentFile(file_data), save=False
        )
    round_.save()
    log.record(
        "drafts.round",
        actor=acting_user,
        organisation=document.congress.organisation,
        target=str(round_),
        after={"number": number, "paragraphs": len(numbered), "file": file_name},
    )
    return round_


@transaction.atomic
def do_correct_round(round_: Round, numbered: Sequence[Numbered], *, acting_user: User) -> Round:
    """Correct the text of a round not yet sent for comments; its number stays."""
    current = (
        Round.objects.select_for_update().select_related("document__congress").get(pk=round_.pk)
    )
    _require_edit(acting_user, current.document)
    if current.state != RoundState.DRAFT:
        raise ActionRefused(
            [
                _("Dự thảo lần %(n)s đã gửi lấy ý kiến; chỉ sửa được bằng một lần dự thảo mới.")
                % {"n": current.number}
            ]
        )
    if not numbered:
        raise ActionRefused([_("Dự thảo không có nội dung.")])
    before = {"paragraphs": len(current.blocks)}
    current.blocks = _blocks_json(numbered)
    current.save(update_fields=["blocks"])
    log.record(
        "drafts.correct",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        before=before,
        after={"paragraphs": len(numbered)},
    )
    return current


@transaction.atomic
def do_circulate_round(
    round_: Round,
    *,
    groups: Sequence[str],
    units: Sequence[Organisation] = (),
    deadline: dt.date | None,
    acting_user: User,
) -> Round:
    """Send a round for comments to named groups and units, with a comment deadline."""
    current = (
        Round.objects.select_for_update().select_related("document__congress").get(pk=round_.pk)
    )
    _require_edit(acting_user, current.document)
    problems: list[str] = []
    if current.state != RoundState.DRAFT:
        problems.append(_("Dự thảo lần %(n)s đã được gửi lấy ý kiến rồi.") % {"n": current.number})
    bad = [g for g in groups if g not in SourceGroup.values]
    if bad:
        problems.append(_("Nhóm lấy ý kiến không hợp lệ: %(g)s.") % {"g": ", ".join(bad)})
    if not groups and not units:
        problems.append(_("Hãy chọn ít nhất một nhóm hoặc một đơn vị được lấy ý kiến."))
    outside = [u.name for u in units if not u.path.startswith(current.document.org_path)]
    if outside:
        problems.append(
            _("Các đơn vị không thuộc tổ chức này: %(u)s.") % {"u": ", ".join(outside[:5])}
        )
    if problems:
        raise ActionRefused(problems)
    current.state = RoundState.CIRCULATING
    current.circulated_by = acting_user
    current.circulated_at = timezone.now()
    current.circulated_groups = list(groups)
    current.comment_deadline = deadline
    current.save()
    current.circulated_units.set(units)
    log.record(
        "drafts.circulate",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        after={
            "groups": list(groups),
            "units": [u.code for u in units][:200],
            "unit_count": len(units),
            "deadline": str(deadline or ""),
        },
    )
    return current


def unhandled(round_: Round) -> QuerySet[Comment]:
    return round_.comments.filter(handling="")


@transaction.atomic
def do_close_round(round_: Round, *, acting_user: User) -> Round:
    """Close a round's comments; refused while any comment has no handling."""
    current = (
        Round.objects.select_for_update().select_related("document__congress").get(pk=round_.pk)
    )
    _require_edit(acting_user, current.document)
    if current.state == RoundState.CLOSED:
        raise ActionRefused([_("Dự thảo lần %(n)s đã khép lại rồi.") % {"n": current.number}])
    missing = unhandled(current).order_by("pk")
    count = missing.count()
    if count:
        named = [
            _("#%(id)s (%(where)s, %(source)s)")
            % {
                "id": c.pk,
                "where": c.where,
                "source": c.source_name or c.get_source_group_display(),
            }
            for c in missing[:NAMED_IN_REFUSAL]
        ]
        more = (
            _(" và %(n)s ý kiến khác") % {"n": count - NAMED_IN_REFUSAL}
            if count > NAMED_IN_REFUSAL
            else ""
        )
        raise ActionRefused(
            [
                _(
                    "Chưa khép lại được dự thảo lần %(n)s: còn %(count)s ý kiến chưa có hình thức "
                    "xử lý (tiếp thu hoặc giải trình): %(list)s%(more)s."
                )
                % {"n": current.number, "count": count, "list": ", ".join(named), "more": more}
            ]
        )
    before = {"state": current.state}
    current.state = RoundState.CLOSED
    current.closed_by = acting_user
    current.closed_at = timezone.now()
    current.save()
    log.record(
        "drafts.close",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        before=before,
        after={"state": current.state, **_stamp(acting_user)},
    )
    return current


# --- comments -----------------------------------------------------------------------------


def _check_comment(
    round_: Round, paragraph: str, source_group: str, text: str, received_on: dt.date | None
) -> list[str]:
    problems: list[str] = []
    if paragraph and paragraph not in round_.block_map():
        problems.append(
            _("Dự thảo lần %(n)s không có đoạn «%(p)s».") % {"n": round_.number, "p": paragraph}
        )
    if source_group not in SourceGroup.values:
        problems.append(_("Nhóm góp ý «%(g)s» không có trong danh mục.") % {"g": source_group})
    if not text.strip():
        problems.append(_("Nội dung góp ý đang trống."))
    if received_on is None:
        problems.append(_("Thiếu ngày góp ý."))
    elif received_on > timezone.localdate():
        problems.append(
            _("Ngày góp ý %(d)s ở tương lai.") % {"d": received_on.strftime("%d/%m/%Y")}
        )
    return problems


def _open_for_comments(round_: Round) -> None:
    if round_.state != RoundState.CIRCULATING:
        raise ActionRefused(
            [
                _("Dự thảo lần %(n)s không trong thời gian lấy ý kiến (%(state)s).")
                % {"n": round_.number, "state": round_.get_state_display()}
            ]
        )


def _may_comment_for(user: User, round_: Round, source_org: Organisation | None) -> None:
    """The owner's drafters enter any comment; a subordinate unit only its own (upward flow)."""
    document = round_.document
    if source_org is None or source_org.path == document.org_path:
        _require_edit(user, document)
        return
    if not can_edit(user, source_org):
        raise PermissionDenied(_("Bạn không có quyền gửi ý kiến thay đơn vị này."))
    if not circulated_to(round_, source_org) and not can_edit(user, document.congress.organisation):
        raise ActionRefused(
            [_("Dự thảo này không được gửi lấy ý kiến tới %(org)s.") % {"org": source_org.name}]
        )


@transaction.atomic
def do_add_comment(
    round_: Round,
    *,
    text: str,
    received_on: dt.date | None,
    paragraph: str = "",
    source_group: str = SourceGroup.MEMBERS,
    source_name: str = "",
    source_org: Organisation | None = None,
    acting_user: User,
) -> Comment:
    """Record one comment; a subordinate unit's comment goes straight to this round."""
    round_ = Round.objects.select_related("document__congress__organisation").get(pk=round_.pk)
    _may_comment_for(acting_user, round_, source_org)
    _open_for_comments(round_)
    problems = _check_comment(round_, paragraph, source_group, text, received_on)
    if problems:
        raise ActionRefused(problems)
    assert received_on is not None  # noqa: S101 - checked above
    if source_org is not None and source_org.path != round_.document.org_path:
        source_group = SourceGroup.UNIT
        source_name = source_name or source_org.name
    comment = Comment.objects.create(
        round=round_,
        paragraph=paragraph,
        source_group=source_group,
        source_name=source_name.strip(),
        source_org=source_org,
        source_path=source_org.path if source_org is not None else round_.document.org_path,
        received_on=received_on,
        text=text.strip(),
        entered_by=acting_user,
    )
    log.record(
        "drafts.comment",
        actor=acting_user,
        organisation=source_org or round_.document.congress.organisation,
        target=str(round_),
        after={"id": comment.pk, "paragraph": paragraph, "group": source_group},
    )
    return comment


@transaction.atomic
def do_import_comments(
    round_: Round,
    rows: Sequence[Comment],
    *,
    file_name: str,
    source_org: Organisation | None = None,
    acting_user: User,
) -> int:
    """Write comments already checked by the importer, all at once; one audit entry."""
    round_ = Round.objects.select_related("document__congress__organisation").get(pk=round_.pk)
    _may_comment_for(acting_user, round_, source_org)
    _open_for_comments(round_)
    for row in rows:
        row.round = round_
        row.entered_by = acting_user
    Comment.objects.bulk_create(rows, batch_size=2000)
    log.record(
        "drafts.import_comments",
        actor=acting_user,
        organisation=source_org or round_.document.congress.organisation,
        target=str(round_),
        after={"file": file_name, "rows": len(rows)},
    )
    return len(rows)


def visible_comments(user: User | AnonymousUser, round_: Round) -> QuerySet[Comment]:
    """A round's comments the user may see: all for the owner's people, else their subtree's."""
    comments = round_.comments.all()
    if scope.can_see(user, round_.document.congress.organisation):
        return comments
    return comments.filter(path_scope_q(user, "source_path"))


@transaction.atomic
def do_handle_comments(
    round_: Round,
    comment_ids: Iterable[int],
    *,
    handling: str,
    response: str,
    applied_in: Round | None = None,
    acting_user: User,
) -> int:
    """Give comments (one, or a whole group) their handling, response and the round applying it."""
    current = (
        Round.objects.select_for_update().select_related("document__congress").get(pk=round_.pk)
    )
    _require_edit(acting_user, current.document)
    problems: list[str] = []
    if current.state == RoundState.CLOSED:
        problems.append(
            _("Dự thảo lần %(n)s đã khép lại; không sửa việc xử lý ý kiến.") % {"n": current.number}
        )
    if handling not in Handling.values:
        problems.append(_("Hãy chọn tiếp thu, tiếp thu một phần hoặc giải trình."))
    if handling == Handling.EXPLAINED and not response.strip():
        problems.append(_("Giải trình cần có nội dung trả lời."))
    if applied_in is not None and (
        applied_in.document_id != current.document_id or applied_in.number <= current.number
    ):
        problems.append(
            _("Ý kiến của lần %(n)s chỉ được tiếp thu vào một dự thảo sau nó.")
            % {"n": current.number}
        )
    ids = list(comment_ids)
    comments = current.comments.filter(pk__in=ids)
    if len(ids) == 0 or comments.count() != len(set(ids)):
        problems.append(_("Không tìm thấy ý kiến được chọn trong dự thảo này."))
    if problems:
        raise ActionRefused(problems)
    now = timezone.now()
    count = comments.update(
        handling=handling,
        response=response.strip(),
        applied_in=applied_in,
        handled_by=acting_user,
        handled_at=now,
    )
    log.record(
        "drafts.handle",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        after={
            "comments": sorted(set(ids))[:500],
            "count": count,
            "handling": handling,
            "applied_in": applied_in.number if applied_in else None,
        },
    )
    return count


# --- grouping -----------------------------------------------------------------------------


@transaction.atomic
def do_propose_groups(
    round_: Round, *, threshold: float = similarity.DEFAULT_THRESHOLD, acting_user: User
) -> int:
    """Propose groups among the round's ungrouped, unhandled comments; returns how many."""
    current = (
        Round.objects.select_for_update().select_related("document__congress").get(pk=round_.pk)
    )
    _require_edit(acting_user, current.document)
    rows = list(
        current.comments.filter(group__isnull=True, handling="")
        .order_by("pk")
        .values_list("pk", "paragraph", "text")
    )
    found = similarity.group_texts([(p, t) for _pk, p, t in rows], threshold=threshold)
    shared = [g for g in found if len(g.members) > 1]
    created = CommentGroup.objects.bulk_create(
        [
            CommentGroup(round=current, paragraph=rows[g.leader][1], summary=rows[g.leader][2])
            for g in shared
        ],
        batch_size=2000,
    )
    # One statement run for many rows: an UPDATE per group is 20,000 round trips.
    table = Comment._meta.db_table
    column = Comment._meta.get_field("group").column
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608 - names from the model
            [
                (made.pk, rows[i][0])
                for g, made in zip(shared, created, strict=True)
                for i in g.members
            ],
        )
    made = len(created)
    log.record(
        "drafts.propose_groups",
        actor=acting_user,
        organisation=current.document.congress.organisation,
        target=str(current),
        after={"groups": made, "comments": len(rows), "threshold": threshold},
    )
    return made


def _group_open(group: CommentGroup, user: User) -> None:
    _require_edit(user, group.round.document)
    if group.round.state == RoundState.CLOSED:
        raise ActionRefused(
            [_("Dự thảo lần %(n)s đã khép lại; không sửa nhóm ý kiến.") % {"n": group.round.number}]
        )


@transaction.atomic
def do_confirm_group(group: CommentGroup, *, summary: str = "", acting_user: User) -> CommentGroup:
    _group_open(group, acting_user)
    group.confirmed = True
    if summary.strip():
        group.summary = summary.strip()
    group.save()
    log.record(
        "drafts.confirm_group",
        actor=acting_user,
        organisation=group.round.document.congress.organisation,
        target=str(group.round),
        after={"group": group.pk, "size": group.comments.count()},
    )
    return group


@transaction.atomic
def do_split_group(
    group: CommentGroup, comment_ids: Iterable[int], *, acting_user: User
) -> CommentGroup | None:
    """Take comments out of a group (they stand alone again); a group of one dissolves."""
    _group_open(group, acting_user)
    ids = list(comment_ids)
    taken = group.comments.filter(pk__in=ids).update(group=None)
    left = group.comments.count()
    organisation = group.round.document.congress.organisation
    target = str(group.round)
    log.record(
        "drafts.split_group",
        actor=acting_user,
        organisation=organisation,
        target=target,
        after={"group": group.pk, "taken": taken, "left": left},
    )
    if left < 2:
        group.comments.update(group=None)
        group.delete()
        return None
    return group


# --- the superior's review and approval ---------------------------------------------------


def _require_superior(user: User, document: DraftDocument) -> None:
    if not scope.is_superior_of(user, document.congress.organisation):
        raise PermissionDenied(_("Chỉ cấp ủy cấp trên mới cho ý kiến và thông qua văn kiện."))


@transaction.atomic
def do_review_document(document: DraftDocument, *, note: str, acting_user: User) -> DraftDocument:
    """Record the superior's review (cho ý kiến) of the latest round."""
    current = (
        DraftDocument.objects.select_for_update().select_related("congress").get(pk=document.pk)
    )
    _require_superior(acting_user, current)
    last = latest_round(current)
    if last is None:
        raise ActionRefused([_("Văn kiện chưa có dự thảo nào để cho ý kiến.")])
    if not note.strip():
        raise ActionRefused([_("Hãy ghi nội dung ý kiến của cấp trên.")])
    current.reviewed_at = timezone.now()
    current.reviewed_by = acting_user
    current.review_note = note.strip()
    current.save()
    log.record(
        "drafts.review",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=current.title,
        after={"round": last.number, "note": note.strip(), **_stamp(acting_user)},
    )
    return current


@transaction.atomic
def do_approve_document(
    document: DraftDocument, *, note: str = "", acting_user: User
) -> DraftDocument:
    """Record the superior's approval (nhất trí thông qua) of the final, closed round."""
    current = (
        DraftDocument.objects.select_for_update().select_related("congress").get(pk=document.pk)
    )
    _require_superior(acting_user, current)
    last = latest_round(current)
    problems: list[str] = []
    if current.approved_at is not None:
        problems.append(_("Văn kiện đã được thông qua rồi."))
    if last is None:
        problems.append(_("Văn kiện chưa có dự thảo nào."))
    elif last.state != RoundState.CLOSED:
        problems.append(
            _(
                "Dự thảo lần %(n)s (lần cuối) chưa khép lại: mọi ý kiến phải được xử lý "
                "trước khi thông qua."
            )
            % {"n": last.number}
        )
    if problems:
        raise ActionRefused(problems)
    assert last is not None  # noqa: S101 - checked above
    current.approved_at = timezone.now()
    current.approved_by = acting_user
    current.approved_round = last
    if note.strip():
        current.review_note = (current.review_note + "\n" + note.strip()).strip()
    current.save()
    log.record(
        "drafts.approve",
        actor=acting_user,
        organisation=current.congress.organisation,
        target=current.title,
        after={"round": last.number, "note": note.strip(), **_stamp(acting_user)},
    )
    return current


def approval_check(congress: Congress, kind: str) -> list[str]:
    """Reasons the superior may not approve a congress's documents yet: unapproved types.

    The gate holds once a congress keeps its documents here (it has opened at
    least one): from then on every required type's final round must carry the
    superior's approval. A congress whose documents never entered the app (a
    cell that drafts on paper, records imported from before) is approved as before.
    """
    if kind != ApprovalKind.DOCUMENTS:
        return []
    kept = dict(DraftDocument.objects.filter(congress=congress).values_list("kind", "approved_at"))
    if not kept:
        return []
    approved = {k for k, at in kept.items() if at is not None}
    missing = [DocKind(k).label for k in DocKind.values if k in REQUIRED_KINDS - approved]
    if not missing:
        return []
    return [
        _(
            "Cấp trên chưa thông qua dự thảo cuối của các văn kiện bắt buộc: %(kinds)s. "
            "Hãy thông qua từng văn kiện ở mục «Văn kiện đại hội»."
        )
        % {"kinds": ", ".join(str(m) for m in missing)}
    ]


# --- roll-up and counts -------------------------------------------------------------------


def counts_by_child(round_: Round, org: Organisation) -> list[tuple[Organisation, int, int]]:
    """Comments of the round from each direct child of org: (child, comments, unhandled)."""
    from daihoi.orgs.tree import children

    kids = list(children(org))
    if not kids:
        return []
    rows = (
        round_.comments.filter(subtree_q(org.path, prefix="source_", include_self=False))
        .values("source_path")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(handling="")))
    )
    width = len(org.path) + org.steplen
    totals: dict[str, list[int]] = {}
    for row in rows:
        key = row["source_path"][:width]
        pair = totals.setdefault(key, [0, 0])
        pair[0] += row["n"]
        pair[1] += row["open"]
    return [(k, *totals.get(k.path, [0, 0])) for k in kids]  # type: ignore[misc]


def units_that_sent(round_: Round, units: Sequence[Organisation]) -> int:
    """How many of the units have at least one comment from their subtree on the round."""
    prefixes: set[str] = set()
    for path in (
        round_.comments.exclude(source_path="").values_list("source_path", flat=True).distinct()
    ):
        step = Organisation.steplen
        prefixes.update(path[:i] for i in range(step, len(path) + 1, step))
    return sum(1 for u in units if u.path in prefixes)


def key_text(key: str) -> str:
    return key_label(key) if key else str(_("Ý kiến chung"))
