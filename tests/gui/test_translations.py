"""The German translation is complete, covers every string of the code, and is compiled."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "update_translations.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated(tool):
    tree = ElementTree.parse(tool.TS_FILE)
    assert tree.getroot().get("language") == "de_DE"
    messages = list(tree.getroot().iter("message"))
    assert len(messages) > 100
    for message in messages:
        translation = message.find("translation")
        source = message.findtext("source")
        assert translation.get("type") is None, source  # not unfinished, vanished, obsolete
        if message.get("numerus") == "yes":
            forms = [f.text for f in translation.iter("numerusform")]
            assert len(forms) == 2 and all(forms), source  # German: singular and plural
        else:
            assert translation.text, source


def test_every_string_of_the_code_is_in_the_ts(tool):
    """lupdate over desktop_app/ now finds nothing the .ts lacks."""
    assert tool.check() == []


def test_compiled_qm_matches_the_ts(tool, tmp_path):
    fresh = tmp_path / "fresh.qm"
    tool.lrelease(tool.TS_FILE, fresh)
    assert fresh.read_bytes() == tool.QM_FILE.read_bytes(), (
        "run: python tools/update_translations.py"
    )
