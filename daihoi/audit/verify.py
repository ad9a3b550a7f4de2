"""Check the audit trail end to end: the chain, the numbering, the times and the links.

What this finds (each problem names the entry's seq and id):
- an entry whose hash does not match its content and the entry before it
  (changed after it was written, or inserted with a forged hash);
- a gap in seq (entries removed);
- an entry dated more than TOLERANCE before the entry before it (back-dated,
  or the server's clock was set back), or more than TOLERANCE in the future;
- a link (actor_id, organisation_id) changed, or set to NULL while the account
  or organisation it pointed at still exists. Django's SET NULL on deletion
  leaves a NULL whose id, kept under the hash, no longer exists: that is fine.
- with `expect`, a head exported earlier that is no longer in the chain
  (the tail was removed, or the whole chain rebuilt).

What it cannot find: someone with the database owner's rights and this code
can rewrite every entry and recompute every hash; only a head exported
elsewhere (printed by every run) shows that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from django.contrib.auth import get_user_model
from django.utils import timezone

from daihoi.audit import chain
from daihoi.audit.models import AuditEntry
from daihoi.core.numbers import vn_datetime

TOLERANCE = dt.timedelta(seconds=5)
COLUMNS = (
    "id",
    "seq",
    "hash",
    "at",
    "actor_id",
    "actor_ref",
    "actor_name",
    "organisation_id",
    "organisation_ref",
    "action",
    "target",
    "before",
    "after",
)


@dataclass(frozen=True)
class Problem:
    seq: int
    id: int
    what: str

    def line(self) -> str:
        return f"seq {self.seq} (id {self.id}): {self.what}"


@dataclass
class Report:
    count: int = 0
    head_seq: int = 0
    head_hash: str = chain.GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def head(self) -> str:
        return f"{self.head_seq}:{self.head_hash}"


def _rows(using: str) -> Iterator[tuple]:  # type: ignore[type-arg]
    query = AuditEntry.objects.using(using).order_by("seq").values_list(*COLUMNS)
    return query.iterator(chunk_size=2000)


def _gone(model: type, refs: dict[int, list[tuple[int, int]]], using: str) -> set[int]:
    """The ids among refs that still exist in model's table."""
    ids = sorted(refs)
    existing: set[int] = set()
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        existing.update(
            model._default_manager.using(using).filter(pk__in=part).values_list("pk", flat=True)  # type: ignore[attr-defined]
        )
    return existing


def verify(
    using: str = "default", *, expect: tuple[int, str] | None = None, now: dt.datetime | None = None
) -> Report:
    """Walk the whole trail in seq order; may raise DatabaseError on a broken database."""
    now = now or timezone.now()
    report = Report()
    previous_hash = chain.GENESIS
    previous_seq = 0
    previous_at: dt.datetime | None = None
    nulled_users: dict[int, list[tuple[int, int]]] = {}
    nulled_orgs: dict[int, list[tuple[int, int]]] = {}
    expected_found = False
    problems = report.problems
    for row in _rows(using):
        (pk, seq, stored, at, actor_id, actor_ref, actor_name, org_id, org_ref) = row[:9]
        action, target, before, after = row[9:]
        report.count += 1
        if seq != previous_seq + 1:
            first, last = previous_seq + 1, seq - 1
            gap = f"{first}" if first == last else f"{first}–{last}"
            problems.append(Problem(seq, pk, f"thiếu bản ghi số {gap} (đã bị xóa)"))
        body = chain.content(
            seq=seq,
            at=at,
            actor_ref=actor_ref,
            actor_name=actor_name,
            organisation_ref=org_ref,
            action=action,
            target=target,
            before=before,
            after=after,
        )
        if chain.link(previous_hash, body) != stored:
            # Past a broken link, the chain goes on from the hash as stored, so that
            # one changed entry is reported once, not with every entry after it.
            what = (
                "mã băm không khớp: bản ghi này đã bị sửa, hoặc bản ghi liền trước "
                "bị sửa rồi tính lại mã băm"
            )
            problems.append(Problem(seq, pk, what))
        if previous_at is not None and at < previous_at - TOLERANCE:
            problems.append(
                Problem(
                    seq,
                    pk,
                    f"ghi lùi thời gian: {vn_datetime(at)}, "
                    f"trước bản ghi liền trước ({vn_datetime(previous_at)})",
                )
            )
        if at > now + TOLERANCE:
            problems.append(Problem(seq, pk, f"thời điểm ở tương lai: {vn_datetime(at)}"))
        if actor_id is not None and actor_id != actor_ref:
            problems.append(
                Problem(seq, pk, f"liên kết người thực hiện bị đổi ({actor_ref} → {actor_id})")
            )
        elif actor_id is None and actor_ref is not None:
            nulled_users.setdefault(actor_ref, []).append((seq, pk))
        if org_id is not None and org_id != org_ref:
            problems.append(Problem(seq, pk, f"liên kết tổ chức bị đổi ({org_ref} → {org_id})"))
        elif org_id is None and org_ref is not None:
            nulled_orgs.setdefault(org_ref, []).append((seq, pk))
        if expect is not None and seq == expect[0]:
            expected_found = True
            if stored != expect[1]:
                problems.append(
                    Problem(seq, pk, "khác với đầu chuỗi đã xuất trước đây: chuỗi đã bị dựng lại")
                )
        previous_hash, previous_seq, previous_at = stored, seq, at
        report.head_seq, report.head_hash = seq, stored
    for ref in _gone(get_user_model(), nulled_users, using):
        for seq, pk in nulled_users[ref]:
            problems.append(
                Problem(
                    seq, pk, f"liên kết người thực hiện bị xóa lặng lẽ: tài khoản {ref} vẫn còn"
                )
            )
    # The model the entry points at, not an import of orgs: the trail sits below the tree.
    organisations = cast(type, AuditEntry._meta.get_field("organisation").related_model)
    for ref in _gone(organisations, nulled_orgs, using):
        for seq, pk in nulled_orgs[ref]:
            problems.append(
                Problem(seq, pk, f"liên kết tổ chức bị xóa lặng lẽ: tổ chức {ref} vẫn còn")
            )
    if expect is not None and not expected_found:
        problems.append(
            Problem(
                expect[0],
                0,
                "không còn bản ghi của đầu chuỗi đã xuất trước đây: phần cuối nhật ký đã bị xóa",
            )
        )
    problems.sort(key=lambda p: p.seq)
    return report
