"""Real statement and DATEV files written by others (tests/data/README.md).

For every file of the corpus the program must report each transaction the file holds,
with the file's money-in and money-out sums, or refuse the file with the right error.
What the file holds is counted by ``tests/corpus_count.py``, which never uses the
program's parsers. Each file goes through the settlement engine as ``import-file
--dry-run`` does, against a ledger with Mandant 1 and no invoices.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain import formats
from desktop_app.domain.interface import SettleUntil
from desktop_app.domain.settlement import RowStatus
from desktop_app.jobs.settle_file import ImportRequest, ImportResult, SettlementEngine
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database, sqlite_url
from tests.corpus_count import Count, count

DATA = Path(__file__).resolve().parents[2] / "data"
FILES = tomllib.loads((DATA / "manifest.toml").read_text(encoding="utf-8"))["file"]
TODAY = date(2026, 3, 14)
ZERO = Decimal(0)


def request(path: str, format_id: str, data: bytes | None = None) -> ImportRequest:
    return ImportRequest(
        data=(DATA / path).read_bytes() if data is None else data,
        file_name=Path(path).name,
        format_id=format_id,
        mandants=("1",),
        settle_until=SettleUntil.TODAY,
        today=TODAY,
    )


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """Dry runs only: nothing is ever written, so one ledger serves every file."""
    db = Database(sqlite_url(tmp_path_factory.mktemp("corpus") / "ledger.sqlite3"))
    Catalog(db).add_mandant("1")
    yield SettlementEngine(db)
    db.dispose()


NOT_MONEY_IN = {
    RowStatus.NOT_MONEY_IN,
    RowStatus.REVERSAL,
    RowStatus.RETURN,
    RowStatus.NOT_A_PAYMENT,
    RowStatus.NO_CUSTOMER_ACCOUNT,
}


def reported(result: ImportResult, format_id: str) -> Count:
    """What the program reports, in the terms of ``Count``.

    Bank formats: money in and out by the sign of each row's amount, as the bank marked
    it. DATEV has no sign of its own: a row is money in unless the plan says it is none
    (a debit, a reversal, a posting against any but a bank account, a line without a
    customer account).
    """
    money_in = money_out = ZERO
    for row in result.plan.rows:
        amount = row.amount if row.amount is not None else ZERO
        if format_id == "datev-extf":
            if row.status in NOT_MONEY_IN:
                money_out += abs(amount)
            else:
                money_in += amount
        elif amount > 0:
            money_in += amount
        else:
            money_out -= amount
    pending = sum(1 for row in result.plan.rows if row.status is RowStatus.PENDING)
    return Count(result.to_json()["rows"], money_in, money_out, pending=pending)


@pytest.mark.parametrize("entry", FILES, ids=[f["path"] for f in FILES])
def test_every_transaction_is_reported_with_the_files_sums(engine, entry):
    data = (DATA / entry["path"]).read_bytes()
    expected = count(data, entry["format"])
    result = engine.run(request(entry["path"], entry["format"], data), dry_run=True)
    if expected.refusal:
        error = getattr(formats, expected.refusal)
        assert isinstance(result.error, error), (
            f"independent count: refuse with {expected.refusal} ({expected.why}); "
            f"program: {_describe(result, entry['format'])}"
        )
        return
    assert result.error is None, (
        f"independent count: {expected.figures()}; program refused it: {result.error}"
    )
    got = reported(result, entry["format"])
    assert got.figures() == expected.figures(), (
        f"independent count: {expected.figures()}; program: {got.figures()}"
    )


def _describe(result: ImportResult, format_id: str) -> str:
    if result.error is not None:
        return f"{type(result.error).__name__}: {result.error}"
    return f"accepted it, {reported(result, format_id).figures()}"


# -- the corpus and its README agree ----------------------------------------------------


def test_every_file_is_listed_once_with_source_and_licence():
    listed = [f["path"] for f in FILES]
    on_disk = sorted(
        str(p.relative_to(DATA))
        for folder in ("corpus", "constructed")
        for p in (DATA / folder).rglob("*")
        if p.is_file()
    )
    assert sorted(listed) == on_disk
    for entry in FILES:
        assert all(entry.get(k) for k in ("format", "repo", "source", "commit", "licence", "what"))
        assert len(entry["commit"]) == 40


def test_the_corpus_is_large_and_varied():
    real = [f for f in FILES if not f.get("constructed")]
    assert len(real) >= 100
    versions = {f["what"].split(" ")[0] for f in real if f["format"] == "camt053"}
    assert {"camt.053.001.02", "camt.053.001.04", "camt.053.001.08"} <= versions
    datev = {f["what"][:14] for f in FILES if f["format"] == "datev-extf"}
    assert {"DATEV EXTF 700"} <= datev
    assert any("EXTF 510" in f["what"] for f in FILES)


def test_readme_lists_every_file_with_its_independent_count():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for entry in FILES:
        expected = count((DATA / entry["path"]).read_bytes(), entry["format"])
        line = next((x for x in readme.splitlines() if f"`{entry['path']}`" in x), None)
        assert line is not None, entry["path"]
        assert expected.summary() in line, (entry["path"], expected.summary())
        assert entry["licence"] in line and entry["repo"] in line
