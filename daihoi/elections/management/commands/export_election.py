"""daihoi export-election ID FILE: the election record as one self-checking JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from daihoi.commands import DaihoiCommand
from daihoi.core.errors import ActionRefused
from daihoi.elections import signing
from daihoi.elections.models import Election
from daihoi.elections.record import export


class Command(DaihoiCommand):
    help = "Write an election's list, every keyed entry (a hash chain) and the result to FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election_id", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--public-key",
            type=Path,
            help="also write this installation's public key (PEM), for verify-election --key",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        election = (
            Election.objects.select_related("congress__organisation", "congress__campaign")
            .filter(pk=options["election_id"])
            .first()
        )
        if election is None:
            raise CommandError(f"Không có cuộc bầu cử số {options['election_id']}.")
        try:
            data = export(election)
        except ActionRefused as exc:
            raise CommandError(" ".join(exc.reasons)) from exc
        path: Path = options["file"]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(
            f"Đã ghi {path}: {len(data['entries'])} lượt nhập, mã kiểm chứng {data['head']}."
        )
        key_file: Path | None = options["public_key"]
        if key_file is not None:
            key_file.write_bytes(signing.public_pem())
            self.stdout.write(
                f"Đã ghi khóa công khai {key_file}; dấu vân tay {signing.fingerprint()}."
            )
