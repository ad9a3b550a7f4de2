"""Campaign URLs: the dashboard, a congress record and its writes, the bulk date editor.

Each write nests under the congress (or the unit) it changes and takes POST only.
"""

from django.urls import URLPattern, URLResolver, include, path

from daihoi.campaigns.views import (
    approvals,
    approvals_page,
    bulk_dates,
    congress,
    dashboard,
    lifecycle,
)

CONGRESS = "dai-hoi/<slug:campaign>/<str:code>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("van-ban/", include("daihoi.campaigns.document_urls")),
    path("tong-quan/", dashboard.dashboard_home, name="dashboard_home"),
    path("tong-quan/<slug:campaign>/<str:code>/", dashboard.dashboard, name="dashboard"),
    path(CONGRESS, congress.congress_detail, name="congress_detail"),
    path(f"{CONGRESS}luu/", congress.congress_save, name="congress_save"),
    path(f"{CONGRESS}chuyen-buoc/", lifecycle.congress_transition, name="congress_transition"),
    path(f"{CONGRESS}rut-buoc/", lifecycle.congress_withdraw_step, name="congress_withdraw_step"),
    path(
        f"{CONGRESS}duyet-van-kien/",
        approvals.congress_approve_documents,
        name="congress_approve_documents",
    ),
    path(
        f"{CONGRESS}duyet-nhan-su/",
        approvals.congress_approve_personnel,
        name="congress_approve_personnel",
    ),
    # A unit asks, its superior returns or withdraws with a reason (one URL per kind).
    *[
        path(
            f"{CONGRESS}{segment}-{slug}/",
            getattr(approvals, f"congress_{verb}_{kind}"),
            name=f"congress_{verb}_{kind}",
        )
        for verb, segment in (("submit", "gui"), ("return", "tra-lai"), ("withdraw", "rut-duyet"))
        for kind, slug in (("documents", "van-kien"), ("personnel", "nhan-su"))
    ],
    # The superior's page: the units directly below `code`, by state; approve several.
    path(
        "phe-duyet/<slug:campaign>/<str:code>/",
        approvals_page.approvals_page,
        name="approvals_page",
    ),
    path(
        "phe-duyet/<slug:campaign>/<str:code>/duyet/",
        approvals_page.approvals_approve_many,
        name="approvals_approve_many",
    ),
    # The bulk editor's code is the unit whose subordinate units' dates it edits.
    path(f"{CONGRESS}cap-nhat/", bulk_dates.congress_bulk, name="congress_bulk"),
    path(f"{CONGRESS}cap-nhat/luu/", bulk_dates.congress_bulk_save, name="congress_bulk_save"),
    path(
        f"{CONGRESS}cap-nhat/nhap-tep/",
        bulk_dates.congress_bulk_import,
        name="congress_bulk_import",
    ),
]
