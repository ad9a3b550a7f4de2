"""Files handed to the browser: one helper for every export (XLSX, DOCX, CSV, PDF)."""

from __future__ import annotations

import io

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"

CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX, "csv": CSV, "pdf": PDF}


def attachment(body: bytes, filename: str, content_type: str | None = None) -> FileResponse:
    """Answer with `body` as a download named `filename`, never kept by a cache.

    FileResponse writes the Content-Disposition header itself (RFC 6266, with the
    UTF-8 form for Vietnamese names), so no view builds that header by hand. Exports
    hold personal or unpublished data: `private, no-store` keeps them out of shared
    caches and the browser's disk.
    """
    kind = content_type or CONTENT_TYPES.get(filename.rsplit(".", 1)[-1].lower())
    response = FileResponse(
        io.BytesIO(body), as_attachment=True, filename=filename, content_type=kind
    )
    response["Cache-Control"] = "private, no-store"
    return response
