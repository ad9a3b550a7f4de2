"""The congress page and saving its details (/dai-hoi/<campaign>/<code>/luu/)."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from daihoi.campaigns.models import Congress
from tests.campaigns.helpers import (
    client_of,
    dong_buc_congress,
    reader,
    refresh_congress,
    submitted,
)
from tests.conftest import login

pytestmark = pytest.mark.django_db
PAGE = "/dai-hoi/thu-nghiem/06553/"
SAVE = PAGE + "luu/"


@pytest.fixture
def dong_buc() -> Congress:
    return dong_buc_congress()


def record_form(html: bytes) -> dict[str, str]:
    """The congress form's values as the page shows them."""
    page = lxml.html.fromstring(html)
    (form,) = [f for f in page.forms if (f.action or "").endswith("/luu/")]
    return {k: v for k, v in form.form_values() if k != "csrfmiddlewaretoken"}


def test_the_page_offers_one_form_per_write(dong_buc: Congress) -> None:
    submitted(dong_buc, "documents")  # so that the superior has a request to decide
    page = lxml.html.fromstring(login("langson").get(PAGE).content)
    actions = sorted((f.action or "").removeprefix(PAGE) for f in page.forms if f.method == "POST")
    assert "chuyen-buoc/" in actions and "luu/" in actions and "duyet-van-kien/" in actions
    assert "tra-lai-van-kien/" in actions and "gui-nhan-su/" in actions
    assert not page.xpath('//input[@name="action"]')
    # The lifecycle's template comment stays a comment.
    assert "{#" not in page.text_content() and "move_url" not in page.text_content()


def test_it_saves(dong_buc: Congress) -> None:
    client = login("locbinh")
    body = record_form(client.get(PAGE).content)
    body.update(planned_date="10/03/2020", pilot_lessons="Rút kinh nghiệm")
    response = client.post(SAVE, body)
    assert response.status_code == 302 and response["Location"] == PAGE
    assert refresh_congress(dong_buc).planned_date == dt.date(2020, 3, 10)


def test_a_refused_save_keeps_what_was_typed_and_marks_the_field(dong_buc: Congress) -> None:
    client = login("locbinh")
    body = record_form(client.get(PAGE).content)
    body.update(held_date="10/03/2020", held_end_date="09/03/2020", pilot_lessons="Gõ dở")
    response = client.post(SAVE, body)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    closing = page.get_element_by_id("id_held_end_date")
    assert closing.get("aria-invalid") == "true" and closing.get("autofocus") is not None
    assert closing.get("value") == "09/03/2020"
    assert "Gõ dở" in page.get_element_by_id("id_pilot_lessons").text_content()
    assert "Ngày bế mạc đứng trước ngày khai mạc." in response.content.decode()
    assert refresh_congress(dong_buc).held_date is None


def test_a_stale_copy_is_told_and_kept(dong_buc: Congress) -> None:
    client = login("locbinh")
    body = record_form(client.get(PAGE).content)
    Congress.objects.filter(pk=dong_buc.pk).update(version=5)
    body.update(pilot_lessons="Của tôi")
    response = client.post(SAVE, body)
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert "Của tôi" in response.content.decode()


def test_a_missing_version_is_never_shown_as_a_hidden_field_error(dong_buc: Congress) -> None:
    client = login("locbinh")
    body = record_form(client.get(PAGE).content)
    del body["version"]
    page = client.post(SAVE, body).content.decode()
    assert "Trường ẩn" not in page and "Hidden field" not in page
    assert "Trang này đã cũ" in page


def test_it_rejects_get(dong_buc: Congress) -> None:
    assert login("locbinh").get(SAVE).status_code == 405


def test_it_requires_write_access(dong_buc: Congress) -> None:
    body = {"version": "1", "planned_date": "10/03/2020"}
    assert client_of(reader("188")).post(SAVE, body).status_code == 403
    assert login("soctrang").post(SAVE, body).status_code == 404
    assert refresh_congress(dong_buc).planned_date is None


def test_another_province_cannot_open_the_congress_page(dong_buc: Congress) -> None:
    assert login("soctrang").get(PAGE).status_code == 404


def test_the_page_answers_post_with_405(dong_buc: Congress) -> None:
    assert login("locbinh").post(PAGE, {"action": "save"}).status_code == 405
