"""The governing documents register's test helpers: users, numbers, files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from daihoi.accounts.models import User
from daihoi.campaigns.actions.documents import (
    do_register_document,
)
from daihoi.campaigns.models import GoverningDocument
from tests.conftest import login, org

# The smallest PDF a reader opens: one empty page.
SMALL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# What a Windows program starts with, whatever its name.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def listed(page: str, code: str) -> bool:
    """Return whether the page links to a document numbered `code`."""
    return f">{code}</a>" in page


def user(username: str) -> User:
    return User.objects.get(username=username)


def register(
    username: str,
    org_code: str,
    number: str,
    date: dt.date,
    title: str = "Kế hoạch tổ chức đại hội",
    **kwargs: Any,
) -> GoverningDocument:
    return do_register_document(
        organisation=org(org_code),
        number_text=number,
        date=date,
        title=title,
        acting_user=user(username),
        **kwargs,
    )


def directive() -> GoverningDocument:
    return register(
        "quantri",
        "TW",
        "35-CT/TW",
        dt.date(2019, 5, 30),
        "Chỉ thị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII",
    )


def soc_trang_plan(ct35: GoverningDocument, **kwargs: Any) -> GoverningDocument:
    return register("soctrang", "94", "93-KH/TU", dt.date(2019, 8, 19), implements=ct35, **kwargs)


def docx_bytes(*, with_body: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_body:
            archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def soc_trang(db: None) -> Client:
    return login("soctrang")


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> Path:
    """Uploaded files go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
