"""The limits every uploaded file meets before anything parses it.

One place for the size cap, the row cap and the checks on Office files (a DOCX or
XLSX is a zip of XML parts): a hostile file is refused with a message naming it and
the limit, and never reaches openpyxl or python-docx. The caps bound the worst case
of parsing (bytes in, bytes unzipped, parts, rows, columns, paragraphs), which is
why there is no timer around the parsers: a thread in waitress or gunicorn cannot
be interrupted safely, and with these caps it does not need to be.
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

from daihoi.core.numbers import vn_int
from daihoi.core.tables import CellError, TableError

MIB = 1024 * 1024
# Declarations that make an XML parser expand entities or fetch files; an Office file
# never carries them, in any of the encodings XML allows.
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(m) for m in _DECLARATIONS)
# A part smaller than this is never a bomb, whatever its ratio (styles.xml compresses 50×).
_RATIO_FLOOR = MIB


@dataclass(frozen=True)
class FileProblem(CellError):
    """A problem of the whole file, whose message already names it."""

    def __str__(self) -> str:
        return self.message


class UploadRefused(TableError):
    """The file breaks a limit; it was not parsed and nothing was written."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__([FileProblem(0, "", "", message)])
        self.name = name
        self.message = message

    def __str__(self) -> str:
        return self.message


def _setting(name: str) -> int:
    return int(getattr(settings, name))


def _mb(size: int) -> str:
    # One decimal, Vietnamese comma: "45,3", "20".
    return f"{size / MIB:.1f}".removesuffix(".0").replace(".", ",")


def max_bytes() -> int:
    return _setting("DAIHOI_MAX_UPLOAD_BYTES")


def max_rows() -> int:
    return _setting("DAIHOI_MAX_IMPORT_ROWS")


