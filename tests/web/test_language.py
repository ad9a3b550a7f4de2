"""Switching the interface between Vietnamese (the source language) and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import login, org

pytestmark = pytest.mark.django_db

LOC_BINH_PAGE = "/to-chuc/2020/188/"
ENGLISH_PO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"

VIETNAMESE = [
    "Tổ chức trực thuộc theo cấp",
    "Đăng xuất",
    "Nhật ký thay đổi",
    "Tổ chức trực thuộc",
    "Đổi mật khẩu",
]
ENGLISH = [
    "Subordinate organisations by level",
    "Log out",
    "Change log",
    "Subordinate organisations",
    "Change password",
]


def choose(client: Client, language: str, next_page: str = LOC_BINH_PAGE) -> None:
    response = client.post("/i18n/setlang/", {"language": language, "next": next_page})
    assert response.status_code == 302
    assert response["Location"] == next_page


def loc_binh_page(client: Client) -> str:
    response = client.get(LOC_BINH_PAGE)
    assert response.status_code == 200
    return response.content.decode()


def members(language: str) -> str:
    """Lộc Bình's member count as each language groups it: 7,123 or 7.123."""
    count = org("188").members
    assert count >= 1000, "the demo count needs a thousands separator"
    grouped = f"{count:,}"
    return grouped if language == "en" else grouped.replace(",", ".")


def test_the_loc_binh_page_is_in_vietnamese_by_default() -> None:
    page = loc_binh_page(login("locbinh"))
    assert '<html lang="vi">' in page
    for text in VIETNAMESE:
        assert text in page
    assert "Subordinate organisations by level" not in page
    assert "Log out" not in page


def test_the_vietnamese_page_groups_thousands_with_a_dot() -> None:
    page = loc_binh_page(login("locbinh"))
    assert f"{members('vi')} đảng viên" in page
    assert members("en") not in page


def test_choosing_english_shows_the_loc_binh_page_in_english() -> None:
    client = login("locbinh")
    choose(client, "en")
    page = loc_binh_page(client)
    assert '<html lang="en">' in page
    for text in ENGLISH:
        assert text in page
    for text in VIETNAMESE:
        assert text not in page


def test_the_english_page_names_the_kind_of_organisation_and_counts_its_children() -> None:
    client = login("locbinh")
    choose(client, "en")
    page = loc_binh_page(client)
    children = org("188").numchild
    assert "Party committee" in page
    assert f"{children} directly subordinate organisations" in page
    assert "tổ chức trực thuộc trực tiếp" not in page


def test_the_english_page_groups_thousands_with_a_comma() -> None:
    client = login("locbinh")
    choose(client, "en")
    page = loc_binh_page(client)
    assert f"{members('en')} party members" in page
    assert members("vi") not in page
    assert "đảng viên" not in page


def test_the_english_page_offers_to_switch_back_to_vietnamese() -> None:
    client = login("locbinh")
    choose(client, "en")
    assert '<button class="link" name="language" value="vi">Tiếng Việt</button>' in (
        loc_binh_page(client)
    )
    choose(client, "vi")
    page = loc_binh_page(client)
    assert "Tổ chức trực thuộc theo cấp" in page
    assert f"{members('vi')} đảng viên" in page
    assert "Subordinate organisations by level" not in page


def test_the_chosen_language_lasts_across_pages() -> None:
    client = login("locbinh")
    choose(client, "en")
    audit = client.get(LOC_BINH_PAGE + "nhat-ky/").content.decode()
    assert "<h1>Change log</h1>" in audit
    assert "Nhật ký thay đổi" not in audit


def test_the_login_page_can_be_read_in_english_before_logging_in() -> None:
    client = Client()
    assert "<h1>Đăng nhập</h1>" in client.get("/dang-nhap/").content.decode()
    choose(client, "en", next_page="/dang-nhap/")
    page = client.get("/dang-nhap/").content.decode()
    assert "<h1>Log in</h1>" in page
    assert "Username" in page
    assert "Password" in page
    assert "Mật khẩu" not in page


def po_entries() -> list[dict[str, str]]:
    """The English catalogue as (field → text) entries; the header is left out."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    field = ""
    for line in ENGLISH_PO.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, ""
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += line[1:-1]
        else:
            field, _, text = line.partition(" ")
            entry[field] = text[1:-1]
    if entry:
        entries.append(entry)
    return [e for e in entries if e.get("msgid")]


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]", text))


def test_every_english_message_is_translated_and_keeps_its_placeholders() -> None:
    entries = po_entries()
    assert len(entries) > 100
    for entry in entries:
        assert "fuzzy" not in entry.get("flags", ""), entry["msgid"]
        translations = [v for k, v in entry.items() if k.startswith("msgstr")]
        assert translations, entry["msgid"]
        for translation in translations:
            assert translation, f"untranslated: {entry['msgid']}"
            assert placeholders(translation) == placeholders(entry["msgid"]), entry["msgid"]


def test_an_english_request_does_not_leave_the_thread_in_english() -> None:
    from django.utils import translation

    client = login("locbinh")
    choose(client, "en")
    assert "Subordinate organisations by level" in loc_binh_page(client)
    assert translation.get_language() == settings.LANGUAGE_CODE
