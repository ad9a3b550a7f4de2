"""The daihoi command: import-orgs, createadmin, create-token."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from daihoi.accounts.models import ApiToken, User
from daihoi.audit.models import AuditEntry
from daihoi.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_import_orgs_prints_every_error_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "ds.csv"
    bad.write_text("Mã,Mã cấp trên,Tên,Cấp\nA1,188,Đảng bộ A,3\nA1,188,,4\n", encoding="utf-8")
    count = Organisation.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match="không có gì được ghi"):
        call_command("import_orgs", str(bad), stderr=err)
    lines = err.getvalue().splitlines()
    assert "Dòng 3, cột «Mã» (giá trị «A1»): Mã trùng với dòng 2." in lines
    assert any(line.startswith("Dòng 3, cột «Tên»") for line in lines)
    assert Organisation.objects.count() == count


def test_import_orgs_reports_what_it_did(tmp_path: Path) -> None:
    good = tmp_path / "ds.csv"
    good.write_text("code,parent_code,name,level\n188-Q1,188,Đảng bộ Công ty Q,3\n", "utf-8")
    out = io.StringIO()
    call_command("import_orgs", str(good), stdout=out)
    assert "thêm mới 1" in out.getvalue()
    out = io.StringIO()
    call_command("import_orgs", str(good), stdout=out)
    assert "thêm mới 0, cập nhật 0, chuyển cấp trên 0, không đổi 1" in out.getvalue()


def test_import_orgs_names_a_missing_file() -> None:
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_orgs", "/khong/co/tep.csv")


def test_createadmin_makes_a_national_superuser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_PW", "mat-khau-du-dai-2020")
    call_command(
        "createadmin", "--username", "qt2", "--password-from-env", "ADMIN_PW", stdout=io.StringIO()
    )
    user = User.objects.get(username="qt2")
    assert user.is_superuser and user.organisation is not None
    assert user.organisation.code == "TW"
    assert AuditEntry.objects.filter(action="user.create", target="qt2").exists()


def test_createadmin_refuses_a_weak_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_PW", "123")
    with pytest.raises(CommandError):
        call_command("createadmin", "--username", "qt3", "--password-from-env", "ADMIN_PW")
    assert not User.objects.filter(username="qt3").exists()


def test_create_token_prints_a_token_that_is_stored_only_as_a_hash() -> None:
    out = io.StringIO()
    call_command("create_token", "locbinh", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("dh_")
    assert ApiToken.objects.filter(digest=ApiToken.digest_of(raw)).exists()
    assert not ApiToken.objects.filter(digest=raw).exists()
