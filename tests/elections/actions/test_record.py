"""The signed record: exported, verified offline, imported on another installation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from daihoi.campaigns.models import Congress
from daihoi.core.errors import ActionRefused
from daihoi.elections.actions.lifecycle import do_transition_election
from daihoi.elections.actions.record import do_import_election
from daihoi.elections.models import Election, ElectionState
from daihoi.elections.record import export
from tests.elections.helpers import counting_election, key_all, outsider, staff, typist

pytestmark = pytest.mark.django_db
S = ElectionState


def test_the_record_exports_verifies_offline_and_imports_on_another_installation(
    tmp_path: Path,
) -> None:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    path = tmp_path / "bau-cu.json"
    key = tmp_path / "khoa.pem"
    call_command(
        "export_election",
        str(election.pk),
        str(path),
        "--public-key",
        str(key),
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("verify_election", str(path), "--key", str(key), stdout=out)
    assert "HỢP LỆ" in out.getvalue() and "Trần Thị Bình" in out.getvalue()

    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][2]["crossed"] = [1]
    tampered = tmp_path / "sua.json"
    tampered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="KHÔNG hợp lệ"):
        call_command("verify_election", str(tampered), stderr=io.StringIO())
    with pytest.raises(CommandError, match="bị từ chối"):
        call_command(
            "import_election",
            str(tampered),
            "--congress",
            "bau-cu-thu/188",
            "--user",
            "langson",
            stderr=io.StringIO(),
        )

    # The record was counted on a venue laptop: this installation has never seen it.
    election = Election.objects.get(pk=election.pk)
    result, head = election.result, election.chain_head
    election.entries.all().delete()
    election.delete()
    call_command(
        "import_election",
        str(path),
        "--congress",
        "bau-cu-thu/188",
        "--user",
        "langson",
        stdout=io.StringIO(),
    )
    imported = Election.objects.get()
    assert imported.result == result and result is not None
    assert imported.chain_head == head


def _record() -> tuple[dict[str, object], Congress]:
    election = counting_election()
    key_all(election)
    do_transition_election(election, S.RECONCILED, acting_user=staff())
    done = do_transition_election(election, S.ANNOUNCED, acting_user=staff())
    return export(done), done.congress


def test_a_record_is_imported_once_as_an_announced_election() -> None:
    data, congress = _record()
    Election.objects.filter(chain_head=data["head"]).update(chain_head="")
    imported = do_import_election(data, congress=congress, acting_user=staff())
    assert imported.state == S.ANNOUNCED and imported.result == data["result"]
    assert imported.outcome is not None and imported.outcome.elected == [1, 2, 3]
    before = Election.objects.count()
    with pytest.raises(ActionRefused) as caught:
        do_import_election(data, congress=congress, acting_user=staff())
    assert caught.value.codes == ["already_imported"]
    assert Election.objects.count() == before


def test_another_province_or_a_typist_may_not_import_a_record() -> None:
    data, congress = _record()
    before = Election.objects.count()
    for user in (outsider(), typist("to1", 1)):
        with pytest.raises(PermissionDenied):
            do_import_election(data, congress=congress, acting_user=user)
    assert Election.objects.count() == before
