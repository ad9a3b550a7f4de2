"""Moving a step (/chuyen-buoc/) and taking it back (/rut-buoc/) from the congress page."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from daihoi.campaigns.models import Congress, CongressState
from tests.campaigns.helpers import client_of, dong_buc_congress, reader, refresh_congress
from tests.conftest import login

pytestmark = pytest.mark.django_db
S = CongressState
PAGE = "/dai-hoi/thu-nghiem/06553/"
MOVE = PAGE + "chuyen-buoc/"
BACK = PAGE + "rut-buoc/"


@pytest.fixture
def dong_buc() -> Congress:
    congress = dong_buc_congress()
    Congress.objects.filter(pk=congress.pk).update(planned_date=dt.date(2020, 3, 1))
    return refresh_congress(congress)


def test_the_page_lists_the_blockers_and_disables_the_step() -> None:
    dong_buc_congress()
    page = login("locbinh").get(PAGE).content.decode()
    assert 'id="blockers"' in page
    assert "Chưa có ngày dự kiến tổ chức đại hội." in page
    assert "disabled" in page


def test_it_moves_a_step(dong_buc: Congress) -> None:
    response = login("locbinh").post(MOVE, {"state": S.PLANNED})
    assert response.status_code == 302 and response["Location"] == PAGE
    assert refresh_congress(dong_buc).state == S.PREPARING


def test_a_refused_step_comes_back_with_its_reasons(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(state=S.PREPARING)
    response = login("locbinh").post(MOVE, {"state": S.PREPARING})
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert "chưa duyệt văn kiện" in page.get_element_by_id("step-errors").text_content()
    # The congress form is shown as stored, not blanked by the refused step.
    assert page.get_element_by_id("id_planned_date").get("value") == "01/03/2020"
    assert refresh_congress(dong_buc).state == S.PREPARING


def test_a_second_click_is_refused_not_moved_twice(dong_buc: Congress) -> None:
    client = login("locbinh")
    client.post(MOVE, {"state": S.PLANNED})
    response = client.post(MOVE, {"state": S.PLANNED})
    assert response.status_code == 200
    assert refresh_congress(dong_buc).state == S.PREPARING


def test_a_step_that_cannot_be_undone_asks_first(dong_buc: Congress) -> None:
    Congress.objects.filter(pk=dong_buc.pk).update(
        state=S.PERSONNEL_APPROVED, held_date=dt.date(2020, 3, 2)
    )
    page = lxml.html.fromstring(login("locbinh").get(PAGE).content)
    (button,) = page.xpath(f'//form[@action="{MOVE}"]//button')
    assert "không tự quay lại được" in button.get("data-confirm")


def test_the_one_who_moved_sees_the_way_back_and_takes_it(dong_buc: Congress) -> None:
    client = login("locbinh")
    client.post(MOVE, {"state": S.PLANNED})
    page = lxml.html.fromstring(client.get(PAGE).content)
    (button,) = page.xpath(f'//form[@action="{BACK}"]//button')
    assert button.get("data-confirm")
    assert not lxml.html.fromstring(login("langson").get(PAGE).content).xpath(
        f'//form[@action="{BACK}"]'
    )
    response = client.post(BACK, {"state": S.PREPARING})
    assert response.status_code == 302
    assert refresh_congress(dong_buc).state == S.PLANNED


def test_someone_else_is_refused_the_way_back(dong_buc: Congress) -> None:
    login("locbinh").post(MOVE, {"state": S.PLANNED})
    response = login("langson").post(BACK, {"state": S.PREPARING})
    assert response.status_code == 200
    assert "Chỉ người đã chuyển bước này" in response.content.decode()
    assert refresh_congress(dong_buc).state == S.PREPARING


def test_they_reject_get(dong_buc: Congress) -> None:
    client = login("locbinh")
    assert client.get(MOVE).status_code == 405 and client.get(BACK).status_code == 405


def test_they_require_write_access(dong_buc: Congress) -> None:
    for url in (MOVE, BACK):
        assert client_of(reader()).post(url, {}).status_code == 403
        assert login("soctrang").post(url, {}).status_code == 404
    assert refresh_congress(dong_buc).state == S.PLANNED
