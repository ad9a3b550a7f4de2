"""The superior's approvals page: units below by state, filters, several approved at once."""

from __future__ import annotations

import lxml.html
import pytest

from daihoi.campaigns.actions.submissions import do_return_submission
from daihoi.campaigns.models import ApprovalKind, Congress
from tests.campaigns.helpers import (
    approved,
    client_of,
    loc_binh_communes,
    reader,
    submitted,
    user,
)
from tests.conftest import login

pytestmark = pytest.mark.django_db
PAGE = "/phe-duyet/thu-nghiem/188/"
BULK = PAGE + "duyet/"


@pytest.fixture
def communes() -> list[Congress]:
    return loc_binh_communes()


def states_shown(html: bytes) -> dict[str, str]:
    page = lxml.html.fromstring(html)
    return {tr.get("data-org"): tr.get("data-state") for tr in page.xpath("//tr[@data-org]")}


def test_it_lists_the_units_below_by_state_and_filters_them(communes: list[Congress]) -> None:
    waiting, returned_, done = communes[:3]
    submitted(waiting, ApprovalKind.DOCUMENTS)
    submitted(returned_, ApprovalKind.DOCUMENTS)
    do_return_submission(
        returned_, "documents", reason="Thiếu đề án nhân sự", acting_user=user("locbinh")
    )
    approved(done, ApprovalKind.DOCUMENTS, by="locbinh")
    client = login("locbinh")
    # Fifty to a page, the second page the rest (issue 19.5).
    shown = states_shown(client.get(PAGE).content)
    assert len(shown) == 50
    shown |= states_shown(client.get(PAGE + "?trang=2").content)
    assert len(shown) == len(communes)
    assert shown[waiting.organisation.code] == "cho-duyet"
    assert shown[returned_.organisation.code] == "tra-lai"
    assert shown[done.organisation.code] == "da-duyet"
    assert list(shown.values()).count("chua-gui") == len(communes) - 3
    only = states_shown(client.get(PAGE + "?trang-thai=tra-lai").content)
    assert only == {returned_.organisation.code: "tra-lai"}
    assert "Thiếu đề án nhân sự" in client.get(PAGE + "?trang-thai=tra-lai").content.decode()
    personnel = states_shown(client.get(PAGE + "?noi-dung=nhan-su").content)
    assert set(personnel.values()) == {"chua-gui"}


def test_several_units_are_approved_with_one_post(communes: list[Congress]) -> None:
    for congress in communes[:3]:
        submitted(congress, ApprovalKind.DOCUMENTS)
    codes = [c.organisation.code for c in communes[:3]]
    response = login("locbinh").post(BULK, {"kind": "documents", "units": codes})
    assert response.status_code == 302 and response["Location"] == PAGE + "?noi-dung=van-kien"
    assert all(c.approvals.filter(kind="documents").exists() for c in communes[:3])


def test_one_unit_that_cannot_be_approved_stops_them_all(communes: list[Congress]) -> None:
    for congress in communes[:2]:
        submitted(congress, ApprovalKind.DOCUMENTS)
    codes = [c.organisation.code for c in communes[:3]]
    response = login("locbinh").post(BULK, {"kind": "documents", "units": codes})
    assert response.status_code == 409
    errors = lxml.html.fromstring(response.content).get_element_by_id("bulk-errors")
    assert communes[2].organisation.name in errors.text_content()
    assert not any(c.approvals.exists() for c in communes[:3])
    # The units chosen stay ticked for the next try.
    ticked = lxml.html.fromstring(response.content).xpath("//input[@name='units'][@checked]")
    assert {t.get("value") for t in ticked} == set(codes[:2])


def test_a_unit_from_elsewhere_is_not_a_choice(communes: list[Congress]) -> None:
    response = login("locbinh").post(BULK, {"kind": "documents", "units": ["188"]})
    assert response.status_code == 400
    response = login("locbinh").post(BULK, {"kind": "documents"})
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một đơn vị" in response.content.decode()


def test_only_those_above_approve_and_outsiders_see_nothing(communes: list[Congress]) -> None:
    submitted(communes[0], ApprovalKind.DOCUMENTS)
    body = {"kind": "documents", "units": [communes[0].organisation.code]}
    assert client_of(reader()).post(BULK, body).status_code == 403
    assert login("soctrang").post(BULK, body).status_code == 404
    assert login("soctrang").get(PAGE).status_code == 404
    assert b'id="bulk-approve"' not in client_of(reader()).get(PAGE).content
    assert login("locbinh").get(BULK).status_code == 405
    assert not communes[0].approvals.exists()
