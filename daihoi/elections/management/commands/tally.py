"""daihoi tally --candidates C.csv --ballots B.csv --seats N --base M [--json]."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.commands import DaihoiCommand
from daihoi.lib.tallyfiles import TallyFileError, format_table, run_tally


def _whole_number(text: str) -> int:
    """Read an option value as a whole number, complaining in Vietnamese."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải là số nguyên.") from None


def _read_text(path: str) -> str:
    """Read a UTF-8 file, with or without a byte-order mark."""
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"Tệp {path} không phải văn bản UTF-8 (byte {exc.start}); hãy lưu lại dạng CSV UTF-8."
        ) from exc


class Command(DaihoiCommand):
    help = "Count the ballots of one election from two CSV files and say who is elected."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--candidates", required=True, help="CSV: no,full_name")
        parser.add_argument(
            "--ballots", required=True, help="CSV: ballot_no,crossed_out,void_lines,flags"
        )
        parser.add_argument("--seats", required=True, type=_whole_number, help="seats to fill")
        parser.add_argument(
            "--base", required=True, type=_whole_number, help="election base (cơ sở bầu cử)"
        )
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        candidates = _read_text(options["candidates"])
        ballots = _read_text(options["ballots"])
        try:
            result = run_tally(candidates, ballots, options["seats"], options["base"])
        except TallyFileError as exc:
            # Say which file the row is in: "Dòng 3" alone could be either.
            path = {"candidates": options["candidates"], "ballots": options["ballots"]}
            source = path.get(exc.source or "")
            raise CommandError(f"{exc} (tệp {source})" if source else str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_table(result))
