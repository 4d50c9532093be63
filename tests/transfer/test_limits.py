"""Download limits: the deadlines from sizes, and a sink that never takes more than allowed."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.interface import ChainOptions
from desktop_app.transfer.file_errors import DownloadTooLarge, RemoteFileChanged
from desktop_app.transfer.limits import BoundedSink, DownloadLimits
from desktop_app.transfer.printable import printable


def test_the_defaults_come_from_the_chain_options() -> None:
    limits = DownloadLimits.from_options(ChainOptions())
    assert limits == DownloadLimits() == DownloadLimits(16 * 1024, 60)
    assert limits.file_seconds(100 * 1024) == pytest.approx(66.25)  # a payment file
    assert limits.file_seconds(50 * 1024 * 1024) == pytest.approx(3260)  # at the limit
    assert limits.file_seconds(None) == limits.file_seconds(limits.max_bytes)
    assert limits.run_seconds([1024, 2048]) == pytest.approx(60 + 60.0625 + 60.125)
    assert limits.run_seconds([]) == 60


@pytest.mark.parametrize(("rate", "grace"), [(0, 60), (16, 9), (10_241, 60), (16, 3_601)])
def test_chain_options_out_of_range_are_refused(rate: int, grace: int) -> None:
    with pytest.raises(ValueError):
        ChainOptions(download_min_kib_per_second=rate, download_grace_seconds=grace)


@given(st.lists(st.binary(max_size=50), max_size=20), st.integers(0, 300))
def test_the_sink_never_writes_past_the_listed_size(chunks: list[bytes], listed: int) -> None:
    out = io.BytesIO()
    sink = BoundedSink(out, "IMPORT/a.csv", listed, 10_000)
    total = 0
    try:
        for chunk in chunks:
            sink.write(chunk)
            total += len(chunk)
    except RemoteFileChanged as exc:
        assert total + len(chunk) > listed and exc.received == total + len(chunk)
    assert out.getvalue() == b"".join(chunks)[: len(out.getvalue())]
    assert len(out.getvalue()) == sink.received <= listed


def test_without_a_listed_size_the_limit_holds() -> None:
    out = io.BytesIO()
    sink = BoundedSink(out, "IMPORT/a.csv", None, 100)
    sink.write(b"x" * 100)
    with pytest.raises(DownloadTooLarge):
        sink.write(b"x")
    assert len(out.getvalue()) == 100


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Zahlungen.csv", "Zahlungen.csv"),
        ("Zahlungen März.csv", "Zahlungen März.csv"),
        ("a\nb.csv", "a\\nb.csv"),
        ("a\x1b[31m\x07.csv", "a\\x1b[31m\\x07.csv"),
        ("rechnung\u202evsc.exe", "rechnung\\u202evsc.exe"),
        ("x\udcff", "x\\udcff"),
        ("\U000e0041", "\\U000e0041"),
    ],
)
def test_names_are_shown_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown and printable(raw).isprintable()
