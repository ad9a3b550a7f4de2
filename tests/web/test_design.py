"""The design system's page: every component once, for any signed-in user."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_sees_every_kind_of_component() -> None:
    response = login("daibieu").get(reverse("design_system"))
    assert response.status_code == 200
    page = response.content.decode()
    for needle in (
        '<button type="button">',
        'class="secondary"',
        'class="danger"',
        '<table class="grid">',
        'class="card"',
        'class="badge tone-ok"',
        'class="msg error"',
        'class="swatches"',
    ):
        assert needle in page, needle
    assert "style=" not in page


def test_the_sample_forms_errors_are_tied_to_their_fields() -> None:
    page = login("daibieu").get(reverse("design_system")).content.decode()
    name = re.search(r"<input[^>]*name=\"name\"[^>]*>", page)
    assert name is not None
    assert 'aria-invalid="true"' in name.group(0)
    assert 'aria-describedby="id_name_error"' in name.group(0)
    assert 'id="id_name_error"' in page
    held = re.search(r"<input[^>]*name=\"held\"[^>]*>", page)
    assert held is not None
    assert 'aria-describedby="id_held_helptext id_held_error"' in held.group(0)


def test_an_anonymous_visitor_is_sent_to_sign_in() -> None:
    response = Client().get(reverse("design_system"))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_it_answers_get_only() -> None:
    assert login("daibieu").post(reverse("design_system")).status_code == 405
