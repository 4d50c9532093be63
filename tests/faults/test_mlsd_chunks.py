"""An MLSD listing cut into arbitrary pieces by the network reads as the server meant it.

FtpClient parses MLSD while it arrives (for speed, bench/ftp_transfer.py); a line, or a
CRLF, split between two receives must not change a single entry. Lines end as the first
line ends (CRLF as RFC 959 says, or LF or CR alone); with CRLF a line feed inside a name
stays in the name, and a line over ftplib's 8,192 bytes is skipped, never fatal.
"""

from __future__ import annotations

import ftplib

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.transfer.ftp_client import FtpClient

MAXLINE = ftplib.FTP.maxline


class _Conn:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = list(chunks)

    def recv_into(self, buffer: bytearray) -> int:
        if not self.chunks:
            return 0
        chunk = self.chunks.pop(0)
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def settimeout(self, _seconds: float) -> None:
        return None

    def __enter__(self) -> _Conn:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class _Session:
    """Just what FtpClient._mlsd uses of an ftplib session."""

    encoding = "latin-1"
    maxline = MAXLINE
    sock = object()

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def sendcmd(self, _command: str) -> str:
        return "200 ok"

    def transfercmd(self, _command: str) -> _Conn:
        return _Conn(self.chunks)

    def voidresp(self) -> str:
        return "226 done"

    def close(self) -> None:
        return None


def _ours(chunks: list[bytes]) -> list[tuple[str, dict[str, str]]]:
    client = FtpClient(FtpSettings(Protocol.FTP, "h", 21, "", False, "u"), None, None, 1.0)
    client._ftp = _Session(chunks)  # type: ignore[assignment]
    return list(client._mlsd())


def _line(name: str, size: int) -> str:
    return f"type=file;Size={size};modify=20260313120000; {name}"


def _facts(size: int) -> dict[str, str]:
    return {"type": "file", "size": str(size), "modify": "20260313120000"}


PLAIN = st.characters(codec="latin-1", exclude_characters="\r\n")
ENDINGS = st.sampled_from(["\r\n", "\n", "\r"])


@st.composite
def listings(draw: st.DrawFn) -> tuple[list[tuple[str, dict]], list[bytes]]:
    ending = draw(ENDINGS)
    # With CRLF line ends a name may hold a bare LF (Unix allows it): it stays in the name.
    alphabet = st.one_of(PLAIN, st.just("\n")) if ending == "\r\n" else PLAIN
    files = draw(st.lists(st.tuples(st.text(alphabet, max_size=12), st.integers(0, 10**6)),
                          max_size=12))  # fmt: skip
    lines = [_line(name, size) for name, size in files]
    expected = [(name, _facts(size)) for name, size in files]
    if draw(st.booleans()):  # one line too long for ftplib, anywhere: only it is missing
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, _line("Zahlungen_" + "x" * MAXLINE + ".csv", 1))
    text = "".join(line + ending for line in lines)
    if lines and draw(st.booleans()):
        text = text.removesuffix(ending)  # the last line without an ending
    data = text.encode("latin-1")
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=10)))
    chunks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    return expected, [c for c in chunks if c]  # an empty receive means the end


@given(listings())
def test_any_split_reads_every_entry_the_server_sent(case) -> None:
    expected, chunks = case
    assert _ours(chunks) == expected


def test_a_crlf_split_between_two_receives_is_one_line_end() -> None:
    chunks = [b"type=file;size=1; a.csv\r", b"\ntype=file;size=2; b.csv\r\n"]
    assert _ours(chunks) == [("a.csv", {"type": "file", "size": "1"}),
                             ("b.csv", {"type": "file", "size": "2"})]  # fmt: skip


def test_a_line_feed_in_a_name_keeps_the_name_whole() -> None:
    chunks = [b"type=file;size=1; Zahlungen\nD.csv\r\ntype=file;size=2; b.csv\r\n"]
    assert [name for name, _facts in _ours(chunks)] == ["Zahlungen\nD.csv", "b.csv"]


def test_a_cr_in_a_name_travels_as_cr_nul() -> None:  # RFC 3659 2.2
    chunks = [b"type=file;size=1; a\r\x00b.csv\r\n"]
    assert [name for name, _facts in _ours(chunks)] == ["a\rb.csv"]


def test_an_endless_line_is_skipped_in_bounded_memory() -> None:
    block = b"x" * 100_000
    chunks = [b"type=file;size=9; ", *[block] * 50, b"\r\ntype=file;size=2; b.csv\r\n"]
    assert _ours(chunks) == [("b.csv", {"type": "file", "size": "2"})]
