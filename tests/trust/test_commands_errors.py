"""Commands (issue 15.7): an expected failure is a Vietnamese sentence and exit 1, no traceback."""

from __future__ import annotations

import importlib
import io
import json
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

import daihoi
from daihoi.commands import DaihoiCommand
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election
from tests.elections.helpers import counting_election

DAIHOI = str(Path(sys.executable).with_name("daihoi"))


def _command_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(daihoi.__path__, "daihoi."):
        if ".management.commands." in info.name:
            found.append(info.name)
    return found


def test_every_command_but_the_server_is_a_daihoi_command() -> None:
    # `serve` runs until stopped; its failures are the server's (a port in use), told by it.
    modules = [m for m in _command_modules() if not m.endswith(".serve")]
    assert len(modules) >= 15
    plain = [
        m for m in modules if not issubclass(importlib.import_module(m).Command, DaihoiCommand)
    ]
    assert plain == []


class _Raises(DaihoiCommand):
    def __init__(self, exc: BaseException) -> None:
        super().__init__(stdout=io.StringIO(), stderr=io.StringIO())
        self.exc = exc

    def handle(self, *args: Any, **options: Any) -> None:
        raise self.exc


def _run(exc: BaseException) -> str:
    with pytest.raises(CommandError) as failed:
        _Raises(exc).execute(no_color=True, force_color=False, skip_checks=True)
    assert failed.value.returncode == 1
    return str(failed.value)


def test_the_expected_failures_become_one_vietnamese_sentence() -> None:
    assert "Không có quyền" in _run(PermissionDenied("chỉ ban tổ chức"))
    assert "không có quyền" in _run(PermissionDenied())
    refused = _run(ActionRefused(["Hồ sơ thuộc đại hội khác."]))
    assert "Bị từ chối" in refused and "Hồ sơ thuộc đại hội khác." in refused
    assert "Ngày sinh phải" in _run(ValidationError("Ngày sinh phải sau 1900."))
    assert "Không có tệp «/khong/co.json»" in _run(
        FileNotFoundError(2, "No such file", "/khong/co.json")
    )
    try:
        json.loads('{"a": ')
    except json.JSONDecodeError as exc:
        assert "không phải JSON hợp lệ (dòng 1" in _run(exc)
    assert "UTF-8" in _run(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))


def test_a_bug_keeps_its_traceback() -> None:
    with pytest.raises(ZeroDivisionError):
        _Raises(ZeroDivisionError()).execute(no_color=True, force_color=False, skip_checks=True)
    with pytest.raises(ValueError, match="lỗi lập trình"):
        _Raises(ValueError("lỗi lập trình")).execute(
            no_color=True, force_color=False, skip_checks=True
        )


# --- import-election, as the probe ran it -------------------------------------------


@pytest.mark.django_db
def test_import_election_by_an_unauthorised_user_is_a_message_and_writes_nothing(
    tmp_path: Path,
) -> None:
    election = counting_election()
    slug = election.congress.campaign.slug
    record = tmp_path / "bau-cu.json"
    record.write_text(json.dumps({"format": "daihoi-election"}), encoding="utf-8")
    before = Election.objects.count()
    with pytest.raises(CommandError, match="soctrang.*không có quyền"):
        call_command(
            "import_election", str(record), "--congress", f"{slug}/188", "--user", "soctrang"
        )
    assert Election.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "Không đọc được hồ sơ"),
        ("{ không phải json", "Không đọc được hồ sơ"),
        ("[]", "thiếu hoặc sai trường"),
        ("{}", "không kiểm chứng được"),
    ],
)
def test_import_election_refuses_a_missing_or_malformed_file_with_a_message(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    election = counting_election()
    record = tmp_path / "bau-cu.json"
    if content is not None:
        record.write_text(content, encoding="utf-8")
    before = Election.objects.count()
    reasons = io.StringIO()  # the refusal's reasons, one a line, before the last sentence
    with pytest.raises(CommandError) as failed:
        call_command(
            "import_election",
            str(record),
            "--congress",
            f"{election.congress.campaign.slug}/188",
            "--user",
            "langson",
            stderr=reasons,
        )
    assert expected in str(failed.value) + reasons.getvalue()
    assert Election.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "argv",
    [
        ["import_orgs", "/khong/co/to-chuc.csv"],
        ["import_congresses", "/khong/co/dai-hoi.csv"],
        ["verify_election", "/khong/co/bau-cu.json"],
        ["restore", "/khong/co/sao-luu.tar"],
        ["tally", "--candidates", "/khong/co/c.csv", "--ballots", "/khong/co/b.csv"]
        + ["--seats", "1", "--base", "1"],
    ],
)
def test_a_missing_file_is_a_message_naming_it(argv: list[str]) -> None:
    with pytest.raises(CommandError, match="/khong/co/"):
        call_command(*argv, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_command_line_prints_the_sentence_and_exits_1_without_a_traceback(
    tmp_path: Path,
) -> None:
    # Through the real `daihoi` entry point, as an operator types it (no database needed).
    bad = tmp_path / "bau-cu.json"
    bad.write_text("{ không phải json", encoding="utf-8")
    for argv in (
        ["verify-election", str(bad)],
        ["verify-election", str(tmp_path / "khong-co.json")],
        ["tally", "--candidates", str(bad) + ".x", "--ballots", str(bad), "--seats", "1"]
        + ["--base", "1"],
    ):
        done = subprocess.run(
            [DAIHOI, *argv], capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "Không" in done.stderr
