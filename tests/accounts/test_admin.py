"""The Django admin is for national superusers only, and its writes are audited."""

from __future__ import annotations

import pytest
from django.test import Client

from daihoi.audit.models import AuditEntry
from tests.conftest import org

pytestmark = pytest.mark.django_db


def test_province_staff_cannot_open_the_admin(province_staff: Client) -> None:
    response = province_staff.get("/admin/orgs/organisation/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_national_admin_can_edit_a_unit_type_and_it_is_audited(national_admin: Client) -> None:
    assert national_admin.get("/admin/orgs/organisation/").status_code == 200
    commune = org("06553")
    response = national_admin.post(
        f"/admin/orgs/organisation/{commune.pk}/change/",
        {
            "name": "Đảng bộ xã Đồng Bục",
            "kind": "dang_bo",
            "members": "77",
            "unit_type": commune.unit_type_id or "",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.organisation.update")
    assert entry.actor_name == "quantri"
    assert entry.after is not None and entry.after["members"] == 77


def test_the_national_admin_adds_an_issuer_code_and_it_is_audited(national_admin: Client) -> None:
    from daihoi.campaigns.models import Issuer

    response = national_admin.post(
        "/admin/campaigns/issuer/add/", {"code": "QU", "name": "Quận ủy"}
    )
    assert response.status_code == 302
    assert Issuer.objects.filter(code="QU").exists()
    assert AuditEntry.objects.filter(action="admin.issuer.create").exists()
