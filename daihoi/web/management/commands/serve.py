"""daihoi serve: serve the application (static files through WhiteNoise).

One process with threads (waitress) by default, which runs anywhere; with
`--workers N`, N gunicorn worker processes, which use every core of the venue's
machine: one Python process keeps to one core however many threads it has, and
the check-in desks of a full hall need both cores of a small laptop. With
`--certfile` and `--keyfile` it serves https (through gunicorn), which the desks'
cameras need on a LAN. Behind nginx, either server believes X-Forwarded-For/-Proto
only from the addresses in DAIHOI_TRUSTED_PROXIES (daihoi.ops.proxies).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve Đại hội on http://127.0.0.1:8000 (or --host/--port)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8, help="waitress threads")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="more than 1: that many gunicorn worker processes (2 × cores suits the "
            "check-in desks), each handling one request at a time",
        )
        parser.add_argument(
            "--certfile",
            help="serve https with this certificate (PEM), e.g. on the venue's LAN, where "
            "browsers give the desks' cameras only to https pages; needs --keyfile",
        )
        parser.add_argument("--keyfile", help="the certificate's private key (PEM)")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        # WhiteNoise serves from the app folders; it only wants the collected
        # folder to exist (`daihoi collectstatic` fills it on a server).
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

        # settings.WSGI_APPLICATION, daihoi.wsgi.application, as runserver finds it: wrapped
        # by daihoi.ops.proxies, forwarded headers are dropped, unless they come from a named
        # proxy, before Django (the throttle's client address, request.is_secure()) sees them.
        from django.core.servers.basehttp import get_internal_wsgi_application

        app = get_internal_wsgi_application()

        proxies = tuple(settings.TRUSTED_PROXIES)
        host, port, workers = options["host"], options["port"], options["workers"]
        if workers < 1:
            raise CommandError("--workers phải từ 1 trở lên.")
        tls = _tls_files(options["certfile"], options["keyfile"])
        if tls and workers < 2:
            # gunicorn serves the https, and one sync worker would take one request
            # at a time: the desks' scans would wait behind each other's polling.
            raise CommandError("https cần --workers từ 2 trở lên (ví dụ --workers 4).")
        refusal = key_refusal(settings.SECRET_KEY, host, https=tls is not None)
        if refusal:
            raise CommandError(refusal)
        if settings.HTTPS and tls is None and not proxies:
            from django.utils.translation import gettext as _

            self.stderr.write(
                _(
                    "Cảnh báo: DAIHOI_HTTPS=1 nhưng máy chủ không tự phục vụ https và chưa đặt "
                    "DAIHOI_TRUSTED_PROXIES; mọi yêu cầu sẽ bị chuyển sang https mãi không dứt. "
                    "Sau nginx, hãy đặt DAIHOI_TRUSTED_PROXIES=127.0.0.1 (địa chỉ của nginx)."
                )
            )
        url = f"{'https' if tls else 'http'}://{host}:{port}/"
        self.stdout.write(f"Đại hội đang chạy tại {url} (Ctrl+C để dừng)")
        if workers > 1:
            # waitress has no TLS of its own: https is always served by gunicorn.
            serve_with_gunicorn(app, f"{host}:{port}", workers, tls, proxies)
            return
        from waitress import serve  # type: ignore[import-untyped]

        serve(
            app,
            host=host,
            port=port,
            threads=options["threads"],
            ident="daihoi",
            # daihoi.wsgi has already cleared what a peer may not send and kept what a
            # proxy may; waitress's own pass, trusting no one, would strip the latter too
            # and every request behind nginx would look like plain http.
            clear_untrusted_proxy_headers=False,
        )


def key_refusal(key: str, host: str, *, https: bool) -> str | None:
    """Why serving with this key on host must not start, or None.

    Whoever knows the key can sign delegate cards and sessions; the demo key is
    published, so it may serve this machine alone (plain http on loopback).
    """
    from django.conf import settings
    from django.utils.translation import gettext as _

    from daihoi.ops import secret_key

    if secret_key.may_serve(key, host, https=https):
        return None
    why = {
        "demo": _("là khoá mẫu đã công bố cùng mã nguồn"),
        "short": _("ngắn hơn %(length)d ký tự") % {"length": secret_key.MIN_LENGTH},
        "repetitive": _("quá dễ đoán"),
    }[secret_key.weakness(key) or "demo"]
    where = (
        _("máy chủ sẽ phục vụ các máy khác qua https")
        if https
        else _("máy chủ sẽ nhận kết nối từ các máy khác (nghe trên %(host)s)")
        % {"host": host or "*"}
    )
    return _(
        "Không khởi động: khoá bí mật (SECRET_KEY) đang dùng %(why)s; ai biết khoá này "
        "đều làm giả được thẻ đại biểu và phiên đăng nhập, trong khi %(where)s. Hãy bỏ "
        "biến DAIHOI_SECRET_KEY để chương trình tự tạo khoá riêng (lưu tại %(path)s), "
        "hoặc đặt DAIHOI_SECRET_KEY là một chuỗi ngẫu nhiên dài, ví dụ kết quả của lệnh "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    ) % {
        "why": why,
        "where": where,
        "path": Path(settings.DATA_DIR) / secret_key.FILE_NAME,
    }


def _tls_files(certfile: str | None, keyfile: str | None) -> tuple[str, str] | None:
    """The certificate and key to serve https with, checked before anything starts."""
    if not certfile and not keyfile:
        return None
    if not certfile or not keyfile:
        raise CommandError("https cần cả --certfile và --keyfile.")
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise CommandError(
            f"Không dùng được chứng chỉ {certfile} với khoá {keyfile}: {exc}"
        ) from exc
    return certfile, keyfile


def serve_with_gunicorn(
    application: Any,
    bind: str,
    workers: int,
    tls: tuple[str, str] | None = None,
    proxies: tuple[str, ...] = (),
) -> None:
    """gunicorn's sync workers: one request at a time each, so a free worker takes the next.

    (Threaded workers keep each connection on the worker that accepted it, and a
    busy worker's desks then wait while another worker is idle.)
    """
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError as exc:  # gunicorn does not run on Windows
        raise CommandError(
            "--workers cần gunicorn (Linux, macOS); trên Windows hãy chạy không có --workers."
        ) from exc

    import os

    from daihoi.jobs.runner import PROCESSES_VARIABLE

    # The workers inherit it: on SQLite they refuse to start web jobs they could not follow.
    os.environ[PROCESSES_VARIABLE] = str(workers)

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "sync")
            # Exports (XLSX, DOCX of a province) may take a while on a small machine.
            self.cfg.set("timeout", 120)
            # gunicorn's own scheme check trusts 127.0.0.1 by default; only the named
            # proxies may say a request came over https.
            self.cfg.set("forwarded_allow_ips", ",".join(proxies))
            if tls is not None:
                self.cfg.set("certfile", tls[0])
                self.cfg.set("keyfile", tls[1])

        def load(self) -> Any:
            return application

    Server().run()
