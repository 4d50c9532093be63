"""PySide6's scan of every later import's source is answered from the module's name."""

from __future__ import annotations

import linecache
import sys

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook

from desktop_app.pyside_import_scan import skip_source_scan


def test_a_module_imported_after_pyside6_is_not_read(tmp_path, monkeypatch):
    assert skip_source_scan(), "this PySide6 no longer has the scan: drop the module"
    probe = tmp_path / "scan_probe_module.py"
    probe.write_text("VALUE = 'PySide6 named, not used'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        # An import statement: PySide6 hooks ``__import__``, which import_module bypasses.
        exec("import scan_probe_module", {})
        assert str(probe) not in linecache.cache  # the scan read it through linecache
        flags = sys.modules["PySide6.support.feature"].pyside_feature_dict
        assert flags["scan_probe_module"] == -1  # not switched: no feature is ever selected
    finally:
        sys.modules.pop("scan_probe_module", None)
