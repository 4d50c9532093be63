"""The sample files under resources/samples/ parse as their format and are recognised."""

from pathlib import Path

import pytest

from desktop_app.domain.formats import FORMAT_IDS, detect, parse
from desktop_app.domain.formats.text import normalise_invoice_number
from desktop_app.domain.interface import ImportFormat

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"

FILES = {
    "geschlossene_posten.csv": "closed-items",
    "offene_posten.csv": "open-items",
    "datev_buchungsstapel.csv": "datev-extf",
    "datev_opos.csv": "datev-opos",
    "kontoauszug.sta": "mt940",
    "camt053.xml": "camt053",
}


def test_one_sample_per_format() -> None:
    assert sorted(FILES.values()) == sorted(FORMAT_IDS) == sorted(f.value for f in ImportFormat)


@pytest.mark.parametrize(("name", "format_id"), FILES.items())
def test_sample_parses_and_is_detected(name: str, format_id: str) -> None:
    data = (SAMPLES / name).read_bytes()
    assert detect(data) == format_id
    parsed = parse(data, format_id, file_name=name)
    assert parsed.records
    ledger = {normalise_invoice_number(f"RE-2026-{n:04d}") for n in range(1, 21)}
    named = {n for r in parsed.records for n in r.references(ledger.__contains__).strong}
    assert named & ledger
