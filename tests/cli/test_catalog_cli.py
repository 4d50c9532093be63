"""`desktop-app branches|mandants rename/set/delete`: a real process, a real data directory.
Exit codes: 0 done, 1 failed (missing, taken, in use), 2 wrong usage, 3 invalid input."""

from __future__ import annotations

import getpass
import json

import pytest

from desktop_app.jobs.change_audit import (
    BRANCH_CREATED,
    BRANCH_DELETED,
    BRANCH_RENAMED,
    MANDANT_CHANGED,
    MANDANT_DELETED,
)
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
from tests.cli.test_interfaces_cli import GOOD, run_cli

ACTOR = f"os:{getpass.getuser()}"


def ok(*args, data):
    result = run_cli(data, *args)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def data(tmp_path):
    """Mandanten 1 (DATEV 4711/2) and 2, branches "Optik Nord" and "Optik Süd", and one
    interface that uses "Optik Nord", "1" and "2"."""
    path = tmp_path / "cli-data"
    ok("mandants", "add", "1", "--datev-berater", "4711", "--datev-mandant", "2", data=path)
    ok("mandants", "add", "2", data=path)
    ok("branches", "add", "Optik Nord", data=path)
    ok("branches", "add", "Optik Süd", data=path)
    source = tmp_path / "in.json"
    source.write_text(json.dumps(GOOD), encoding="utf-8")
    ok("interfaces", "import", str(source), data=path)
    return path


def audit_entries(data, action):
    db = Database(f"sqlite:///{data / 'desktop-app.sqlite3'}")
    try:
        return [(e.actor, e.target, e.details) for e in AuditLog(db).entries(action=action)]
    finally:
        db.dispose()


def exported(data) -> dict:
    return json.loads(ok("interfaces", "export", GOOD["name"], data=data).stdout)


def branches(data) -> list[str]:
    return json.loads(ok("branches", "list", "--json", data=data).stdout)


def mandants(data) -> list[dict]:
    return json.loads(ok("mandants", "list", "--json", data=data).stdout)


def test_branches_rename_reaches_the_interface_and_is_audited(data):
    result = ok("branches", "rename", "Optik Nord", "Optik Nordost", data=data)
    assert "Branch “Optik Nord” renamed to “Optik Nordost”." in result.stderr
    assert "DESKTOP_APP_BRANCH" in result.stderr  # computers keep their own branch name
    assert branches(data) == ["Optik Nordost", "Optik Süd"]
    assert exported(data)["branch"] == "Optik Nordost"
    assert audit_entries(data, BRANCH_RENAMED) == [
        (ACTOR, "Optik Nordost", {"fields": ["name"], "renamed_from": "Optik Nord"})
    ]
    # Adding is audited the same way (it was not before).
    assert (ACTOR, "Optik Süd", {}) in audit_entries(data, BRANCH_CREATED)


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (
            ("Optik Nord", "Optik Süd"),
            1,
            "There is already a branch named “Optik Süd”; please choose another name.",
        ),
        (("Optik West", "Optik Ost"), 1, "There is no branch named “Optik West”."),
        (("Optik Nord", "  "), 3, "The name must not be empty; please give one."),
    ],
)
def test_branches_rename_refused(data, args, code, says):
    result = run_cli(data, "branches", "rename", *args)
    assert (result.returncode, result.stderr.strip()) == (code, f"desktop-app: {says}")
    assert branches(data) == ["Optik Nord", "Optik Süd"]
    assert audit_entries(data, BRANCH_RENAMED) == []


def test_branches_delete_only_when_unused(data):
    used = run_cli(data, "branches", "delete", "Optik Nord")
    assert used.returncode == 1
    assert "The branch “Optik Nord” is still used by 1 interface and cannot be deleted." in (
        used.stderr
    )
    missing = run_cli(data, "branches", "delete", "Optik West")
    assert missing.returncode == 1 and "There is no branch named" in missing.stderr

    assert "Branch “Optik Süd” deleted." in ok("branches", "delete", "Optik Süd", data=data).stderr
    assert branches(data) == ["Optik Nord"]
    assert audit_entries(data, BRANCH_DELETED) == [(ACTOR, "Optik Süd", {})]


def test_mandants_rename_keeps_the_datev_numbers(data):
    ok("mandants", "rename", "1", "1 Optik", data=data)
    assert mandants(data)[0] == {"name": "1 Optik", "datev_berater": 4711, "datev_mandant": 2}
    assert exported(data)["mandants"] == ["1 Optik", "2"]
    assert audit_entries(data, MANDANT_CHANGED) == [
        (ACTOR, "1 Optik", {"fields": ["name"], "renamed_from": "1"})
    ]
    taken = run_cli(data, "mandants", "rename", "2", "1 Optik")
    assert taken.returncode == 1 and "already a client named “1 Optik”" in taken.stderr


def test_mandants_set_changes_and_removes_datev_numbers(data):
    ok("mandants", "set", "2", "--datev-berater", "29098", data=data)
    ok("mandants", "set", "1", "--no-datev-mandant", data=data)
    assert mandants(data) == [
        {"name": "1", "datev_berater": 4711, "datev_mandant": None},
        {"name": "2", "datev_berater": 29098, "datev_mandant": None},
    ]
    assert audit_entries(data, MANDANT_CHANGED) == [
        (ACTOR, "1", {"fields": ["datev_mandant"]}),
        (ACTOR, "2", {"fields": ["datev_berater"]}),
    ]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("2", "--datev-berater", "12"), 3, "adviser number has 4 to 7 digits"),
        (("2", "--datev-mandant", "100000"), 3, "client number lies between 1 and 99999"),
        (("7", "--datev-berater", "4711"), 1, "There is no client named “7”."),
        (("2",), 2, "Nothing to change: give --datev-berater or --datev-mandant"),
    ],
)
def test_mandants_set_refused(data, args, code, says):
    result = run_cli(data, "mandants", "set", *args)
    assert result.returncode == code and says in result.stderr, result.stderr
    assert mandants(data)[1] == {"name": "2", "datev_berater": None, "datev_mandant": None}


def test_mandants_delete_only_when_unused(data, tmp_path):
    used = run_cli(data, "mandants", "delete", "2")
    assert used.returncode == 1
    assert "The client “2” is still used by 1 interface and cannot be deleted." in used.stderr

    source = tmp_path / "only-1.json"
    source.write_text(json.dumps({**GOOD, "mandants": ["1"]}), encoding="utf-8")
    ok("interfaces", "import", str(source), data=data)
    assert "Client “2” deleted." in ok("mandants", "delete", "2", data=data).stderr
    assert [m["name"] for m in mandants(data)] == ["1"]
    assert audit_entries(data, MANDANT_DELETED) == [(ACTOR, "2", {})]
