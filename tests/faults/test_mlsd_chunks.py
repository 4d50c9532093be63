"""An MLSD listing cut into arbitrary pieces by the network reads exactly as ftplib reads it.

FtpClient parses MLSD while it arrives (for speed, bench/ftp_transfer.py); a line, or a
CRLF, split between two receives must not change a single entry.
"""

from __future__ import annotations

import ftplib
import io

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.transfer.ftp_client import FtpClient


class _Conn:
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = list(chunks)

    def recv(self, _size: int) -> bytes:
        return self.chunks.pop(0) if self.chunks else b""

    def __enter__(self) -> _Conn:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class _Session:
    """Just what FtpClient._mlsd uses of an ftplib session."""

    encoding = "latin-1"
    maxline = ftplib.FTP.maxline
    sock = object()

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def sendcmd(self, _command: str) -> str:
        return "200 ok"

    def transfercmd(self, _command: str) -> _Conn:
        return _Conn(self.chunks)

    def voidresp(self) -> str:
        return "226 done"


def _ftplib_mlsd(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """What ftplib.FTP.retrlines + mlsd make of ``data`` (the same steps, no socket)."""
    lines = []
    with io.TextIOWrapper(io.BytesIO(data), encoding="latin-1") as fp:
        while line := fp.readline(ftplib.FTP.maxline + 1):
            if line[-2:] == "\r\n":
                line = line[:-2]
            elif line[-1:] == "\n":
                line = line[:-1]
            lines.append(line)
    entries = []
    for line in lines:
        facts_found, _, name = line.rstrip("\r\n").partition(" ")
        facts = {}
        for fact in facts_found[:-1].split(";"):
            key, _, value = fact.partition("=")
            facts[key.lower()] = value
        entries.append((name, facts))
    return entries


def _ours(chunks: list[bytes]) -> list[tuple[str, dict[str, str]]]:
    client = FtpClient(FtpSettings(Protocol.FTP, "h", 21, "", False, "u"), None, None, 1.0)
    client._ftp = _Session(chunks)  # type: ignore[assignment]
    return list(client._mlsd())


NAMES = st.text(st.characters(codec="latin-1", exclude_characters="\r\n"), min_size=0, max_size=12)
ENDINGS = st.sampled_from(["\r\n", "\n", "\r"])


@st.composite
def listings(draw: st.DrawFn) -> tuple[bytes, list[bytes]]:
    lines = draw(st.lists(st.tuples(NAMES, st.integers(0, 10**6), ENDINGS), max_size=12))
    text = "".join(f"type=file;Size={size};modify=20260313120000; {name}{end}"
                   for name, size, end in lines)  # fmt: skip
    if lines and draw(st.booleans()):
        text = text.rstrip("\r\n")  # the last line without an ending
    data = text.encode("latin-1")
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=10)))
    chunks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    return data, [c for c in chunks if c]  # an empty receive means the end


@given(listings())
def test_any_split_reads_as_ftplib_reads_it(case: tuple[bytes, list[bytes]]) -> None:
    data, chunks = case
    assert _ours(chunks) == _ftplib_mlsd(data)


def test_a_crlf_split_between_two_receives_is_one_line_end() -> None:
    chunks = [b"type=file;size=1; a.csv\r", b"\ntype=file;size=2; b.csv\r\n"]
    assert _ours(chunks) == [("a.csv", {"type": "file", "size": "1"}),
                             ("b.csv", {"type": "file", "size": "2"})]  # fmt: skip
