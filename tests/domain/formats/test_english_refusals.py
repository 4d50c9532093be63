"""A refused file is explained in English as fully as in German: a sentence of its own with
the same facts, never the terse log text or an exception's repr."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

import desktop_app
from desktop_app.domain.formats import DatevClient, FormatError, ParseOptions, parse
from desktop_app.domain.formats import errors as format_errors

from .builders import CamtEntry, camt_file, csv_bytes, datev_file, datev_row

PACKAGE = Path(desktop_app.__file__).parent
ERROR_NAMES = {
    name
    for name, kind in vars(format_errors).items()
    if isinstance(kind, type) and issubclass(kind, FormatError)
}
# Texts a raise site takes ready-made in both languages from a helper that has its own tests.
MADE_ELSEWHERE = {("domain/invoice_csv.py", "_check_text")}  # text_rules.text_problem
GERMAN_WORDS = re.compile(r"\b(ist|der|die|das|dem|nicht|kein|keine|fehlt|und|oder|wird)\b")


def _pieces(node: ast.expr) -> list[ast.expr | str]:
    """A text expression as its literal parts (str) and its interpolated expressions."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [p for value in node.values for p in _pieces(value)]
    if isinstance(node, ast.FormattedValue):
        return [node]  # type: ignore[list-item]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _pieces(node.left) + _pieces(node.right)
    return [node]


def _template(pieces: list[ast.expr | str]) -> str:
    return "".join(p if isinstance(p, str) else "{}" for p in pieces)


def _facts(pieces: list[ast.expr | str]) -> set[str]:
    """The variables a text shows, with their language suffix taken off (where_de, where_en)."""
    found = set()
    for piece in pieces:
        if isinstance(piece, str):
            continue
        for node in ast.walk(piece):
            if isinstance(node, ast.Attribute | ast.Name):
                try:
                    dotted = ast.unparse(node)
                except Exception:  # pragma: no cover
                    continue
                if re.fullmatch(r"[\w.]+", dotted):
                    found.add(re.sub(r"_(de|en)\b", "", dotted))
    return found


def _raise_sites() -> list[tuple[str, int, ast.expr, ast.expr]]:
    """Every construction of a FormatError in the package: file, line, German, English."""
    sites = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                    continue
                if call.func.id not in ERROR_NAMES:
                    continue
                assert len(call.args) == 2, f"{relative}:{call.lineno}: German and English text"
                german, english = call.args
                if (relative, function.name) in MADE_ELSEWHERE:
                    continue
                for de, en in _bound_pairs(function, german, english):
                    sites.append((relative, call.lineno, de, en))
    return sites


def _bound_pairs(function: ast.FunctionDef, german: ast.expr, english: ast.expr):
    """The (German, English) texts a call passes: written in it, or named and bound in
    pairs (``detail, detail_en = (…, …)``) earlier in the function."""
    if not (isinstance(german, ast.Name) and isinstance(english, ast.Name)):
        return [(german, english)]
    pairs = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
            names = [getattr(t, "id", None) for t in node.targets[0].elts]
            if names == [german.id, english.id]:
                assert isinstance(node.value, ast.Tuple), ast.unparse(node)
                pairs.append(tuple(node.value.elts))
    assert pairs, f"{german.id}, {english.id}: not bound as a pair of texts"
    return pairs


SITES = _raise_sites()


def test_the_raise_sites_are_found():
    files = {site[0] for site in SITES}
    assert len(SITES) > 50
    assert {"domain/formats/camt053.py", "domain/formats/mt940.py", "domain/formats/text.py"} <= (
        files
    )
    assert {"domain/formats/csv_table.py", "domain/formats/datev_extf.py"} <= files


@pytest.mark.parametrize(
    ("where", "german", "english"),
    [(f"{path}:{line}", de, en) for path, line, de, en in SITES],
    ids=[f"{path}:{line}" for path, line, _de, _en in SITES],
)
def test_every_refusal_has_an_english_sentence_with_the_german_facts(where, german, english):
    de, en = _pieces(german), _pieces(english)
    text = _template(en)
    assert text != _template(de), f"{where}: the English is the German"
    assert text.endswith("."), f"{where}: no sentence: {text}"
    first = en[0]
    if isinstance(first, str):
        assert first[:1].isupper() or first.startswith("“"), f"{where}: {text}"
    else:  # a sentence may begin with a value that is itself English, such as where_en
        assert _facts([first]) and ast.unparse(first.value).endswith("_en"), f"{where}: {text}"
    assert not any(isinstance(p, ast.FormattedValue) and p.conversion == ord("r") for p in en), (
        f"{where}: a repr in a text for people: {text}"
    )
    assert "!=" not in text and "„" not in text, f"{where}: {text}"
    assert not GERMAN_WORDS.search(text), f"{where}: German words: {text}"
    assert _facts(de) == _facts(en), f"{where}: not the same facts: {text}"


