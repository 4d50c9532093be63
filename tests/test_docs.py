"""The README and docs/ link only to files inside the repository, and those exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_links_stay_inside_the_repository(document: Path):
    text = document.read_text(encoding="utf-8")
    # Also a path named in passing: a reader of the repository alone cannot follow it.
    assert "../shared" not in text and "`../" not in text
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:", "#")):
            continue
        path = (document.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), f"{document.name} leaves the repository: {target}"
        assert path.exists(), f"{document.name} links to a missing file: {target}"


def test_the_handbook_covers_every_import_type_and_guard():
    from desktop_app.domain.interface import ImportFormat

    text = (ROOT / "docs" / "handbuch.md").read_text(encoding="utf-8")
    for fmt in ImportFormat:
        assert fmt.label_de in text, fmt.label_de
    for guard in ("Datenzeilen", "Dateidatum", "Anteil offener Rechnungen"):
        assert guard in text
