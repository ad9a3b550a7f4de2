"""Results reported by form or file through the API: the same list and shape as announced
elections (issue 18.7), one item per body the report recorded, scoped and paginated."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from daihoi.api.units import PAGE_SIZE
from daihoi.campaigns.models import Congress
from daihoi.orgs.models import Organisation
from tests.api.test_api import api
from tests.campaigns.helpers import client_of, user
from tests.results.test_file_bounded import held_cells, workbook

pytestmark = pytest.mark.django_db


def reported(n: int) -> list[Congress]:
    """n cells under Lộc Bình that reported through the file: three members each, one the
    secretary, one a woman, two first-time, two of an ethnic minority, one under 40, and
    one delegate to their commune's congress."""
    cells = held_cells(n)
    response = client_of(user("locbinh")).post(
        f"/ket-qua/{cells[0].campaign.slug}/188/nhap-tep/",
        {"file": SimpleUploadedFile("kq.xlsx", workbook(cells))},
    )
    assert response.status_code == 302
    return cells


def test_a_reported_congress_lists_its_committee_secretary_and_delegates() -> None:
    [cell] = reported(1)
    body = api("locbinh").get(f"/api/campaigns/{cell.campaign.slug}/results/188").json()
    assert body["count"] == 3
    by_kind = {item["kind"]: item for item in body["items"]}
    assert list(by_kind) == ["committee", "secretary", "delegates"]
    committee = by_kind["committee"]
    assert committee["source"] == "report" and committee["election"] is None
    assert committee["unit"]["code"] == cell.organisation.code
    assert committee["title"] == "Ban Chấp hành"
    assert committee["ballots_valid"] is None and committee["announced_at"]
    assert [e["full_name"] for e in committee["elected"]] == [
        "Hoàng Văn Thắng", "Lăng Thị Hà", "Nông Văn Quý",
    ]  # fmt: skip
    assert committee["elected"][0]["votes"] is None
    figures = committee["composition"]
    assert (figures["members"], figures["women"], figures["first_time"]) == (3, 1, 2)
    assert (figures["ethnic_minority"], figures["under_40"], figures["standing"]) == (2, 1, 0)
    assert [e["full_name"] for e in by_kind["secretary"]["elected"]] == ["Hoàng Văn Thắng"]
    assert by_kind["delegates"]["composition"]["members"] == 1


def test_a_held_congress_not_yet_reported_is_not_listed() -> None:
    [cell] = held_cells(1)
    body = api("locbinh").get(f"/api/campaigns/{cell.campaign.slug}/results/188").json()
    assert body["count"] == 0


def test_reports_are_scoped_like_the_pages() -> None:
    [cell] = reported(1)
    slug = cell.campaign.slug
    assert api("soctrang").get(f"/api/campaigns/{slug}/results/188").status_code == 404
    # The cell's own commune sees it; a sibling commune's subtree does not hold it.
    step = Organisation.steplen
    commune = Organisation.objects.get(path=cell.org_path[:-step])
    assert api("locbinh").get(f"/api/campaigns/{slug}/results/{commune.code}").json()["count"]
    siblings = Organisation.objects.filter(
        depth=commune.depth, path__startswith=commune.path[:-step]
    ).exclude(pk=commune.pk)
    sibling = siblings.first()
    assert sibling is not None
    url = f"/api/campaigns/{slug}/results/{sibling.code}"
    assert api("locbinh").get(url).json()["count"] == 0


def test_items_are_paginated_in_the_units_order() -> None:
    cells = reported(PAGE_SIZE // 3 + 1)  # three items a unit: more than a page
    url = f"/api/campaigns/{cells[0].campaign.slug}/results/188"
    first = api("locbinh").get(url).json()
    second = api("locbinh").get(url + "?page=2").json()
    assert first["count"] == 3 * len(cells) and first["pages"] == 2
    items = first["items"] + second["items"]
    assert len(first["items"]) == PAGE_SIZE and len(items) == first["count"]
    units = [item["unit"]["code"] for item in items]
    assert units == [c.organisation.code for c in cells for _body in range(3)]