def _refusal(data: bytes, format_id: str, name: str, **options) -> FormatError:
    with pytest.raises(FormatError) as caught:
        parse(data, format_id, file_name=name, options=ParseOptions(**options))
    return caught.value


DTD = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document '
    b'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&a;'
    b"</BkToCstmrStmt></Document>"
)
CAMT054 = (
    b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">'
    b"<BkToCstmrDbtCdtNtfctn/></Document>"
)
MT940_OFF = (
    b":20:X\r\n:25:Y\r\n:28C:1\r\n:60F:C260301EUR100,00\r\n"
    b":61:2603010301CR10,00NTRFNONREF\r\n:86:166?20RE-2026-0001\r\n:62F:C260301EUR999,00\r\n"
)
NO_STATEMENT = (
    camt_file(CamtEntry(Decimal("1.00"))).replace(b"<Stmt>", b"<X>").replace(b"</Stmt>", b"</X>")
)


@pytest.mark.parametrize(
    ("kind", "made", "english"),
    [
        (
            "UnreadableFileError",
            lambda: _refusal(DTD, "camt053", "k.xml"),
            "File “k.xml”, line 1: The XML file contains a DTD, entities or an unknown "
            "character encoding and is not read for security reasons. The file is damaged "
            "or incomplete; please ask for it again.",
        ),
        (
            "WrongFormatError",
            lambda: _refusal(CAMT054, "camt053", "k.xml"),
            "File “k.xml”, line 1, field “Document”: The file is camt.054 (batch booking "
            "file/advice); only camt.053 is booked. Please check the chosen import type or the "
            "file delivered.",
        ),
        (
            "BalanceMismatchError",
            lambda: _refusal(MT940_OFF, "mt940", "k.sta"),
            "File “k.sta”, line 7, field “:62F:”: The opening balance €100.00 plus "
            "transactions of €10.00 makes €110.00, but the closing balance is €999.00. The bank "
            "statement is incomplete; please fetch it from the bank again.",
        ),
        (
            "BadRowError",
            lambda: _refusal(
                csv_bytes("Rechnungsnummer;Betrag;Zahldatum", "RE-1;abc;20260302"),
                "closed-items",
                "gp.csv",
            ),
            "File “gp.csv”, line 2, field “Betrag”: “abc” is not a valid amount (expected "
            "e.g. 1.234,56). The file is not booked; please have the row corrected.",
        ),
        (
            "FileTooLargeError",
            lambda: _refusal(
                csv_bytes("Rechnungsnummer;Betrag;Zahldatum", "RE-1;1,00;" + "1" * 3000),
                "closed-items",
                "gp.csv",
                max_line_chars=2048,
            ),
            "File “gp.csv”, line 2: The line is longer than 2 KiB. Please have the file split "
            "into smaller files or raise the limit.",
        ),
        (
            "ClientMismatchError",
            lambda: _refusal(
                datev_file(datev_row("1,00", "H", "10001", "1200")),
                "datev-extf",
                "d.csv",
                datev_clients=(DatevClient("1", 29098, 11111),),
            ),
            "File “d.csv”, line 1, field “Mandantennummer”: The file belongs to adviser "
            "number 29098, client number 55003; that matches none of the interface's clients. "
            "Please check the client's DATEV numbers or the file.",
        ),
        (
            "NoStatementError",
            lambda: _refusal(NO_STATEMENT, "camt053", "k.xml"),
            "File “k.xml”: The file holds no bank statement (no element “Stmt”). Please fetch "
            "the bank statement from the bank again.",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith("Error") else "",
)
def test_one_refusal_of_each_kind_reads_as_english(kind, made, english):
    error = made()
    assert type(error).__name__ == kind
    assert error.message_en == english
    assert str(error) != error.message_en.split(" Please")[0]  # the log keeps its own text
