"""WSGI entry point."""

import gc
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from daihoi.ops.proxies import trust_proxies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
# X-Forwarded-For/-Proto count only from DAIHOI_TRUSTED_PROXIES and are removed
# from anyone else's request, whichever server runs this (daihoi serve, or gunicorn
# started by hand): Django's SECURE_PROXY_SSL_HEADER would believe anyone's.
application = trust_proxies(get_wsgi_application(), settings.TRUSTED_PROXIES)
# Django imports the URLconf, and with it every view module, on the first request;
# each server process would make its first caller wait for that (a few hundred
# milliseconds on a small machine, in the first minute of check-in). Done here,
# it happens while the process starts.
get_resolver().url_patterns  # noqa: B018 - touched for its import

# Everything loaded so far (Django, the apps, openpyxl, python-docx …) lives as long
# as the process. Left to the collector, its full passes walk those ~110,000 objects
# every few hundred requests: about 60 ms of one core each time, which a desk sees
# as a scan that hangs. Frozen, they are skipped; later garbage is still collected.
gc.freeze()
