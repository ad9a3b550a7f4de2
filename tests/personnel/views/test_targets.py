"""The campaign's targets page: read by all, changed by national administrators."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from tests.conftest import login
from tests.personnel.helpers import (
    loc_binh_congress,
)

pytestmark = pytest.mark.django_db


def test_only_a_national_administrator_changes_the_targets_and_it_is_audited():
    congress = loc_binh_congress()
    slug = congress.campaign.slug
    url = reverse("personnel_targets_save", args=[slug])
    assert login("langson").post(url, {"minimum-women": "20"}).status_code == 403
    response = login("quantri").post(url, {"minimum-women": "20", "hard-surplus": "1"})
    assert response.status_code == 302
    women = congress.campaign.targets.get(code="women")
    assert women.minimum == 20
    entry = AuditEntry.objects.filter(action="personnel.targets_update").get()
    assert entry.before["women"][0] == "15.00" and entry.after["women"][0] == "20"


def test_a_target_with_its_minimum_above_its_maximum_is_refused():
    congress = loc_binh_congress()
    url = reverse("personnel_targets_save", args=[congress.campaign.slug])
    body = login("quantri").post(url, {"minimum-age-40-50": "60", "maximum-age-40-50": "50"})
    # Refused by the action, with the values typed still in their inputs.
    assert body.status_code == 409
    assert "tối thiểu lớn hơn tối đa" in body.content.decode()
    page = lxml.html.fromstring(body.content)
    assert page.xpath('//input[@name="minimum-age-40-50"]')[0].get("value") == "60"
    assert congress.campaign.targets.get(code="age-40-50").minimum != 60


def test_a_refused_target_comes_back_with_every_value_typed():
    congress = loc_binh_congress()
    url = reverse("personnel_targets_save", args=[congress.campaign.slug])
    body = login("quantri").post(
        url, {"minimum-women": "17,5", "minimum-age-40-50": "1O", "hard-surplus": "1"}
    )
    assert body.status_code == 400
    page = lxml.html.fromstring(body.content)
    assert page.xpath('//input[@name="minimum-women"]')[0].get("value") == "17,5"
    bad = page.xpath('//input[@name="minimum-age-40-50"]')[0]
    assert bad.get("value") == "1O" and bad.get("aria-invalid") == "true"
    assert congress.campaign.targets.get(code="women").minimum != 17


def test_the_page_is_read_only_and_its_form_posts_to_the_save_url():
    congress = loc_binh_congress()
    slug = congress.campaign.slug
    page_url = reverse("personnel_targets", args=[slug])
    assert login("quantri").post(page_url, {"minimum-women": "20"}).status_code == 405
    page = lxml.html.fromstring(login("quantri").get(page_url).content)
    [form] = page.xpath("//form[.//input[@name='minimum-women']]")
    assert form.get("action") == reverse("personnel_targets_save", args=[slug])
    # Read by everyone: a province's staff see the figures without a form.
    assert not lxml.html.fromstring(login("langson").get(page_url).content).xpath(
        "//input[@name='minimum-women']"
    )
