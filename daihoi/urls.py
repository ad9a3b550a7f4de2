"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

from daihoi.api.endpoints import api
from daihoi.web import design

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("giao-dien/", design.design_system, name="design_system"),
    path("", include("daihoi.campaigns.urls")),
    path("", include("daihoi.reports.urls")),
    path("", include("daihoi.elections.urls")),
    path("", include("daihoi.elections.document_urls")),
    path("", include("daihoi.personnel.urls")),
    path("", include("daihoi.drafts.urls")),
    path("", include("daihoi.assembly.urls")),
    path("", include("daihoi.results.urls")),
    path("", include("daihoi.proceedings.urls")),
    path("", include("daihoi.jobs.urls")),
    path("", include("daihoi.ops.urls")),
    path("", include("daihoi.web.urls")),
    path("", include("daihoi.orgs.urls")),
    path("", include("daihoi.search.urls")),
    path("", include("daihoi.accounts.urls")),
    path("", include("daihoi.rosters.urls")),
    path("", include("daihoi.notifications.urls")),
    path("", include("daihoi.completeness.urls")),
    path("", include("daihoi.earlywarning.urls")),
    path("", include("daihoi.workqueue.urls")),
]

# Vietnamese error pages in the site's layout (daihoi.web.errors); JSON under /api/.
handler400 = "daihoi.web.errors.bad_request"
handler403 = "daihoi.web.errors.permission_denied"
handler404 = "daihoi.web.errors.page_not_found"
handler500 = "daihoi.web.errors.server_error"
