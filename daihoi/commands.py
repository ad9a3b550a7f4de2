"""The base of every `daihoi` command: an expected failure is a sentence and exit 1, no traceback.

Django prints a CommandError as one line on stderr and exits with its return
code; anything else escapes as a Python traceback, which tells an operator at a
venue nothing and shows the code's insides. The refusals the commands can meet
(no permission, a refused action, a record that does not validate, a missing or
unreadable file, a JSON file that is not JSON or not the expected shape) are
turned into CommandErrors here, once, instead of in a copy per command.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from daihoi.core.errors import ActionRefused


def _file_message(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else ""
    if isinstance(exc, FileNotFoundError):
        return _("Không có tệp «%(name)s».") % {"name": name}
    if isinstance(exc, IsADirectoryError):
        return _("«%(name)s» là một thư mục, không phải tệp.") % {"name": name}
    if isinstance(exc, PermissionError):
        return _("Không được phép đọc hoặc ghi tệp «%(name)s».") % {"name": name}
    return _("Không đọc hoặc ghi được tệp «%(name)s»: %(reason)s.") % {
        "name": name,
        "reason": exc.strerror or exc,
    }


def failure_message(exc: BaseException) -> str | None:
    """Return the sentence an operator reads for an expected failure, or None for a bug."""
    if isinstance(exc, PermissionDenied):
        detail = str(exc)
        return (
            _("Không có quyền: %(detail)s") % {"detail": detail}
            if detail
            else _("Tài khoản này không có quyền làm việc này.")
        )
    if isinstance(exc, ActionRefused):
        reasons = " ".join(exc.reasons) or _("không rõ lý do")
        return _("Bị từ chối, không có gì được ghi: %(reasons)s") % {"reasons": reasons}
    if isinstance(exc, ValidationError):
        return _("Dữ liệu không hợp lệ: %(reasons)s") % {"reasons": " ".join(exc.messages)}
    if isinstance(exc, json.JSONDecodeError):
        return _("Tệp không phải JSON hợp lệ (dòng %(line)s, cột %(col)s): %(reason)s.") % {
            "line": exc.lineno,
            "col": exc.colno,
            "reason": exc.msg,
        }
    if isinstance(exc, UnicodeDecodeError):
        return _("Tệp không phải văn bản UTF-8 (byte thứ %(at)s).") % {"at": exc.start + 1}
    if isinstance(exc, OSError):
        return _file_message(exc)
    return None


class DaihoiCommand(BaseCommand):
    """A management command whose expected failures print a Vietnamese message and exit 1."""

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except CommandError:
            raise
        except (
            PermissionDenied,
            ActionRefused,
            ValidationError,
            OSError,
            ValueError,  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        ) as exc:
            message = failure_message(exc)
            if message is None:  # a ValueError of our own making: a bug, keep its traceback
                raise
            raise CommandError(message) from exc
