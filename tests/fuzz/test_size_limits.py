"""Oversized files and overlong lines: a clear FileTooLargeError and bounded memory.

The fuzzing itself runs with the tests at a normal budget
(tests/domain/formats/test_robustness.py) and at a large one in bench/fuzz_parsers.py.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from desktop_app.domain.formats import FORMAT_IDS, FileTooLargeError, FormatError, parse
from desktop_app.domain.formats.options import MAX_FILE_BYTES, MAX_LINE_CHARS
from tests.domain.formats.test_samples import FILES, SAMPLES

SAMPLE_OF = {format_id: SAMPLES / name for name, format_id in FILES.items()}
TEXT_FORMATS = [f for f in FORMAT_IDS if f != "camt053"]  # XML has no line limit


def peak_while(call: Callable[[], object]) -> tuple[int, BaseException | None]:
    """Peak memory traced during ``call`` beyond what was allocated before, and its error."""
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        error: BaseException | None = None
        try:
            call()
        except FormatError as exc:
            error = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before, error


@pytest.mark.parametrize("format_id", FORMAT_IDS)
def test_a_file_just_above_the_limit_is_refused_before_it_is_decoded(format_id: str) -> None:
    head = SAMPLE_OF[format_id].read_bytes()
    data = head + b"\r\n" * ((MAX_FILE_BYTES + 1 - len(head)) // 2) + b"\n"
    assert len(data) in (MAX_FILE_BYTES + 1, MAX_FILE_BYTES + 2)
    parse(head, format_id, file_name="warm-up")  # lazy imports and caches: not the file's
    peak, error = peak_while(lambda: parse(data, format_id, file_name="gross.csv"))
    assert isinstance(error, FileTooLargeError)
    assert "gross.csv" in error.message_de and "MB" in error.message_de
    assert peak < 64 * 1024, f"{peak} bytes traced: the file was decoded before the check"


@pytest.mark.parametrize("format_id", TEXT_FORMATS)
def test_an_overlong_line_is_refused_in_memory_linear_in_the_file(format_id: str) -> None:
    first, _, rest = SAMPLE_OF[format_id].read_bytes().partition(b"\n")
    line = b"R" * (16 * MAX_LINE_CHARS)  # 1 MiB in one line, far below the file limit
    data = first + b"\n" + line + b"\n" + rest
    peak, error = peak_while(lambda: parse(data, format_id, file_name="lang.csv"))
    assert isinstance(error, FileTooLargeError)
    assert error.line == 2 and "Zeile 2" in error.message_de
    # Decoding, the matched line and its stripped copy: about 3x. Never more than 4x.
    assert peak < 4 * len(data), f"{peak / len(data):.1f}x the file"


def test_an_overlong_line_in_camt_is_a_format_error() -> None:
    first, _, rest = SAMPLE_OF["camt053"].read_bytes().partition(b"\n")
    data = first + b"\n" + b"R" * (16 * MAX_LINE_CHARS) + b"\n" + rest
    peak, error = peak_while(lambda: parse(data, "camt053", file_name="lang.xml"))
    assert isinstance(error, FormatError)
    assert peak < 4 * len(data)
