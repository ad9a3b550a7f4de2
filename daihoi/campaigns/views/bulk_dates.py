"""The bulk date editor: the planned and held days of every unit under one, a page at a time.

The page (GET) shows a formset of one page of rows, narrowed by level and by
subordinate unit; it posts to its own URL, which saves every row or none. On a
refusal the page comes back with every row as typed and each bad field marked.
A file of dates (CSV or XLSX) goes to a third URL: the congress import, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns import queries
from daihoi.campaigns.access import get_campaign
from daihoi.campaigns.actions.bulk_dates import BulkRefused, BulkRow, do_bulk_update_congresses
from daihoi.campaigns.actions.congress_import import do_import_congresses
from daihoi.campaigns.congress_import import CongressImportRejected, plan_congress_import
from daihoi.campaigns.forms import (
    BULK_FIELDS,
    BULK_REFUSAL_FIELDS,
    BaseBulkDateFormSet,
    BulkFilterForm,
    CongressImportForm,
    bulk_formset,
)
from daihoi.campaigns.models import Campaign, Congress
from daihoi.core import uploads
from daihoi.core.paging import paginate
from daihoi.core.tables import TableError, read_table
from daihoi.db.limits import key_ids
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation

BULK_PAGE = 50
BulkFormSet = bulk_formset(BULK_PAGE)


@dataclass
class Rows:
    """The organisations a formset's forms stand for, with their records."""

    orgs: dict[int, Organisation]
    records: dict[int, Congress]

    def of(self, form: Any) -> tuple[Organisation | None, Congress | None]:
        ids = key_ids([str(form["org"].value() or "")])
        pk = ids[0] if ids else 0
        return self.orgs.get(pk), self.records.get(pk)


def _unit(request: HttpRequest, campaign: str, code: str) -> tuple[Campaign, Organisation]:
    camp = get_campaign(campaign)
    return camp, scope.get_org_for_user(request.user, camp.structure.code, code, write=True)


def _filtered(request: HttpRequest, org: Organisation) -> tuple[BulkFilterForm, Page[Any]]:
    """The filter form and the page of organisations it selects (all of them if invalid).

    The unit is looked up by the code typed, never listed: the page costs the same
    for a district of 100,000 cells as for one of ten (issue 19.5).
    """
    levels = {level.code: level for level in queries.levels_below(org)}
    form = BulkFilterForm(
        request.GET,
        levels=[(c, level.name) for c, level in levels.items()],
        find_unit=lambda code: queries.subordinate_units(org).filter(code=code).first(),
    )
    valid = form.is_valid()
    level = levels.get(form.cleaned_data.get("cap", "")) if valid else None
    unit = form.cleaned_data.get("don_vi") if valid else None
    found = queries.units_below(org, level=level, unit=unit)
    return form, paginate(request, found, per_page=BULK_PAGE)


def _render(
    request: HttpRequest,
    camp: Campaign,
    org: Organisation,
    *,
    formset: BaseBulkDateFormSet | None = None,
    rows: Rows | None = None,
    import_form: CongressImportForm | None = None,
    import_errors: list[str] | None = None,
) -> HttpResponse:
    filters, page = _filtered(request, org)
    if formset is None or rows is None:
        shown = list(page.object_list)
        rows = Rows({o.pk: o for o in shown}, queries.congresses_of(camp, shown))
        formset = BulkFormSet(initial=[_initial(o, rows.records.get(o.pk)) for o in shown])
    formset.focus_first_error()
    paired = [(form, *rows.of(form)) for form in formset]
    for form, unit, _record in paired:
        for name in BULK_FIELDS:
            field = form.fields[name]
            field.widget.attrs["aria-label"] = f"{field.label} {unit.name if unit else ''}"
    query = request.GET.urlencode()
    suggestions, more_units = queries.unit_suggestions(org)
    context = {
        "campaign": camp,
        "org": org,
        "unit_suggestions": suggestions,
        "more_units": more_units,
        "breadcrumbs": tree.ancestors(org, below=scope.scope_root(request.user)),
        "filters": filters,
        "page": page,
        # Not "query": the search box of base.html shows that one.
        "params": request.GET.copy(),
        "formset": formset,
        "rows": paired,
        "save_url": _with_query(reverse("congress_bulk_save", args=[camp.slug, org.code]), query),
        "import_url": _with_query(
            reverse("congress_bulk_import", args=[camp.slug, org.code]), query
        ),
        "import_form": import_form or CongressImportForm(),
        "import_errors": import_errors or [],
    }
    return render(request, "campaigns/bulk.html", context)


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _initial(org: Organisation, record: Congress | None) -> dict[str, Any]:
    return {
        "org": org.pk,
        "version": record.version if record else None,
        "planned_date": record.planned_date if record else None,
        "held_date": record.held_date if record else None,
    }


