"""The JSON API: organisations, their children, search. Scoped like the pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Swagger

from daihoi.api import campaigns, completeness, results
from daihoi.api.auth import SessionAuth, TokenAuth
from daihoi.api.revalidate import revalidated
from daihoi.api.schemas import (
    ERRORS,
    LevelCountOut,
    MeOut,
    OrgCode,
    OrgDetailOut,
    OrgOut,
    OrgPageOut,
    PageNumber,
    SearchLimit,
    SearchText,
    StructureCode,
)
from daihoi.api.units import level_out, page_of
from daihoi.orgs import scope, tree
from daihoi.orgs.models import Organisation
from daihoi.orgs.search import search_orgs


class _Docs(Swagger):
    # Our page around Swagger UI: the <html lang> and the favicon every page has.
    template = "api/swagger.html"


api = NinjaAPI(
    title="Đại hội API",
    version="1",
    description=(
        "Tổ chức đảng trong phạm vi của người dùng. "
        "Xác thực bằng Bearer token hoặc phiên đăng nhập."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs=_Docs(),
)
api.add_router("/campaigns", campaigns.router)
api.add_router("/campaigns", results.router)
api.add_router("/campaigns", completeness.router)


def _org(org: Organisation) -> OrgOut:
    return OrgOut(
        structure=org.structure.code,
        code=org.code,
        name=org.name,
        kind=org.kind,
        level=level_out(org.level),
        unit_type=org.unit_type.code if org.unit_type else None,
        members=org.members,
        valid_from=org.valid_from,
        valid_until=org.valid_until,
        children=org.numchild,
    )


@api.get("/me", response={200: MeOut, **ERRORS}, tags=["accounts"])
@revalidated()
def me(request: HttpRequest) -> MeOut:
    user = request.user
    org = scope.scope_root(user)
    if org is not None:
        org = Organisation.objects.select_related("level", "structure", "unit_type").get(pk=org.pk)
    return MeOut(
        username=user.get_username(),
        full_name=getattr(user, "full_name", ""),
        roles=list(getattr(user, "roles", [])),
        organisation=_org(org) if org else None,
    )


@api.get("/orgs/{structure}/{code}", response={200: OrgDetailOut, **ERRORS}, tags=["orgs"])
@revalidated()
def get_org(request: HttpRequest, structure: StructureCode, code: OrgCode) -> OrgDetailOut:
    org = scope.get_org_for_user(request.user, structure, code)
    root = scope.scope_root(request.user)
    parent: Organisation | None = Organisation.objects.get_parent(org) if org.depth > 1 else None
    visible_parent = parent is not None and (root is None or parent.path.startswith(root.path))
    return OrgDetailOut(
        **_org(org).dict(),
        parent_code=parent.code if parent is not None and visible_parent else None,
        below_by_level=[
            LevelCountOut(
                level=level_out(c.level),
                count=c.count,
            )
            for c in tree.counts_by_level(org)
        ],
    )


@api.get("/orgs/{structure}/{code}/children", response={200: OrgPageOut, **ERRORS}, tags=["orgs"])
@revalidated()
def get_children(
    request: HttpRequest, structure: StructureCode, code: OrgCode, page: PageNumber = 1
) -> OrgPageOut:
    org = scope.get_org_for_user(request.user, structure, code)
    found = page_of(tree.children(org).select_related("structure"), page)
    return OrgPageOut(
        **found.meta(),
        items=[_org(child) for child in found.rows],
    )


@api.get("/search", response={200: list[OrgOut], **ERRORS}, tags=["orgs"])
@revalidated()
def search(request: HttpRequest, q: SearchText, limit: SearchLimit = 30) -> list[OrgOut]:
    found = search_orgs(request.user, q, limit=limit)
    return [_org(org) for org in found]
