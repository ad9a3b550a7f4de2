"""Pages of the governing documents register (/van-ban/): list, detail, file, register, cascade."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from daihoi.campaigns import documents
from daihoi.campaigns.actions.documents import do_register_document
from daihoi.campaigns.document_forms import DocumentSearchForm, RegisterDocumentForm
from daihoi.campaigns.models import GoverningDocument
from daihoi.core.downloads import attachment
from daihoi.core.paging import paginate
from daihoi.lib.docnumbers import DocumentNumberError, parse_document_number
from daihoi.orgs import scope, tree

PER_PAGE = 50
SUGGESTIONS = 300


def _search(qs: QuerySet[GoverningDocument], query: str) -> QuerySet[GoverningDocument]:
    types, issuers = documents.known_codes()
    try:
        parsed = parse_document_number(query, types=types, issuers=issuers)
    except DocumentNumberError:
        condition = Q(title__icontains=query) | Q(number_text=query)
        if query.isdigit():
            condition |= Q(number=int(query))
        return qs.filter(condition)
    return qs.filter(
        number=parsed.number, doc_type__code=parsed.doc_type, issuer__code=parsed.issuer
    )


@login_required
def documents_list(request: HttpRequest) -> HttpResponse:
    form = DocumentSearchForm(request.GET or None)
    qs = documents.visible_documents(request.user)
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            qs = _search(qs, query)
        if doc_type := form.cleaned_data["type"]:
            qs = qs.filter(doc_type=doc_type)
    page = paginate(request, qs, per_page=PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "can_register": documents.can_register_documents(request.user),
    }
    return render(request, "campaigns/documents/list.html", context)


@login_required
def documents_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = documents.get_document_for_user(request.user, pk)
    visible = documents.visible_documents(request.user)
    context = {
        "document": document,
        "implements": visible.filter(pk=document.implements_id).first()
        if document.implements_id
        else None,
        "implementations": visible.filter(implements=document).order_by("date", "pk"),
        "amends": visible.filter(amended_by=document).order_by("date", "pk"),
        "amended_by": visible.filter(amends=document).order_by("date", "pk"),
        "can_register": documents.can_register_documents(request.user),
        # A superior's plan is read below it, but its issuer's page is outside the scope.
        "issuer_linked": scope.is_staff(request.user)
        and scope.can_see(request.user, document.organisation),
    }
    return render(request, "campaigns/documents/detail.html", context)


@login_required
def documents_file(request: HttpRequest, pk: int) -> FileResponse:
    document = documents.get_document_for_user(request.user, pk)
    if not document.file:
        raise Http404(_("Văn bản này chưa có tệp đính kèm."))
    try:
        with document.file.open("rb") as handle:
            body = handle.read()
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp của văn bản.")) from exc
    # At most the upload cap (20 MB): read whole, handed over by the one download helper.
    return attachment(body, document.file.name.rsplit("/", 1)[-1])


def _may_register(request: HttpRequest) -> None:
    if not documents.can_register_documents(request.user):
        raise PermissionDenied(_("Bạn không có quyền đăng ký văn bản."))


def _register_page(request: HttpRequest, form: RegisterDocumentForm) -> HttpResponse:
    suggestions = documents.visible_documents(request.user)[:SUGGESTIONS]
    return render(
        request,
        "campaigns/documents/register.html",
        {"form": form, "suggestions": suggestions},
    )


@require_GET
@login_required
def documents_register(request: HttpRequest) -> HttpResponse:
    """The register form, filled in from ?org= and ?implements= where given."""
    _may_register(request)
    root = scope.scope_root(request.user)
    initial: dict[str, str] = {
        "organisation": request.GET.get("org") or (root.code if root else "")
    }
    implemented = request.GET.get("implements", "")
    if implemented.isdigit():
        source = documents.visible_documents(request.user).filter(pk=int(implemented)).first()
        if source is not None:
            initial["implements"] = f"{source.code} {source.organisation.code}"
    return _register_page(request, RegisterDocumentForm(request.user, initial=initial))


@login_required
@require_POST
def documents_register_save(request: HttpRequest) -> HttpResponse:
    _may_register(request)
    form = RegisterDocumentForm(request.user, request.POST, request.FILES)
    if form.is_valid() and form.issuing_org is not None:
        try:
            document = do_register_document(
                organisation=form.issuing_org,
                number_text=form.cleaned_data["number_text"],
                date=form.cleaned_data["date"],
                title=form.cleaned_data["title"],
                implements=form.implements_doc,
                amends=form.amends_docs,
                upload=form.cleaned_data.get("upload"),
                acting_user=scope.acting_user(request),
            )
        except documents.DocumentRefused as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã đăng ký văn bản %(code)s.") % {"code": document.code})
            return redirect("documents_detail", pk=document.pk)
    return _register_page(request, form)


@login_required
def documents_cascade(request: HttpRequest, pk: int, code: str | None = None) -> HttpResponse:
    document = documents.get_document_for_user(request.user, pk)
    structure = document.organisation.structure.code
    if code is None:
        root = scope.scope_root(request.user)
        org = root if root is not None else document.organisation
        code = org.code
    org = scope.get_org_for_user(request.user, structure, code)
    chain = documents.implementation_chain(document)
    # treebeard's numchild: counting 100,000 children again scans them (issue 19.5).
    page = paginate(request, tree.children(org), per_page=PER_PAGE, count=org.numchild)
    rows = [
        {
            "org": child,
            "documents": chain.by_org.get(child.pk, []),
            "below": documents.issued_below(child, chain),
        }
        for child in page.object_list
    ]
    root = scope.scope_root(request.user)
    # Named apart from "org" and "breadcrumbs", which the base template links to org pages.
    context = {
        "document": document,
        "unit": org,
        "trail": tree.ancestors(
            org, below=root if root is not None and org.path.startswith(root.path) else None
        ),
        "levels": documents.progress_by_level(org, chain),
        "own": chain.by_org.get(org.pk, []),
        "rows": rows,
        "page": page,
    }
    return render(request, "campaigns/documents/cascade.html", context)
