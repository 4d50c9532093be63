"""`import-file --invoice-pattern`: only the import types that search payment texts read
a pattern; the others refuse it rather than ignore it. A real process each time."""

# The fixture imported is the tests' parameter by design.
# ruff: noqa: F811

from __future__ import annotations

import json

import pytest

from tests.cli.test_import_file_cli import data, import_file, ok  # noqa: F401

PAYMENT = b"Rechnungsnummer;Betrag\nRE-2026-0001;10,00\n"


def open_amount(data_dir, number: str) -> str:
    listed = json.loads(ok(data_dir, "invoices", "list", "--json").stdout)
    return next(i["open_amount"] for i in listed if i["number"] == number)


@pytest.mark.parametrize("fmt", ["closed-items", "open-items", "datev-opos"])
def test_a_pattern_for_a_format_that_never_reads_one_is_refused(data, tmp_path, fmt):
    refused = import_file(data, tmp_path, "z.csv", PAYMENT, "--format", fmt,
                          "--invoice-pattern", r"\d{6}", "--lang", "en")  # fmt: skip
    assert (refused.returncode, refused.stdout) == (3, "")
    assert refused.stderr.strip() == (
        "desktop-app: --invoice-pattern applies only to --format datev-extf, "
        f"mt940, camt053; a file of the import type {fmt} names the invoice in a column of its "
        "own. Leave the option out."
    )
    assert open_amount(data, "RE-2026-0001") == "100.00"  # nothing booked


def test_the_refusal_is_said_in_german(data, tmp_path):
    refused = import_file(data, tmp_path, "z.csv", PAYMENT, "--format", "closed-items",
                          "--invoice-pattern", r"\d{6}", "--lang", "de")  # fmt: skip
    assert refused.returncode == 3
    assert refused.stderr.strip() == (
        "desktop-app: --invoice-pattern gilt nur für --format datev-extf, mt940, camt053; "
        "eine Datei der Importart closed-items hat eine eigene Spalte für die "
        "Rechnungsnummer. Bitte die Option weglassen."
    )


def test_without_a_pattern_such_a_format_imports(data, tmp_path):
    booked = import_file(data, tmp_path, "z.csv", PAYMENT, "--format", "closed-items",
                         "--invoice-pattern", "")  # fmt: skip
    assert booked.returncode == 0, booked.stderr
    assert json.loads(booked.stdout)["booked"] == 1


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("de", "--invoice-pattern: Das Muster ist kein gültiger regulärer Ausdruck ("),
        ("en", "--invoice-pattern: The pattern is not a valid regular expression ("),
    ],
)
def test_a_bad_pattern_gives_an_example_that_needs_one(data, tmp_path, lang, says):
    """The example is a number of digits alone, which the program finds only with a
    pattern (an ``RE-…`` number it finds without one)."""
    bad = import_file(data, tmp_path, "a.sta", b"", "--format", "mt940",
                      "--invoice-pattern", "RE-(", "--lang", lang)  # fmt: skip
    assert bad.returncode == 3
    assert says in bad.stderr
    example = "z. B. „\\d{6}“." if lang == "de" else "e.g. '\\d{6}'."
    assert bad.stderr.strip().endswith(example)