def check_size(name: str, size: int | None) -> None:
    """Refuse a file larger than the upload cap, before reading it."""
    limit = max_bytes()
    if size is not None and size > limit:
        raise UploadRefused(
            name,
            _("Tệp «%(name)s» quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"name": name, "size": _mb(size), "limit": _mb(limit)},
        )
    if size == 0:
        raise UploadRefused(name, _("Tệp «%(name)s» trống.") % {"name": name})


def read_upload(upload: Any) -> bytes:
    """Return an uploaded file's bytes after checking its size (never reads past the cap)."""
    name = str(getattr(upload, "name", "") or "")
    check_size(name, getattr(upload, "size", None))
    data: bytes = upload.read(max_bytes() + 1)
    check_size(name, len(data))
    return data


class CappedUploadHandler(FileUploadHandler):
    """Keep no more than the cap of any uploaded file, in memory or on disk.

    First of the handlers: past the cap it stops passing chunks on and only counts
    them, then hands back an empty file that knows its real size, so that
    check_size refuses it with the size the user sent.
    """

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        return raw_data if self.received <= max_bytes() else None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.received <= max_bytes():
            return None  # the next handler has the whole file
        return InMemoryUploadedFile(
            io.BytesIO(b""),
            self.field_name,
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )


def check_rows(name: str, count: int) -> None:
    """Refuse a table once it has more data rows than the import cap."""
    limit = max_rows()
    if count > limit:
        raise UploadRefused(
            name,
            _(
                "Tệp «%(name)s» có hơn %(limit)s dòng dữ liệu, vượt giới hạn của một lần nhập. "
                "Hãy chia tệp thành nhiều phần."
            )
            % {"name": name, "limit": vn_int(limit)},
        )


def parse_deadline() -> float:
    """When a file being read must be done by (time.monotonic()), DAIHOI_MAX_PARSE_SECONDS on.

    A thread serving a request cannot be interrupted safely, so reading stops itself:
    the table and draft readers look at the clock every row or paragraph. The caps
    keep one honest worst case at a few seconds (bench/uploads.py); this bounds what
    they do not foresee, on a slower or busier machine.
    """
    return time.monotonic() + float(settings.DAIHOI_MAX_PARSE_SECONDS)


def check_deadline(name: str, deadline: float) -> None:
    """Refuse the file, unread past this point, once its reading has run out of time."""
    if time.monotonic() > deadline:
        raise UploadRefused(
            name,
            _(
                "Đọc tệp «%(name)s» mất hơn %(seconds)s giây nên đã dừng, chưa ghi gì. "
                "Hãy chia tệp thành nhiều phần nhỏ hơn."
            )
            % {"name": name, "seconds": int(settings.DAIHOI_MAX_PARSE_SECONDS)},
        )


def max_cells() -> int:
    # Twenty columns a row: the widest import (cadres) has about a dozen, and a sheet
    # formatted a few columns past its data is still read.
    return max_rows() * 20


def check_cells(name: str, count: int) -> None:
    """Refuse a workbook once it has more cells than the import cap (rows × 20)."""
    limit = max_cells()
    if count > limit:
        raise UploadRefused(
            name,
            _(
                "Tệp «%(name)s» có hơn %(limit)s ô, vượt giới hạn của một lần nhập. "
                "Hãy xóa các cột không dùng hoặc chia tệp thành nhiều phần."
            )
            % {"name": name, "limit": vn_int(limit)},
        )


def _has_declaration(stream: IO[bytes]) -> bool:
    tail = b""
    while chunk := stream.read(256 * 1024):
        window = tail + chunk
        if any(marker in window for marker in _DECLARATIONS):
            return True
        tail = window[-_OVERLAP:]
    return False


def check_office_zip(name: str, data: bytes, *, max_unzipped: int | None = None) -> None:
    """Refuse a DOCX/XLSX that is a zip bomb or carries a DTD, before any parser sees it.

    The sizes checked are the ones the zip declares; Python's zipfile never inflates
    a part past its declared size (and fails on a wrong checksum), so a lie in the
    directory makes the file unreadable, not bigger.
    """
    unzipped_cap = max_unzipped or _setting("DAIHOI_MAX_UNZIPPED_BYTES")
    ratio_cap = _setting("DAIHOI_MAX_ZIP_RATIO")
    parts_cap = _setting("DAIHOI_MAX_ZIP_PARTS")
    # Named as the user knows the file: an Excel workbook or a Word document.
    kind = _("tệp Word (.docx)") if name.lower().endswith(".docx") else _("tệp Excel (.xlsx)")
    unreadable = _("Tệp «%(name)s» không phải %(kind)s hợp lệ (không đọc được nội dung nén).") % {
        "name": name,
        "kind": kind,
    }
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise UploadRefused(name, unreadable) from exc
    with archive:
        members = archive.infolist()
        if len(members) > parts_cap:
            raise UploadRefused(
                name,
                _("Tệp «%(name)s» có %(n)s phần nén; giới hạn là %(limit)s.")
                % {"name": name, "n": len(members), "limit": parts_cap},
            )
        total = sum(m.file_size for m in members)
        if total > unzipped_cap:
            raise UploadRefused(
                name,
                _(
                    "Tệp «%(name)s» khi giải nén lên tới %(size)s MB; giới hạn là %(limit)s MB. "
                    "Tệp có thể bị cố ý làm phình (zip bomb)."
                )
                % {"name": name, "size": _mb(total), "limit": _mb(unzipped_cap)},
            )
        for member in members:
            if member.file_size > _RATIO_FLOOR and member.file_size > ratio_cap * max(
                member.compress_size, 1
            ):
                raise UploadRefused(
                    name,
                    _(
                        "Phần «%(part)s» của tệp «%(name)s» nén quá %(limit)s lần; tệp có thể bị "
                        "cố ý làm phình (zip bomb) nên không được đọc."
                    )
                    % {"part": member.filename[:80], "name": name, "limit": ratio_cap},
                )
        try:
            for member in members:
                if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(member) as stream:
                    if _has_declaration(stream):
                        raise UploadRefused(
                            name,
                            _(
                                "Tệp «%(name)s» chứa khai báo DTD/ENTITY trong phần «%(part)s»; "
                                "tệp Office thật không có khai báo này nên tệp không được đọc."
                            )
                            % {"name": name, "part": member.filename[:80]},
                        )
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
        ) as exc:
            raise UploadRefused(name, unreadable) from exc
