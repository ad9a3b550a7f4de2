"""Pages of the organisation tree: browse, edit, import, audit (search is daihoi/search)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.audit import privacy
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.core.paging import paginate
from daihoi.core.tables import TableError, read_table
from daihoi.orgs import scope, trail, tree
from daihoi.orgs.actions import do_update_organisation
from daihoi.orgs.forms import ImportForm, OrganisationForm
from daihoi.orgs.import_job import do_start_org_import
from daihoi.orgs.importer import ImportRejected, plan_import
from daihoi.orgs.models import Organisation

CHILDREN_PER_PAGE = 50


def _breadcrumbs(request: HttpRequest, org: Organisation) -> list[Organisation]:
    root = scope.scope_root(request.user)
    below = root if root is not None and org.path.startswith(root.path) else None
    return tree.ancestors(org, below=below)


@login_required
def org_detail(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = scope.get_org_for_user(request.user, structure, code)
    # treebeard keeps the number of children; counting them again scans the level.
    page = paginate(request, tree.children(org), per_page=CHILDREN_PER_PAGE, count=org.numchild)
    children = list(page.object_list)
    # One indexed count per child on this page, never a walk of the subtree.
    below = tree.levels_below(org)
    sub_counts = tree.child_subtree_counts(children, below)
    levels = tree.counts_by_level(org, below)
    lowest = levels[-1].level if levels else None
    rows = [
        {
            "org": child,
            "cells": sub_counts[child.pk].get(lowest.pk, 0) if lowest else 0,
            "below": sum(sub_counts[child.pk].values()),
        }
        for child in children
    ]
    context = {
        "org": org,
        "breadcrumbs": _breadcrumbs(request, org),
        "levels": levels,
        "lowest": lowest,
        "page": page,
        "rows": rows,
        "can_write": scope.can_write(request.user, org),
        "is_staff": scope.is_staff(request.user),
    }
    template = "orgs/_children.html" if request.htmx else "orgs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _edit_page(
    request: HttpRequest, org: Organisation, form: OrganisationForm, status: int = 200
) -> HttpResponse:
    context = {"org": org, "form": form, "breadcrumbs": _breadcrumbs(request, org)}
    return render(request, "orgs/edit.html", context, status=status)


@require_GET
@login_required
def org_edit(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The edit form of an organisation; it posts to `org_update`."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    form = OrganisationForm(instance=Organisation.objects.get(pk=org.pk))
    return _edit_page(request, org, form)


@login_required
@require_POST
def org_update(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    form = OrganisationForm(request.POST, instance=Organisation.objects.get(pk=org.pk))
    if not form.is_valid():
        return _edit_page(request, org, form, status=400)
    changes = {name: form.cleaned_data[name] for name in form.changed_data}
    if "unit_type" in changes:
        unit_type = changes.pop("unit_type")
        changes["unit_type_id"] = unit_type.pk if unit_type else None
    do_update_organisation(org, changes, acting_user=scope.acting_user(request))
    messages.success(request, _("Đã lưu thay đổi."))
    return redirect("org_detail", structure=structure, code=code)


def _import_page(
    request: HttpRequest,
    org: Organisation,
    form: ImportForm,
    errors: Sequence[object] = (),
    status: int = 200,
) -> HttpResponse:
    context = {
        "org": org,
        "form": form,
        "errors": list(errors),
        "breadcrumbs": _breadcrumbs(request, org),
    }
    return render(request, "orgs/import.html", context, status=status)


@require_GET
@login_required
def org_import(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    """The import page; the file posts to `org_import_upload`."""
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    return _import_page(request, org, ImportForm())


@login_required
@require_POST
def org_import_upload(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = scope.get_org_for_user(request.user, structure, code, write=True)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, org, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        # Checking is quick and its errors show at once; the write runs as a job.
        table = read_table(upload.name, uploads.read_upload(upload))
        plan = plan_import(org.structure, table, scope_path=org.path)
    except (TableError, ImportRejected) as exc:
        return _import_page(request, org, form, exc.errors, status=400)
    try:
        job = do_start_org_import(
            org, plan, source=upload.name, acting_user=scope.acting_user(request)
        )
    except ActionRefused as exc:
        return _import_page(request, org, form, exc.reasons, status=409)
    return redirect("jobs_detail", pk=job.pk)


@login_required
def org_audit(request: HttpRequest, structure: str, code: str) -> HttpResponse:
    org = scope.get_org_for_user(request.user, structure, code)
    if not scope.is_staff(request.user):
        # The trail names accounts and internal fields: for the staff, not every role (17.1).
        raise PermissionDenied(_("Nhật ký thay đổi chỉ dành cho cán bộ ban tổ chức và lãnh đạo."))
    # Entries about cadres' records are personal data: only for those who may read them.
    hidden = privacy.hidden_prefixes(request.user, org)
    page = trail.trail_page(request, org, hidden)
    return render(
        request,
        "orgs/audit.html",
        {
            "org": org,
            "page": page,
            "personnel_hidden": "personnel." in hidden,
            "breadcrumbs": _breadcrumbs(request, org),
        },
    )
