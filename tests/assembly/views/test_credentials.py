"""The credentials committee's page, its report and its decisions (views/credentials.py)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from daihoi.assembly.actions.credentials import do_decide_credential, do_record_absence
from daihoi.assembly.models import Delegate
from tests.assembly.helpers import (
    assert_post_denied,
    loc_binh_congress,
    page_url,
    page_urls,
    register,
    staff,
)
from tests.conftest import login
from tests.core.printing import assert_fits_a4

pytestmark = pytest.mark.django_db


def test_credentials_report_docx_states_the_figures() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=4, alternates=1)
    do_decide_credential(
        made[0], valid=False, reason="Đang bị đình chỉ sinh hoạt", acting_user=staff()
    )
    do_record_absence(
        made[1], absence="with_reason", reason="Điều trị tại bệnh viện", acting_user=staff()
    )
    response = login("locbinh").get(page_urls(congress)["credentials_docx"])
    assert response.status_code == 200
    report = Document(io.BytesIO(response.getvalue()))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "BÁO CÁO" in text
    assert "được triệu tập: 3 đồng chí" in text
    assert "Điều trị tại bệnh viện" in text
    assert "Đang bị đình chỉ sinh hoạt" in text
    assert "có lý do 1, không có lý do 0" in text
    composition = report.tables[1]
    assert composition.rows[0].cells[0].text == "Cơ cấu"
    assert_fits_a4(composition)


def test_each_decision_has_its_own_form_on_the_row() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=1)
    do_record_absence(made[0], absence="without_reason", acting_user=staff())
    page = login("locbinh").get(page_url(congress, "assembly_credentials")).content.decode()
    for name in ("assembly_credential_valid", "assembly_credential_invalid", "assembly_absence"):
        assert f'action="{page_url(congress, name, made[1].pk)}"' in page
    replace = page_url(congress, "assembly_replace", made[0].pk)
    assert f'action="{replace}"' in page and "không hoàn tác được" in page
    # Only an absent official is offered the replacement.
    assert page_url(congress, "assembly_replace", made[1].pk) not in page


def test_the_committee_decides_from_the_page() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=1)
    client = login("locbinh")
    valid = page_url(congress, "assembly_credential_valid", made[0].pk)
    assert client.post(valid).status_code == 302
    invalid = page_url(congress, "assembly_credential_invalid", made[1].pk)
    assert client.post(invalid, {"reason": "Chuyển đi"}).status_code == 302
    absence = page_url(congress, "assembly_absence", made[0].pk)
    assert client.post(absence, {"absence": "without_reason"}).status_code == 302
    answer = client.post(page_url(congress, "assembly_replace", made[0].pk), follow=True)
    assert "Dự Khuyết Số 1" in answer.content.decode()
    first, second = (Delegate.objects.get(pk=d.pk) for d in made[:2])
    assert first.credential == "valid" and first.replaced_by_id == made[2].pk
    assert (second.credential, second.credential_reason) == ("invalid", "Chuyển đi")


def test_a_refused_decision_comes_back_on_its_row_with_what_was_typed() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=2, alternates=0)
    client = login("locbinh")
    invalid = page_url(congress, "assembly_credential_invalid", made[1].pk)
    page = client.post(invalid, {"reason": " "})
    assert page.status_code == 400
    row = next(d for d in page.context["delegates"] if d.pk == made[1].pk)
    assert row.invalid_form.errors["reason"]
    away = page_url(congress, "assembly_absence", made[0].pk)
    page = client.post(away, {"absence": "with_reason", "reason": ""})
    assert page.status_code == 400
    row = next(d for d in page.context["delegates"] if d.pk == made[0].pk)
    assert row.absence_form.errors["reason"]
    body = page.content.decode()
    assert 'aria-invalid="true" autofocus' in body
    # Replacing an official who is not absent is refused with a message, nothing changes.
    answer = client.post(page_url(congress, "assembly_replace", made[1].pk), follow=True)
    assert "vắng mặt trước khi thay" in answer.content.decode()
    assert not Delegate.objects.filter(congress=congress, replaced_by__isnull=False).exists()
    assert Delegate.objects.get(pk=made[1].pk).credential == "pending"


def test_the_decisions_refuse_readers_and_outsiders() -> None:
    congress = loc_binh_congress()
    made = register(congress, officials=1, alternates=1)
    pk = made[0].pk
    assert_post_denied(page_url(congress, "assembly_credential_valid", pk))
    assert_post_denied(page_url(congress, "assembly_credential_invalid", pk), {"reason": "X"})
    assert_post_denied(page_url(congress, "assembly_absence", pk), {"absence": "without_reason"})
    assert_post_denied(page_url(congress, "assembly_replace", pk))
    assert Delegate.objects.get(pk=pk).credential == "pending"


def test_a_delegate_of_another_congress_is_not_found() -> None:
    congress = loc_binh_congress()
    stranger = register(loc_binh_congress("dot-khac"), officials=1, alternates=0)[0]
    url = page_url(congress, "assembly_credential_valid", stranger.pk)
    assert login("locbinh").post(url).status_code == 404
