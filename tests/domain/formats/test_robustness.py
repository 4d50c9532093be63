"""No parser raises anything but FormatError, whatever bytes it is given."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.formats import FORMAT_IDS, FormatError, ParseOptions, detect, parse

from .test_samples import FILES, SAMPLES

# Small limits so the size checks are reached too.
OPTIONS = ParseOptions(max_file_bytes=20_000, max_line_chars=2_000)
FAST = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _parse_all(data: bytes) -> None:
    for format_id in FORMAT_IDS:
        try:
            parse(data, format_id, file_name="fuzz", options=OPTIONS)
        except FormatError as error:
            assert error.message_de and str(error)
    detect(data)


@FAST
@given(st.binary(max_size=3_000))
def test_any_bytes(data: bytes) -> None:
    _parse_all(data)


# Pieces that mean something to one of the formats, to get past the first checks.
TOKENS = [
    ";", '"', '""', "\r\n", "\n", "\r", ",", ".", "-", "?", "?20", "?21", "?32", "+", "{", "}",
    ":20:", ":25:", ":28C:", ":60F:", ":61:", ":86:", ":62F:", ":13D:", "C", "D", "RC", "RD",
    "EUR", "260305", "0305", "1,00", "1.234,56", "-", "EXTF", '"EXTF";700;21;', "S", "H",
    "10001", "1200", "Rechnungsnummer", "Betrag", "Saldo", "OffenerBetrag", "Konto", "RE-2026-0001",
    "<Ntry>", "</Ntry>", "<Amt Ccy=\"EUR\">", "</Amt>", "<TxDtls>", "</TxDtls>", "CRDT", "DBIT",
    "\ufeff", "ü", "\x00", "1", "0", " ", "//", "NTRF", "SVWZ+", "EREF+",
]  # fmt: skip


@FAST
@given(st.lists(st.sampled_from(TOKENS), max_size=120), st.sampled_from(["utf-8", "cp1252"]))
def test_token_soup(tokens: list[str], encoding: str) -> None:
    _parse_all("".join(tokens).encode(encoding, errors="replace"))


@st.composite
def mutated_sample(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(FILES)))
    data = bytearray((SAMPLES / name).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "truncate"]))
        chunk = draw(st.sampled_from([t.encode("utf-8") for t in TOKENS]) | st.binary(max_size=4))
        if action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        elif action == "insert":
            data[position:position] = chunk
        elif action == "replace":
            data[position : position + len(chunk)] = chunk
        else:
            del data[position:]
    return FILES[name], bytes(data)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated_sample())
def test_mutated_samples(case: tuple[str, bytes]) -> None:
    format_id, data = case
    try:
        parse(data, format_id, file_name="fuzz", options=OPTIONS)
    except FormatError as error:
        assert "fuzz" in error.message_de


@pytest.mark.parametrize("format_id", FORMAT_IDS)
def test_size_limits(format_id: str) -> None:
    with pytest.raises(FormatError) as info:
        parse(b"x" * 20_001, format_id, file_name="big", options=OPTIONS)
    assert "MB" in info.value.message_de or "KiB" in info.value.message_de
    long_line = ("Rechnungsnummer\r\n" + "R" * 2_001 + "\r\n").encode()
    with pytest.raises(FormatError):
        parse(long_line, format_id, file_name="long", options=OPTIONS)
