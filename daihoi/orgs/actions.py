"""Every change to the organisation tree; each writes its audit entries."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.tables import CellError
from daihoi.lib.text import fold
from daihoi.orgs import hall
from daihoi.orgs.importer import ImportPlan, ImportRejected
from daihoi.orgs.maintenance import after_bulk_write
from daihoi.orgs.models import Organisation, UnitType
from daihoi.orgs.names import checked_name
from daihoi.orgs.signals import subtree_moved

if TYPE_CHECKING:
    from daihoi.accounts.models import User

Progress = Callable[[str, int, int], None]
EDITABLE = ("name", "kind", "unit_type_id", "members", "valid_from", "valid_until")


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def snapshot(org: Organisation) -> dict[str, Any]:
    """Return the audited fields of an organisation."""
    return _jsonable(
        {
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "level_id": org.level_id,
            "unit_type_id": org.unit_type_id,
            "members": org.members,
            "valid_from": org.valid_from,
            "valid_until": org.valid_until,
            "path": org.path,
        }
    )


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    moved: int
    unchanged: int


def _allocate_paths(plan: ImportPlan) -> tuple[list[Organisation], Counter[str]]:
    """Give each new organisation the next free treebeard path under its parent."""
    step = Organisation.steplen
    last_step: dict[str, int] = {}
    path_of: dict[str, str] = {}
    for stored in plan.existing.values():
        number = Organisation._str2int(stored.path[-step:])
        if number > last_step.get(stored.parent_path, 0):
            last_step[stored.parent_path] = number
        path_of[stored.code] = stored.path
    # Roots of every structure share one level of the tree, so look beyond this one.
    last_root = (
        Organisation.objects.filter(depth=1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    if last_root:
        last_step[""] = Organisation._str2int(last_root)
    new_children: Counter[str] = Counter()
    objects: list[Organisation] = []
    pad = Organisation.alphabet[0]
    for row in plan.creates:
        if row.level is None:  # plan_import refuses such rows
            raise ValueError(row.code)
        parent_path = path_of[row.parent_code] if row.parent_code else ""
        number = last_step.get(parent_path, 0) + 1
        key = Organisation._int2str(number)
        if len(key) > step:
            raise ImportRejected(
                [
                    CellError(
                        row.number,
                        "parent_code",
                        row.parent_code,
                        _("Quá nhiều tổ chức trực thuộc một cấp trên."),
                    )
                ]
            )
        last_step[parent_path] = number
        path = parent_path + key.rjust(step, pad)
        path_of[row.code] = path
        new_children[parent_path] += 1
        objects.append(
            Organisation(
                structure=plan.structure,
                code=row.code,
                name=row.name,
                search_name=fold(row.name),
                kind=row.kind,
                level=row.level,
                unit_type=row.unit_type,
                members=row.members or 0,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                path=path,
                depth=len(path) // step,
                numchild=0,
            )
        )
    for obj in objects:
        obj.numchild = new_children.get(obj.path, 0)
    return objects, new_children


def do_import_organisations(
    plan: ImportPlan,
    *,
    acting_user: User | None,
    source: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Apply a validated import plan: create, update and move, all or nothing.

    `progress(label, done, total)` is called between batches; whatever it raises
    (a cancel, Ctrl-C) rolls the whole import back. On SQLite a big plan is refused
    while a sitting is open (daihoi/orgs/hall.py), before its transaction begins.
    """
    hall.refuse_long_write_while_hall_busy(plan.changes)
    return _import_organisations(plan, acting_user=acting_user, source=source, progress=progress)


@transaction.atomic
def _import_organisations(
    plan: ImportPlan,
    *,
    acting_user: User | None,
    source: str,
    progress: Progress | None,
) -> ImportResult:
    objects, new_children = _allocate_paths(plan)
    new_paths = {obj.path for obj in objects}
    created: list[Organisation] = []
    batch = 5000
    for start in range(0, len(objects), batch):
        created.extend(Organisation.objects.bulk_create(objects[start : start + batch]))
        if progress:
            progress(_("Đang ghi tổ chức"), min(start + batch, len(objects)), len(objects))
    for parent_path, count in new_children.items():
        if parent_path and parent_path not in new_paths:
            Organisation.objects.filter(path=parent_path).update(numchild=F("numchild") + count)
    log.record_many(
        "org.create",
        actor=acting_user,
        entries=((obj, f"{obj.code} {obj.name}", None, snapshot(obj)) for obj in created),
    )

    for index, (stored, changed) in enumerate(plan.updates, 1):
        if progress and (index % 100 == 0 or index == len(plan.updates)):
            progress(_("Đang cập nhật tổ chức"), index, len(plan.updates))
        org = Organisation.objects.select_for_update().get(pk=stored.pk)
        before = snapshot(org)
        for attr, value in changed.items():
            setattr(org, attr, value)
        org.search_name = fold(org.name)
        org.save(update_fields=[*changed.keys(), "search_name"])
        log.record(
            "org.update",
            actor=acting_user,
            organisation=org,
            target=f"{org.code} {org.name}",
            before=before,
            after=snapshot(org),
        )

    for index, (stored, parent_code) in enumerate(plan.moves, 1):
        if progress and (index % 100 == 0 or index == len(plan.moves)):
            progress(_("Đang chuyển cấp trên"), index, len(plan.moves))
        org = Organisation.objects.get(pk=stored.pk)
        target = Organisation.objects.get(structure=plan.structure, code=parent_code)
        before = snapshot(org)
        old_path = org.path
        Organisation.objects.move(org, target, "last-child")
        org.refresh_from_db()
        subtree_moved.send(sender=Organisation, old_path=old_path, new_path=org.path)
        log.record(
            "org.move",
            actor=acting_user,
            organisation=org,
            target=f"{org.code} {org.name}",
            before=before,
            after=snapshot(org),
        )

    result = ImportResult(
        created=len(created),
        updated=len(plan.updates),
        moved=len(plan.moves),
        unchanged=len(plan.rows)
        - len(created)
        - len({s.pk for s, _c in plan.updates} | {s.pk for s, _p in plan.moves}),
    )
    after_bulk_write(result.created + result.updated)
    log.record(
        "org.import",
        actor=acting_user,
        organisation=acting_user.organisation if acting_user else None,
        target=source,
        after={"rows": len(plan.rows), **result.__dict__},
    )
    return result


@transaction.atomic
def do_update_organisation(
    org: Organisation, changes: dict[str, Any], *, acting_user: User
) -> Organisation:
    """Change the editable fields of one organisation."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "name" in changes:
        changes = {**changes, "name": checked_name(changes["name"], field=_("Tên tổ chức"))}
    locked = Organisation.objects.select_for_update().get(pk=org.pk)
    before = snapshot(locked)
    for attr, value in changes.items():
        setattr(locked, attr, value)
    locked.save()
    after = snapshot(locked)
    if after != before:
        log.record(
            "org.update",
            actor=acting_user,
            organisation=locked,
            target=f"{locked.code} {locked.name}",
            before=before,
            after=after,
        )
    return locked


@transaction.atomic
def do_create_unit_type(code: str, name: str, *, acting_user: User | None) -> UnitType:
    """Add a unit type to the shared list."""
    unit_type = UnitType.objects.create(
        code=code, name=checked_name(name, field=_("Tên loại hình tổ chức"))
    )
    log.record(
        "unit_type.create",
        actor=acting_user,
        organisation=None,
        target=f"{code} {name}",
        after={"code": code, "name": unit_type.name},
    )
    return unit_type
