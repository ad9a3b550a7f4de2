"""The dashboard and the bulk editor, as a department uses them."""

from __future__ import annotations

import datetime as dt

import pytest

from daihoi.campaigns.models import Congress
from tests.campaigns.helpers import open_congresses, small_campaign
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> None:
    c = small_campaign()
    open_congresses(c, "188", planned_date=dt.date(2020, 3, 1))
    Congress.objects.filter(campaign=c, organisation__code__startswith="06553-").update(
        held_date=dt.date(2020, 2, 20)
    )


def test_the_dashboard_shows_cells_held_by_the_day(campaign: None) -> None:
    page = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=20/02/2020").content.decode()
    held = Congress.objects.filter(campaign__slug="thu-nghiem", held_date__isnull=False).count()
    assert held > 0
    assert 'data-level="chi-bo"' in page
    assert f'<span class="held">{held}</span>/<span class="total">388</span>' in page
    assert "Đảng bộ xã Đồng Bục" in page
    before = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=19/02/2020").content.decode()
    assert '<span class="held">0</span>/<span class="total">388</span>' in before


def test_a_bad_date_says_so_and_falls_back_to_today(campaign: None) -> None:
    page = login("locbinh").get("/tong-quan/thu-nghiem/188/?ngay=31/02/2020").content.decode()
    assert "Ngày «31/02/2020» không hợp lệ" in page


def test_the_home_of_the_dashboard_opens_the_users_organisation(campaign: None) -> None:
    response = login("locbinh").get("/tong-quan/")
    assert response.status_code == 302 and response["Location"].endswith("/188/")


def test_another_province_gets_404(campaign: None) -> None:
    assert login("soctrang").get("/tong-quan/thu-nghiem/188/").status_code == 404


def test_the_bulk_editor_saves_many_rows_at_once(campaign: None) -> None:
    client = login("langson")
    page = client.get("/dai-hoi/thu-nghiem/188/cap-nhat/").content.decode()
    assert "Đảng bộ xã Đồng Bục" in page
    dong_buc = Congress.objects.get(campaign__slug="thu-nghiem", organisation__code="06553")
    other = Congress.objects.get(campaign__slug="thu-nghiem", organisation__code="06556")
    response = client.post(
        "/dai-hoi/thu-nghiem/188/cap-nhat/",
        {
            f"planned_date-{dong_buc.organisation_id}": "01/03/2020",
            f"held_date-{dong_buc.organisation_id}": "05/03/2020",
            f"version-{dong_buc.organisation_id}": str(dong_buc.version),
            f"planned_date-{other.organisation_id}": "02/03/2020",
            f"held_date-{other.organisation_id}": "",
            f"version-{other.organisation_id}": str(other.version),
        },
    )
    assert response.status_code == 302
    saved = Congress.objects.get(pk=dong_buc.pk)
    assert str(saved.held_date) == "2020-03-05"
    # The unit's reported date marks its congress held; the other is still planned.
    assert saved.state == "held" and saved.held_at is not None
    assert Congress.objects.get(pk=other.pk).state == "planned"
    assert str(Congress.objects.get(pk=other.pk).planned_date) == "2020-03-02"


def test_one_bad_row_in_the_bulk_editor_saves_nothing(campaign: None) -> None:
    client = login("langson")
    dong_buc = Congress.objects.get(campaign__slug="thu-nghiem", organisation__code="06553")
    other = Congress.objects.get(campaign__slug="thu-nghiem", organisation__code="06556")
    page = client.post(
        "/dai-hoi/thu-nghiem/188/cap-nhat/",
        {
            f"planned_date-{dong_buc.organisation_id}": "09/03/2020",
            f"version-{dong_buc.organisation_id}": str(dong_buc.version),
            f"planned_date-{other.organisation_id}": "32/03/2020",
            f"version-{other.organisation_id}": str(other.version),
        },
    ).content.decode()
    assert "«32/03/2020» không hợp lệ" in page
    assert str(Congress.objects.get(pk=dong_buc.pk).planned_date) == "2020-03-01"


def test_a_leader_cannot_open_the_bulk_editor(campaign: None) -> None:
    assert login("lanhdao").get("/dai-hoi/thu-nghiem/34/cap-nhat/").status_code == 403
