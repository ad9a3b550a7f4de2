"""Django admin writes go through the audit trail like every other write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import HttpRequest

from daihoi.audit import log


def _plain(obj: Model) -> dict[str, Any]:
    values = model_to_dict(obj)
    values.pop("password", None)
    return {
        k: v.isoformat()
        if isinstance(v, dt.date)
        else v
        if isinstance(v, (str, int, float, bool, type(None), list, dict))
        else str(v)
        for k, v in values.items()
    }


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Record who changed what, before and after, for every save and delete in the admin."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = _plain(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        log.record(
            f"admin.{obj._meta.model_name}.{'update' if change else 'create'}",
            actor=request.user,  # type: ignore[arg-type]
            organisation=getattr(obj, "organisation", None),
            target=str(obj),
            before=before,
            after=_plain(obj),
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Inline rows (a campaign's plans and targets) are saved here, not in save_model.
        super().save_formset(request, form, formset, change)
        changed = [*formset.new_objects, *(obj for obj, _fields in formset.changed_objects)]
        for obj in changed:
            log.record(
                f"admin.{obj._meta.model_name}.save",
                actor=request.user,  # type: ignore[arg-type]
                organisation=getattr(obj, "organisation", None),
                target=str(obj),
                after=_plain(obj),
            )
        for obj in formset.deleted_objects:
            log.record(
                f"admin.{obj._meta.model_name}.delete",
                actor=request.user,  # type: ignore[arg-type]
                organisation=getattr(obj, "organisation", None),
                target=str(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = _plain(obj)
        log.record(
            f"admin.{obj._meta.model_name}.delete",
            actor=request.user,  # type: ignore[arg-type]
            organisation=getattr(obj, "organisation", None),
            target=str(obj),
            before=before,
        )
        super().delete_model(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Bulk deletes in the changelist would skip delete_model and the audit trail.
        return False
