"""Benchmark: what the worst upload costs the server, refused or accepted (issue 15.3).

Each case runs in a fresh process (so its peak memory is its own) and prints the
processor time and the growth of the process's peak resident memory:

- the DOCX bomb the probe sent (156 KB holding 50 MB of XML): refused by the check;
- an XLSX whose sheet carries a billion-laughs DTD: refused by the check;
- the largest draft the caps accept (40 MB of XML, 20,000 paragraphs of text that
  does not compress 100 times): parsed by python-docx;
- a CSV at the 20 MB size cap with 200,000 rows (the row cap): read into a table;
- as the reference, unzipping the largest draft with zipfile alone (no parsing).

Each figure is also given as a ratio against the reference of the same run.
Run from the project root: `.venv/bin/python bench/uploads.py`.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ["unzip-reference", "docx-bomb", "xlsx-dtd", "largest-draft", "largest-csv"]


def _docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(data: bytes, part: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = body if info.filename == part else source.read(info)
            target.writestr(info.filename, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def largest_draft() -> bytes:
    """20,000 paragraphs of random words, padded with runs to just under 40 MB of XML."""
    words = ["phát", "triển", "kinh", "tế", "xã", "hội", "đảng", "bộ", "nhân", "dân", "vùng"]
    rng = random.Random(15)
    honest = _docx(["x"])
    with zipfile.ZipFile(io.BytesIO(honest)) as z:
        head, tail = z.read("word/document.xml").split(b"<w:body>", 1)
    tail = tail.split(b"</w:body>", 1)[1]
    budget = 39 * 1024 * 1024
    paragraphs: list[bytes] = []
    size = 0
    per = budget // 20_000
    for _n in range(20_000):
        text = ""
        while len(text.encode()) < per - 60:
            text += rng.choice(words) + f"{rng.randrange(10_000)} "
        paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
        paragraphs.append(paragraph)
        size += len(paragraph)
    body = head + b"<w:body>" + b"".join(paragraphs) + b"</w:body>" + tail
    return _rewrite(honest, "word/document.xml", body)


def run_case(case: str) -> dict[str, object]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    import django

    django.setup()
    from daihoi.core.errors import ActionRefused
    from daihoi.core.tables import TableError, read_table
    from daihoi.drafts.upload import read_docx_upload

    if case == "docx-bomb":
        honest = _docx(["Phần I", "Đoạn một."])
        with zipfile.ZipFile(io.BytesIO(honest)) as z:
            body = z.read("word/document.xml")
        head, tail = body.rsplit(b"</", 1)
        data = _rewrite(
            honest, "word/document.xml", head + b" " * (50 * 1024 * 1024) + b"</" + tail
        )
    elif case == "xlsx-dtd":
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["code"])  # type: ignore[union-attr]
        out = io.BytesIO()
        book.save(out)
        with zipfile.ZipFile(out) as z:
            sheet = z.read("xl/worksheets/sheet1.xml")
        laughs = b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + b"".join(
            b'<!ENTITY a%d "%s">' % (n, b"&a;" * 10) for n in range(9)
        )
        data = _rewrite(out.getvalue(), "xl/worksheets/sheet1.xml", laughs + b"]>" + sheet)
    elif case in ("largest-draft", "unzip-reference"):
        data = largest_draft()
    else:
        lines = ["code,parent_code,name,level"]
        filler = "x" * 60
        lines += [f"N{n:06d},188,Chi bộ {n} {filler},3" for n in range(199_990)]
        data = ("\n".join(lines) + "\n").encode()[: 20 * 1024 * 1024]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_before = time.process_time()
    outcome = ""
    try:
        if case == "unzip-reference":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                outcome = f"{sum(len(z.read(i)) for i in z.infolist()):,} bytes unzipped"
        elif case in ("docx-bomb", "largest-draft"):
            outcome = f"{len(read_docx_upload('du-thao.docx', data)):,} paragraphs read"
        else:
            name = "ds.xlsx" if case == "xlsx-dtd" else "ds.csv"
            outcome = f"{len(read_table(name, data).rows):,} rows read"
    except (ActionRefused, TableError) as exc:
        outcome = "refused: " + str(exc)[:110]
    return {
        "case": case,
        "file_bytes": len(data),
        "cpu_s": time.process_time() - cpu_before,
        "peak_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024,
        "outcome": outcome,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2]), ensure_ascii=False))
        return
    results = []
    for case in CASES:
        done = subprocess.run(  # noqa: S603 - this file, a fixed case name
            [sys.executable, __file__, "--case", case],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    reference = results[0]["cpu_s"] or 1e-9
    print(f"{'case':<17} {'file':>10} {'CPU':>8} {'× unzip':>8} {'peak +MB':>9}  outcome")
    for r in results:
        print(
            f"{r['case']:<17} {r['file_bytes'] / 1024:>8.0f}KB {r['cpu_s']:>7.2f}s "
            f"{r['cpu_s'] / reference:>8.1f} {r['peak_growth_mb']:>9.0f}  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
