"""daihoi serve: serve the application with waitress (static files through WhiteNoise)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Đại hội on http://127.0.0.1:8000 (or --host/--port)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve  # type: ignore[import-untyped]

        from daihoi.wsgi import application

        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(f"Đại hội đang chạy tại {url} (Ctrl+C để dừng)")
        serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            ident="daihoi",
        )
