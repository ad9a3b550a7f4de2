"""Reading an uploaded draft (a Word file) into numbered paragraphs, within the upload caps."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from daihoi.campaigns.documents import upload_kind
from daihoi.core import uploads
from daihoi.core.errors import ActionRefused
from daihoi.core.numbers import vn_int
from daihoi.lib.paragraphs import Numbered, TooManyBlocks, TooSlow, docx_blocks, number_blocks


def _refused(exc: uploads.UploadRefused, code: str) -> ActionRefused:
    return ActionRefused([exc.message], [code])


def check_size(name: str, size: int) -> None:
    """Refuse a file over the upload cap (DAIHOI_MAX_UPLOAD_BYTES), before reading it."""
    try:
        uploads.check_size(name, size)
    except uploads.UploadRefused as exc:
        raise _refused(exc, "file_too_large") from exc


def read_upload(upload: Any) -> bytes:
    """An uploaded draft's bytes, read only when it is within the size cap."""
    try:
        return uploads.read_upload(upload)
    except uploads.UploadRefused as exc:
        raise _refused(exc, "file_too_large") from exc


def read_docx_upload(name: str, data: bytes) -> list[Numbered]:
    """Check an upload is a real Word file of a sane size and read its numbered paragraphs."""
    check_size(name, len(data))
    if upload_kind(io.BytesIO(data)) != "docx":
        raise ActionRefused(
            [
                _("Tệp «%(name)s» không phải tệp Word (.docx); nội dung tệp không đúng định dạng.")
                % {"name": name}
            ],
            ["not_docx"],
        )
    # Before python-docx, which holds every part in memory: no bomb, no DTD.
    try:
        uploads.check_office_zip(name, data, max_unzipped=settings.DAIHOI_MAX_DOCX_UNZIPPED_BYTES)
    except uploads.UploadRefused as exc:
        raise _refused(exc, "unsafe_docx") from exc
    paragraph_cap = int(settings.DAIHOI_MAX_DOCX_PARAGRAPHS)
    try:
        numbered = number_blocks(
            docx_blocks(data, limit=paragraph_cap, deadline=uploads.parse_deadline())
        )
    except TooSlow as exc:
        raise ActionRefused(
            [
                _(
                    "Đọc tệp «%(name)s» mất hơn %(seconds)s giây nên đã dừng; "
                    "tệp không được lưu. Hãy chia dự thảo thành các tệp nhỏ hơn."
                )
                % {"name": name, "seconds": int(settings.DAIHOI_MAX_PARSE_SECONDS)}
            ],
            ["parse_too_slow"],
        ) from exc
    except TooManyBlocks as exc:
        raise ActionRefused(
            [
                _(
                    "Tệp «%(name)s» có hơn %(limit)s đoạn, vượt giới hạn của một dự thảo; "
                    "tệp chưa được đọc hết và không được lưu."
                )
                % {"name": name, "limit": vn_int(paragraph_cap)}
            ],
            ["too_many_paragraphs"],
        ) from exc
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a broken file
        raise ActionRefused(
            [_("Không đọc được tệp «%(name)s»: %(error)s") % {"name": name, "error": exc}],
            ["unreadable_docx"],
        ) from exc
    if not numbered:
        raise ActionRefused(
            [_("Tệp «%(name)s» không có nội dung chữ nào.") % {"name": name}], ["empty_docx"]
        )
    return numbered
