"""The papers' downloads (elections/document_views.py): who gets them, and what they hold."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import include, path, reverse

from daihoi.urls import urlpatterns as project_patterns
from tests.conftest import login
from tests.elections.papers.helpers import Scenario, all_text, announce, open_docx, spaced

# This module is its own URLconf: the project's URLs plus the election documents.
urlpatterns = [path("", include("daihoi.elections.document_urls")), *project_patterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.elections.papers.test_document_views")]


def test_the_board_downloads_the_ballots_and_the_minutes_as_word_files(
    scenario: Scenario,
) -> None:
    election = announce(scenario)
    client = login("locbinh")
    ballots = client.get(reverse("election_ballots_docx", args=[election.pk]))
    assert ballots.status_code == 200
    assert ballots["Content-Disposition"].startswith("attachment;")
    assert f"phieu-bau-{election.pk}.docx" in ballots["Content-Disposition"]
    printed = all_text(open_docx(ballots.getvalue()))
    assert printed.count("PHIẾU BẦU CỬ") == 10
    assert not re.search(r"Số:\s*\d", printed)
    minutes = client.get(reverse("election_minutes_docx", args=[election.pk]))
    assert minutes.status_code == 200
    assert minutes["Content-Disposition"].startswith("attachment;")
    assert spaced(election.chain_head) in all_text(open_docx(minutes.getvalue()))


def test_a_copies_parameter_prints_that_many_ballots(scenario: Scenario) -> None:
    client = login("locbinh")
    url = reverse("election_ballots_docx", args=[scenario.election.pk])
    response = client.get(url, {"so-ban": "3"})
    assert all_text(open_docx(response.getvalue())).count("PHIẾU BẦU CỬ") == 3
    assert client.get(url, {"so-ban": "abc"}).status_code == 400


def test_minutes_asked_for_before_reconciliation_get_a_409_with_the_reason(
    scenario: Scenario,
) -> None:
    response = login("locbinh").get(reverse("election_minutes_docx", args=[scenario.election.pk]))
    assert response.status_code == 409
    assert "đối chiếu xong" in response.content.decode()


def test_another_province_gets_a_404(scenario: Scenario) -> None:
    client = login("soctrang")
    for name in ("election_ballots_docx", "election_minutes_docx"):
        assert client.get(reverse(name, args=[scenario.election.pk])).status_code == 404
    assert client.get(reverse("election_ballots_docx", args=[999_999])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(scenario: Scenario) -> None:
    response = Client().get(reverse("election_ballots_docx", args=[scenario.election.pk]))
    assert response.status_code == 302
