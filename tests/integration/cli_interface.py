"""Interfaces made the way a script makes them: `interfaces import` of a JSON
file, the password on stdin, in a data directory of a real `desktop-app` process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_interfaces_cli import run_cli

from .conftest import PASSWORD, USER

NAME = "CLI-Lauf"


def import_cli_interface(data_dir: Path, tmp_path: Path, server) -> None:
    """``NAME`` in ``data_dir``: Geschlossene Posten of Mandant 1 from ``server``'s
    IMPORT/, files named "Zahlungen…"."""
    interface = {
        "name": NAME,
        "import_format": "closed-items",
        "mandants": ["1"],
        "settle_until": "today",
        "filename_filter": "Zahlungen",
        "run_time": "07:00",
        "interval": {"kind": "daily"},
        "ftp": {
            "protocol": "ftp",
            "host": server.host,
            "port": server.port,
            "directory": "IMPORT/",
            "user": USER,
        },
    }
    import_interface_json(data_dir, tmp_path, interface)


def import_interface_json(data_dir: Path, tmp_path: Path, interface: dict) -> None:
    """``interface`` (the export's JSON shape) imported in ``data_dir``, the test server's
    password given on stdin."""
    source = tmp_path / "if.json"
    source.write_text(json.dumps(interface), encoding="utf-8")
    imported = run_cli(
        data_dir, "interfaces", "import", str(source), "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert imported.returncode == 0, imported.stderr
