"""daihoi import-election FILE --congress CAMPAIGN/CODE: bring in a record counted offline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError, CommandParser

from daihoi.accounts.models import User
from daihoi.campaigns.models import Congress
from daihoi.commands import DaihoiCommand
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.record import do_import_election


class Command(DaihoiCommand):
    help = "Import an election record counted on a venue laptop; refuses one that does not verify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--congress", required=True, help="campaign slug and organisation code: SLUG/CODE"
        )
        parser.add_argument("--user", required=True, help="the account importing it (audited)")

    def handle(self, *args: Any, **options: Any) -> None:
        slug, _sep, code = options["congress"].partition("/")
        congress = (
            Congress.objects.select_related("organisation", "campaign")
            .filter(campaign__slug=slug, organisation__code=code)
            .first()
        )
        if congress is None:
            raise CommandError(f"Không có đại hội «{options['congress']}».")
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['user']}».")
        try:
            data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
            election = do_import_election(data, congress=congress, acting_user=user)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được hồ sơ: {exc}") from exc
        except PermissionDenied as exc:
            raise CommandError(
                f"Tài khoản «{user.username}» không có quyền ghi vào đại hội "
                f"«{options['congress']}»."
            ) from exc
        except ActionRefused as exc:
            for reason in exc.reasons:
                self.stderr.write(reason)
            raise CommandError("Hồ sơ bị từ chối; không có gì được ghi.") from exc
        self.stdout.write(f"Đã nhập cuộc bầu cử số {election.pk}: {election.title}.")
