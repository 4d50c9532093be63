"""Fuzz every import parser with a large example budget; check the size limits' memory.

    .venv/bin/python bench/fuzz_parsers.py --examples 20000

For each Importart, hypothesis feeds ``parse(data, format_id, file_name=...)`` with
mutated sample files (resources/samples), soups of tokens that mean something to one of
the formats, and raw bytes, under varying ParseOptions (small and default limits, DATEV
numbers that match or not). The contract: the parser returns a ParsedFile or raises a
FormatError with a German message; anything else is a bug and is printed shrunk.

Then the size limits: a file one byte above ``max_file_bytes`` must be refused before
anything is decoded (peak traced memory a few KiB, not the file's size), and a file with
an overlong line must raise FileTooLargeError with memory linear in the file size.
The normal-budget version of the fuzzing runs with the tests
(tests/domain/formats/test_robustness.py); the memory checks are tests/fuzz/.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.domain.formats import (  # noqa: E402
    FORMAT_IDS,
    DatevClient,
    FileTooLargeError,
    FormatError,
    ParseOptions,
    detect,
    parse,
)
from desktop_app.domain.formats.options import MAX_FILE_BYTES, MAX_LINE_CHARS  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
# The mt-940 library logs every line it cannot match as an error; the parser reports it.
logging.getLogger("mt940").setLevel(logging.CRITICAL)
SAMPLE_OF = {
    "closed-items": "geschlossene_posten.csv",
    "open-items": "offene_posten.csv",
    "datev-extf": "datev_buchungsstapel.csv",
    "datev-opos": "datev_opos.csv",
    "mt940": "kontoauszug.sta",
    "camt053": "camt053.xml",
}
# Pieces that mean something to one of the formats, to get past the first checks.
TOKENS = [
    ";", '"', '""', "\r\n", "\n", "\r", ",", ".", "-", "?", "?20", "?21", "?32", "+", "{", "}",
    ":20:", ":25:", ":28C:", ":60F:", ":61:", ":86:", ":62F:", ":13D:", "C", "D", "RC", "RD",
    "EUR", "USD", "260305", "0305", "1,00", "1.234,56", "-0,01", "99999999999999999999,99",
    "EXTF", '"EXTF";700;21;"Buchungsstapel";13;', "S", "H", "10001", "1200", "29098", "55003",
    "Rechnungsnummer", "Betrag", "Saldo", "OffenerBetrag", "Zahldatum", "Mandant", "Konto",
    "RE-2026-0001", "RE 2026 0001", "<?xml version=\"1.0\"?>", "<Document>", "<Stmt>",
    "<Ntry>", "</Ntry>", "<Amt Ccy=\"EUR\">", "</Amt>", "<CdtDbtInd>", "CRDT", "DBIT",
    "<TxDtls>", "</TxDtls>", "<Ustrd>", "</Ustrd>", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;",
    "\ufeff", "ü", "ß", "€", "\x00", "\x1a", "\u2028", "\x0c", "1", "0", " ", "\t", "//",
    "NTRF", "SVWZ+", "EREF+", "31.02.2026", "20261301", "1e9999", "NaN", "-",
]  # fmt: skip
OPTION_CHOICES = [
    ParseOptions(),
    ParseOptions(max_file_bytes=20_000, max_line_chars=200),
    ParseOptions(datev_clients=(DatevClient("1", 29098, 55003),), file_date=date(2026, 3, 6)),
    ParseOptions(datev_clients=(DatevClient("1", 1, 2), DatevClient("2")), max_line_chars=80),
]


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "repeat"]))
        chunk = draw(
            st.sampled_from([t.encode("utf-8") for t in TOKENS])
            | st.binary(max_size=6)
            | st.sampled_from([t.encode("cp1252", "replace") for t in TOKENS])
        )
        if action == "delete":
            del data[position : position + draw(st.integers(1, 60))]
        elif action == "insert":
            data[position:position] = chunk
        elif action == "replace":
            data[position : position + len(chunk)] = chunk
        elif action == "truncate":
            del data[position:]
        else:  # a line or field many times: long lines, many rows
            data[position:position] = chunk * draw(st.integers(2, 400))
    return bytes(data)


def inputs(format_id: str) -> st.SearchStrategy[bytes]:
    sample = (SAMPLES / SAMPLE_OF[format_id]).read_bytes()
    others = [(SAMPLES / name).read_bytes() for name in SAMPLE_OF.values()]
    soup = st.lists(st.sampled_from(TOKENS), max_size=200).flatmap(
        lambda tokens: st.sampled_from(["utf-8", "cp1252", "utf-16"]).map(
            lambda enc: "".join(tokens).encode(enc, errors="replace")
        )
    )
    return st.one_of(
        mutated(sample),  # most of the budget goes here: past the header checks
        mutated(sample),
        mutated(sample),
        st.sampled_from(others).flatmap(mutated),  # another format's file
        soup,
        st.binary(max_size=4_000),
    )


@dataclass
class FuzzResult:
    format_id: str
    examples: int
    calls: int
    parsed: int
    refused: int
    seconds: float
    failure: str = ""


def fuzz(format_id: str, examples: int, run_seed: int) -> FuzzResult:
    counts = {"calls": 0, "parsed": 0, "refused": 0}

    @seed(run_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(data=inputs(format_id), options=st.sampled_from(OPTION_CHOICES))
    def check(data: bytes, options: ParseOptions) -> None:
        counts["calls"] += 1
        try:
            parse(data, format_id, file_name="fuzz.dat", options=options)
        except FormatError as error:
            counts["refused"] += 1
            assert error.message_de.strip() and str(error)
            assert "fuzz.dat" in error.message_de
        else:
            counts["parsed"] += 1
        detect(data)

    began = time.perf_counter()
    failure = ""
    try:
        check()
    except Exception as exc:  # the falsifying example, already shrunk by hypothesis
        failure = f"{type(exc).__name__}: {str(exc)[:2000]}"
    seconds = time.perf_counter() - began
    return FuzzResult(
        format_id, examples, counts["calls"], counts["parsed"], counts["refused"], seconds, failure
    )


# --- size limits and memory ---------------------------------------------------------------


@dataclass
class MemoryResult:
    format_id: str
    case: str
    size: int
    error: str
    peak: int  # bytes traced by tracemalloc while parsing, beyond what was there before


def traced_peak(call: Callable[[], object]) -> tuple[int, str]:
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        try:
            call()
            error = "(parsed)"
        except FormatError as exc:
            error = type(exc).__name__
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before, error


def oversized_file(format_id: str) -> bytes:
    """A real-looking start, padded to one byte above the default limit."""
    head = (SAMPLES / SAMPLE_OF[format_id]).read_bytes()
    return head + b"\n" * (MAX_FILE_BYTES + 1 - len(head))


def overlong_line_file(format_id: str, size: int = 4 * 1024 * 1024) -> bytes:
    """The sample with one line of ``size`` characters after its first line."""
    sample = (SAMPLES / SAMPLE_OF[format_id]).read_bytes()
    first, _, rest = sample.partition(b"\n")
    return first + b"\n" + b"R" * size + b"\n" + rest


def memory_checks() -> list[MemoryResult]:
    results = []
    for format_id in FORMAT_IDS:
        data = oversized_file(format_id)
        peak, error = traced_peak(lambda d=data, f=format_id: parse(d, f, file_name="gross"))
        results.append(MemoryResult(format_id, "file limit + 1 byte", len(data), error, peak))
        del data
        data = overlong_line_file(format_id)
        peak, error = traced_peak(lambda d=data, f=format_id: parse(d, f, file_name="lang"))
        results.append(MemoryResult(format_id, "4 MiB line", len(data), error, peak))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="per format")
    parser.add_argument("--seed", type=int, default=8, help="hypothesis seed (reproducible)")
    parser.add_argument("--formats", nargs="*", default=list(FORMAT_IDS), choices=FORMAT_IDS)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args(argv)

    print(
        f"budget: {args.examples} examples per format, seed {args.seed}, {len(args.formats)} "
        f"formats; limits {MAX_FILE_BYTES} bytes per file, {MAX_LINE_CHARS} chars per line"
    )
    print(
        f"{'format':<13} {'examples':>8} {'calls':>7} {'parsed':>7} {'refused':>7} "
        f"{'seconds':>8}  result"
    )
    failed = False
    total = 0.0
    for format_id in args.formats:
        r = fuzz(format_id, args.examples, args.seed)
        total += r.seconds
        failed |= bool(r.failure)
        outcome = f"FAIL {r.failure}" if r.failure else "ok: FormatError only"
        print(
            f"{r.format_id:<13} {r.examples:>8} {r.calls:>7} {r.parsed:>7} {r.refused:>7} "
            f"{r.seconds:>8.1f}  {outcome}",
            flush=True,
        )
    print(f"fuzzing total: {total:.1f} s")

    if not args.skip_memory:
        print(f"\n{'format':<13} {'case':<20} {'bytes':>10} {'error':<20} {'peak traced':>12}")
        for m in memory_checks():
            print(
                f"{m.format_id:<13} {m.case:<20} {m.size:>10} {m.error:<20} "
                f"{m.peak / 1024:>9.1f} KiB  ({m.peak / m.size:.2f}x the file)"
            )
            if m.case.startswith("file limit"):
                failed |= m.error != FileTooLargeError.__name__ or m.peak > 1024 * 1024
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