def _back(camp: Campaign, org: Organisation, request: HttpRequest) -> HttpResponse:
    url = reverse("congress_bulk", args=[camp.slug, org.code])
    return redirect(_with_query(url, request.GET.urlencode()))


@require_GET
@login_required
def congress_bulk(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    """Edit the planned and held dates of every congress under a unit, a page at a time."""
    camp, org = _unit(request, campaign, code)
    return _render(request, camp, org)


def _posted_rows(camp: Campaign, org: Organisation, formset: BaseBulkDateFormSet) -> Rows:
    """The organisations the posted rows name, if they lie under `org` (others are dropped)."""
    ids = key_ids(str(form["org"].value() or "") for form in formset)
    found = list(queries.units_below(org).filter(pk__in=ids))
    return Rows({o.pk: o for o in found}, queries.congresses_of(camp, found))


def _changes(formset: BaseBulkDateFormSet, rows: Rows) -> list[BulkRow]:
    """The rows whose days differ from the stored record (or open one)."""
    changed: list[BulkRow] = []
    for form in formset:
        unit, record = rows.of(form)
        if unit is None:
            continue
        changes = {
            name: form.cleaned_data[name]
            for name in BULK_FIELDS
            if (getattr(record, name) if record else None) != form.cleaned_data[name]
        }
        if not changes:
            continue
        version = form.cleaned_data.get("version")
        # A record opened by someone else since the page was read: refused as stale.
        known = record if record is not None and version is not None else None
        changed.append(BulkRow(unit, known.pk if known else None, version, changes))
    return changed


@login_required
@require_POST
def congress_bulk_save(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org = _unit(request, campaign, code)
    rows = _posted_rows(camp, org, BulkFormSet(request.POST))
    formset = BulkFormSet(request.POST, form_kwargs={"allowed": set(rows.orgs)})
    if formset.is_valid():
        try:
            changed = do_bulk_update_congresses(
                camp, _changes(formset, rows), acting_user=scope.acting_user(request)
            )
        except BulkRefused as exc:
            _mark(formset, rows, exc)
        else:
            messages.success(request, _("Đã cập nhật %(n)s đại hội.") % {"n": changed})
            return _back(camp, org, request)
    return _render(request, camp, org, formset=formset, rows=rows)


def _mark(formset: BaseBulkDateFormSet, rows: Rows, exc: BulkRefused) -> None:
    for form in formset:
        unit, _record = rows.of(form)
        if unit is not None and unit.pk in exc.by_row:
            form.refuse(exc.by_row[unit.pk], BULK_REFUSAL_FIELDS)


@login_required
@require_POST
def congress_bulk_import(request: HttpRequest, campaign: str, code: str) -> HttpResponse:
    camp, org = _unit(request, campaign, code)
    form = CongressImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.name or "", uploads.read_upload(upload))
            planned = plan_congress_import(camp.structure.code, table, scope_path=org.path)
            result = do_import_congresses(
                camp, planned, acting_user=scope.acting_user(request), source=upload.name or ""
            )
        except (TableError, CongressImportRejected) as exc:
            errors = [str(error) for error in exc.errors]
        else:
            messages.success(
                request,
                _(
                    "Đã nhập %(file)s: thêm mới %(created)s, cập nhật %(updated)s, "
                    "không đổi %(same)s."
                )
                % {
                    "file": upload.name,
                    "created": result.created,
                    "updated": result.updated,
                    "same": result.unchanged,
                },
            )
            return _back(camp, org, request)
    return _render(request, camp, org, import_form=form, import_errors=errors)
