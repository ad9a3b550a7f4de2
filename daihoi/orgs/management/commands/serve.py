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
        from pathlib import Path

        from django.conf import settings
        from waitress import serve  # type: ignore[import-untyped]

        # WhiteNoise serves from the app folders; it only wants the collected
        # folder to exist (`daihoi collectstatic` fills it on a server).
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

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
