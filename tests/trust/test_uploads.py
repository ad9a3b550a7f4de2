"""Hostile files against every import, and a busy database at the desk (issue 15.3).

The corpus is built here, in memory: zip bombs dressed as DOCX and XLSX, Office
files carrying a DTD (billion laughs), a CSV over the size cap, one over the row
cap, random bytes under each name, an empty file, a CSV in the wrong encoding.
Each is posted through the test client, as Lộc Bình's organisation department,
to every page that imports a file. What must hold: no server error, a Vietnamese
message that says what was wrong, and nothing written anywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from docx import Document

from daihoi.assembly.models import CheckIn, Delegate
from daihoi.audit.models import AuditEntry
from daihoi.campaigns.models import Campaign
from daihoi.core import uploads
from daihoi.drafts.models import Comment, DocKind, Round
from daihoi.jobs.models import Job
from daihoi.orgs.models import Organisation
from daihoi.personnel.models import Person
from daihoi.web import busy
from tests.assembly.helpers import loc_binh_congress, open_sitting, register
from tests.campaigns.helpers import small_campaign
from tests.conftest import login
from tests.drafts.helpers import document_with_round
from tests.orgs.helpers import xlsx_bytes

pytestmark = pytest.mark.django_db

# Small caps for the test, so that "over the cap" files stay small and quick.
CAP_BYTES = 200_000
CAP_ROWS = 50
CAP_PARAGRAPHS = 40
ONLY_TABLES = "Chỉ nhận tệp .csv hoặc .xlsx"

# --- the corpus --------------------------------------------------------------------------


def _docx(paragraphs: list[str]) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same Office file with one part's bytes changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == part:
                body = change(body)
            target.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)


def _with_dtd(body: bytes) -> bytes:
    # A DTD goes after the XML declaration, when the part has one, before the root.
    if body.startswith(b"<?xml"):
        declaration, rest = body.split(b"?>", 1)
        return declaration + b"?>" + BILLION_LAUGHS + rest
    return BILLION_LAUGHS + body


def _bomb(body: bytes) -> bytes:
    # 8 MB of blanks inside the root element: a 1,000-to-1 part, still well-formed XML.
    head, tail = body.rsplit(b"</", 1)
    return head + b" " * (8 * 1024 * 1024) + b"</" + tail


ORG_HEADER = "code,parent_code,name,level"


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    table_says: str  # what a CSV/XLSX import answers
    word_says: str  # what the draft (DOCX) upload answers


def corpus() -> list[Hostile]:
    noise = random.Random(15).randbytes(4000)
    honest_xlsx = xlsx_bytes([["code", "parent_code", "name", "level"], ["188-X", "188", "X", "3"]])
    honest_docx = _docx(["Phần I", "Đoạn một."])
    not_word = "không phải tệp Word (.docx)"
    many_rows = "\n".join(
        [ORG_HEADER] + [f"188-R{n},188,Đảng bộ {n},3" for n in range(CAP_ROWS + 5)]
    )
    return [
        Hostile(
            "bom.docx",
            _rewrite(honest_docx, "word/document.xml", _bomb),
            "zip bomb",
            "zip bomb",
        ),
        Hostile(
            "bom.xlsx",
            _rewrite(honest_xlsx, "xl/worksheets/sheet1.xml", _bomb),
            "zip bomb",
            not_word,
        ),
        Hostile(
            "dtd.xlsx",
            _rewrite(honest_xlsx, "xl/worksheets/sheet1.xml", _with_dtd),
            "khai báo DTD/ENTITY",
            not_word,
        ),
        Hostile(
            "dtd.docx",
            _rewrite(honest_docx, "word/document.xml", _with_dtd),
            "khai báo DTD/ENTITY",
            "khai báo DTD/ENTITY",
        ),
        Hostile(
            "lon.csv",
            (ORG_HEADER + "\n" + "188-Z,188,Đảng bộ Z,3\n" * 20_000).encode(),
            "quá lớn",
            "quá lớn",
        ),
        Hostile("nhieu-dong.csv", many_rows.encode(), "vượt giới hạn của một lần nhập", not_word),
        Hostile(
            "nhieu-dong.xlsx",
            xlsx_bytes([ORG_HEADER.split(",")] + [[f"188-R{n}", "188", "R", 3] for n in range(99)]),
            "vượt giới hạn của một lần nhập",
            not_word,
        ),
        Hostile(
            "nhieu-doan.docx",
            _docx([f"Đoạn {n}." for n in range(CAP_PARAGRAPHS * 2)]),
            "Không đọc được tệp Excel",
            "đoạn, vượt giới hạn của một dự thảo",
        ),
        Hostile("rac.csv", noise, "không ở mã UTF-8", not_word),
        Hostile("rac.xlsx", b"PK\x03\x04" + noise, "không phải tệp Excel (.xlsx) hợp lệ", not_word),
        Hostile("rac.docx", noise, ONLY_TABLES, not_word),
        Hostile("trong.csv", b"", "trống", "trống"),
        Hostile(
            "sai-ma.csv",
            (ORG_HEADER + "\n188-Y,188,Đảng bộ Lộc Yên,3\n").encode("utf-16"),
            "không ở mã UTF-8",
            not_word,
        ),
    ]


# --- the endpoints -----------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    url: str
    extra: dict[str, str]
    word: bool = False  # takes a DOCX draft, not a table


@pytest.fixture
def endpoints(settings: Any) -> list[Endpoint]:
    settings.DAIHOI_MAX_UPLOAD_BYTES = CAP_BYTES
    settings.DAIHOI_MAX_IMPORT_ROWS = CAP_ROWS
    settings.DAIHOI_MAX_DOCX_PARAGRAPHS = CAP_PARAGRAPHS
    campaign: Campaign = small_campaign("tep-doc")
    document, _round = document_with_round(campaign)
    congress = loc_binh_congress()
    args = [campaign.slug, "188", document.kind]
    return [
        Endpoint("orgs", "/to-chuc/2020/188/nhap/tai-len/", {}),
        Endpoint("people", reverse("personnel_import_upload", args=["2020", "188"]), {}),
        Endpoint(
            "register",
            reverse(
                "assembly_register_upload",
                kwargs={"campaign": congress.campaign.slug, "code": "188"},
            ),
            {},
        ),
        Endpoint("comments", reverse("drafts_comments_import", args=[*args, 1]), {}),
        Endpoint(
            "congress_dates", reverse("congress_bulk_import", args=[campaign.slug, "188"]), {}
        ),
        Endpoint(
            "draft",
            reverse("drafts_round_upload", args=[campaign.slug, "188", DocKind.POLITICAL_REPORT]),
            {},
            word=True,
        ),
    ]


def _written() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "delegates": Delegate.objects.count(),
        "comments": Comment.objects.count(),
        "rounds": Round.objects.count(),
        "jobs": Job.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_every_hostile_file_is_refused_with_a_message_at_every_import(
    endpoints: list[Endpoint],
) -> None:
    client = login("locbinh")
    before = _written()
    failures = []
    for endpoint in endpoints:
        for item in corpus():
            upload = SimpleUploadedFile(item.name, item.data)
            response = client.post(endpoint.url, {**endpoint.extra, "file": upload}, follow=True)
            page = response.content.decode()
            expected = item.word_says if endpoint.word else item.table_says
            # The organisation form refuses any name but .csv/.xlsx before reading.
            said = expected in page or (
                endpoint.name == "orgs" and item.name.endswith(".docx") and ONLY_TABLES in page
            )
            if response.status_code >= 500 or not said:
                failures.append((endpoint.name, item.name, response.status_code, expected))
    assert failures == []
    assert _written() == before


def test_the_size_message_names_the_file_and_the_limit(endpoints: list[Endpoint]) -> None:
    data = b"code,parent_code,name,level\n" + b"188-Z,188,Z,3\n" * 20_000
    page = (
        login("locbinh")
        .post(endpoints[1].url, {"file": SimpleUploadedFile("can-bo.csv", data)})
        .content.decode()
    )
    assert "Tệp «can-bo.csv» quá lớn (0,3 MB); giới hạn là 0,2 MB." in page


def test_an_upload_over_the_cap_is_not_kept_past_the_cap(settings: Any) -> None:
    """The first upload handler stops storing at the cap but reports the real size."""
    settings.DAIHOI_MAX_UPLOAD_BYTES = 1000
    handler = uploads.CappedUploadHandler()
    handler.new_file("file", "lon.csv", "text/csv", 5000)
    kept = [handler.receive_data_chunk(b"x" * 600, 600 * n) for n in range(5)]
    assert [chunk is not None for chunk in kept] == [True, False, False, False, False]
    placeholder = handler.file_complete(3000)
    assert placeholder is not None and placeholder.size == 3000 and placeholder.read() == b""
    with pytest.raises(uploads.UploadRefused, match="quá lớn"):
        uploads.check_size(placeholder.name or "", placeholder.size)


def test_an_honest_office_file_passes_the_checks() -> None:
    uploads.check_office_zip("ds.xlsx", xlsx_bytes([["code"], ["188"]]))
    uploads.check_office_zip("du-thao.docx", _docx(["Phần I", "Đoạn một."]))


def test_a_zip_of_too_many_parts_or_too_much_unzipped_is_refused(settings: Any) -> None:
    settings.DAIHOI_MAX_ZIP_PARTS = 10
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(11):
            archive.writestr(f"xl/p{n}.xml", "<a/>")
    with pytest.raises(uploads.UploadRefused, match="có 11 phần nén; giới hạn là 10"):
        uploads.check_office_zip("nhieu.xlsx", out.getvalue())
    settings.DAIHOI_MAX_UNZIPPED_BYTES = 100_000
    noise = random.Random(3).randbytes(150_000)  # does not compress: the ratio is honest
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/anh.png", noise)
    with pytest.raises(uploads.UploadRefused, match="khi giải nén lên tới 0,1 MB"):
        uploads.check_office_zip("anh.xlsx", out.getvalue())


def test_a_dtd_in_utf16_is_found_too() -> None:
    body = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", body.encode("utf-16-le"))
    with pytest.raises(uploads.UploadRefused, match="DTD/ENTITY"):
        uploads.check_office_zip("utf16.xlsx", out.getvalue())


# --- the busy database -------------------------------------------------------------------


def _desk() -> tuple[Client, str, str]:
    from daihoi.assembly.tokens import card_token

    congress = loc_binh_congress()
    delegate = register(congress)[0]
    sitting = open_sitting(congress)
    url = reverse("assembly_checkin", args=[sitting.pk])
    return login("locbinh"), url, card_token(delegate)


def _locked(message: str, cause: Exception | None = None) -> Callable[..., Any]:
    def scan(*_args: Any, **_kwargs: Any) -> Any:
        error = OperationalError(message)
        raise error from cause

    return scan


def test_a_desk_that_meets_a_locked_database_gets_503_and_retry_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, url, token = _desk()
    monkeypatch.setattr(
        "daihoi.assembly.actions.checkin.check_in_scan", _locked("database is locked")
    )
    response = client.post(url, {"token": token, "desk": "Bàn 1"})
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    data = response.json()
    assert data["ok"] is False and data["busy"] is True
    assert "Hệ thống đang bận ghi dữ liệu" in data["message"]
    assert not CheckIn.objects.exists()
    monkeypatch.undo()
    # The desk sends the same scan again, and it goes through.
    again = client.post(url, {"token": token, "desk": "Bàn 1"})
    assert again.status_code == 200 and again.json()["code"] == "checked_in"


def test_a_postgresql_lock_timeout_is_busy_and_a_broken_database_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class LockTimeout(Exception):
        sqlstate = "55P03"

    client, url, token = _desk()
    monkeypatch.setattr(
        "daihoi.assembly.actions.checkin.check_in_scan",
        _locked("canceling statement due to lock timeout", LockTimeout()),
    )
    page = client.post(url, {"token": token}, HTTP_ACCEPT="text/html")
    assert page.status_code == 503 and page["Retry-After"] == "2"
    assert "Hệ thống đang bận" in page.content.decode()
    assert not busy.is_busy(OperationalError("no such table: assembly_checkin"))
    assert not busy.is_busy(ValueError("database is locked"))


def test_a_lock_timeout_outside_any_view_is_a_503_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.contrib.sessions.middleware import SessionMiddleware

    def locked_save(*_args: Any, **_kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    # Saving the session happens after the view, in a middleware: Django's 500 handler
    # gets the error there, and it answers "busy, try again" as the desk expects.
    monkeypatch.setattr(SessionMiddleware, "process_response", locked_save)
    client = Client(raise_request_exception=False)
    page = client.get("/dang-nhap/", HTTP_ACCEPT="text/html")
    assert page.status_code == 503 and page["Retry-After"] == "2"
    assert "Hệ thống đang bận" in page.content.decode()
    desk = client.get("/dang-nhap/", HTTP_ACCEPT="application/json")
    assert desk.status_code == 503 and desk.json()["busy"] is True

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OperationalError("no such table: django_session")

    monkeypatch.setattr(SessionMiddleware, "process_response", broken)
    assert client.get("/dang-nhap/", HTTP_ACCEPT="text/html").status_code == 500


def test_a_governing_document_that_is_a_docx_bomb_is_not_kept() -> None:
    from daihoi.campaigns.documents import DocumentRefused, _check_upload

    bomb = _rewrite(_docx(["Kế hoạch"]), "word/document.xml", _bomb)
    with pytest.raises(DocumentRefused) as refused:
        _check_upload(SimpleUploadedFile("ke-hoach.docx", bomb))
    assert "zip bomb" in refused.value.message_dict["upload"][0]
    honest = SimpleUploadedFile("ke-hoach.docx", _docx(["Kế hoạch"]))
    assert _check_upload(honest) == "docx" and honest.read(2) == b"PK"


# --- a big import and an open sitting ----------------------------------------------------


def _new_units(prefix: str, n: int) -> Any:
    from daihoi.core.tables import Table
    from daihoi.orgs.importer import plan_import
    from daihoi.orgs.models import Structure

    rows = [(k + 2, [f"{prefix}{k}", "188", f"Chi bộ {prefix}{k}", "3"]) for k in range(n)]
    table = Table(headers=["code", "parent_code", "name", "level"], rows=rows)
    return plan_import(Structure.objects.get(code="2020"), table)


def test_a_big_organisation_import_waits_for_a_sitting_open_today_on_sqlite(
    settings: Any,
) -> None:
    from django.db import connection
    from django.utils import timezone

    from daihoi.assembly.actions.sittings import do_close_sitting, do_open_sitting
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.importer import ImportRejected
    from tests.assembly.helpers import staff

    settings.DAIHOI_IMPORT_ROWS_DURING_SITTING = 2
    sitting = do_open_sitting(
        loc_binh_congress(),
        kind="preparatory",
        date=timezone.localdate(),
        part="morning",
        acting_user=staff(),
    )
    # Small enough to write between two scans: it goes ahead on any database.
    assert do_import_organisations(_new_units("NHO-", 2), acting_user=None).created == 2
    big = _new_units("LON-", 3)
    if connection.vendor != "sqlite":
        # PostgreSQL locks only the rows the import writes; the desks do not wait.
        assert do_import_organisations(big, acting_user=None).created == 3
        return
    with pytest.raises(ImportRejected) as refused:
        do_import_organisations(big, acting_user=None)
    message = str(refused.value.errors[0])
    assert message.startswith("Hôm nay đang có phiên họp đại hội mở điểm danh hoặc cuộc bầu cử")
    assert "không quá 2 dòng" in message
    assert not Organisation.objects.filter(code__startswith="LON-").exists()
    do_close_sitting(sitting, acting_user=staff())
    assert do_import_organisations(big, acting_user=None).created == 3


def test_a_big_organisation_import_waits_for_a_count_started_today_on_sqlite(
    settings: Any,
) -> None:
    from django.db import connection

    from daihoi.elections.models import Election
    from daihoi.orgs.actions import do_import_organisations
    from daihoi.orgs.importer import ImportRejected
    from tests.elections.helpers import counting_election

    settings.DAIHOI_IMPORT_ROWS_DURING_SITTING = 2
    election = counting_election()
    big = _new_units("DEM-", 3)
    if connection.vendor != "sqlite":
        assert do_import_organisations(big, acting_user=None).created == 3
        return
    with pytest.raises(ImportRejected) as refused:
        do_import_organisations(big, acting_user=None)
    assert "cuộc bầu cử đang kiểm phiếu" in str(refused.value.errors[0])
    assert not Organisation.objects.filter(code__startswith="DEM-").exists()
    # A count left open since an earlier day does not hold imports back.
    Election.objects.filter(pk=election.pk).update(
        counting_at=election.counting_at - dt.timedelta(days=1)
    )
    assert do_import_organisations(big, acting_user=None).created == 3


def test_reading_a_table_or_a_draft_stops_at_the_time_limit(settings: Any) -> None:
    from daihoi.core.tables import read_table
    from daihoi.lib.paragraphs import TooSlow, docx_blocks

    csv_data = ("code,name\n" + "".join(f"C{n},Chi bộ {n}\n" for n in range(50))).encode()
    assert len(read_table("nhanh.csv", csv_data).rows) == 50
    settings.DAIHOI_MAX_PARSE_SECONDS = -1  # already past: the first row stops it
    with pytest.raises(uploads.UploadRefused, match="«cham.csv» mất hơn -1 giây"):
        read_table("cham.csv", csv_data)
    workbook = xlsx_bytes([["code", "name"]] + [[f"C{n}", "x"] for n in range(5)])
    with pytest.raises(uploads.UploadRefused, match="mất hơn"):
        read_table("cham.xlsx", workbook)
    draft = _docx(["Mở đầu", "Phần một", "Phần hai"])
    assert len(docx_blocks(draft)) == 3
    with pytest.raises(TooSlow):
        docx_blocks(draft, deadline=time.monotonic() - 1)


def test_a_workbook_of_too_many_cells_is_refused_before_it_is_read_whole(settings: Any) -> None:
    from daihoi.core.tables import read_table

    settings.DAIHOI_MAX_IMPORT_ROWS = 10  # at most 200 cells
    narrow = xlsx_bytes([["code", "name"]] + [[f"C{n}", "x"] for n in range(9)])
    assert len(read_table("hep.xlsx", narrow).rows) == 9
    wide = xlsx_bytes([[f"c{col}" for col in range(60)]] + [[n] * 60 for n in range(5)])
    with pytest.raises(uploads.UploadRefused, match="«rong.xlsx» có hơn 200 ô"):
        read_table("rong.xlsx", wide)


def test_a_workbook_without_its_dimension_counts_its_cells_not_the_padding(
    settings: Any,
) -> None:
    """openpyxl's write-only mode (and some exporters) store no sheet dimension, so each
    row is read padded to the column limit; the cap counts the cells the rows hold."""
    import io

    from openpyxl import Workbook

    from daihoi.core.tables import read_table

    settings.DAIHOI_MAX_IMPORT_ROWS = 10  # at most 200 cells: 10 padded rows would be 1,000
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["code", "name"])
    for n in range(9):
        sheet.append([f"C{n}", "x"])
    data = io.BytesIO()
    book.save(data)
    assert [cells for _number, cells in read_table("ghi-nhanh.xlsx", data.getvalue()).rows][:2] == [
        ["C0", "x"],
        ["C1", "x"],
    ]
