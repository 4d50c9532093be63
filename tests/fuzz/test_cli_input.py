"""No input reaches "internal error": random JSON (types, depth, size, Unicode) for
`interfaces import`, random bytes for `--password-stdin`. Every outcome is exit 3 with a
message, or success for valid input.

The commands run in this process (``cli.main``) on a real SQLite file, as a user would
call them; each test prints how many inputs it tried (``pytest -s`` shows it). 400 inputs
per test by default; DESKTOP_APP_FUZZ_EXAMPLES sets another budget.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_app import cli
from tests.conftest import need

VALID = {
    "name": "Zahlungen",
    "enabled": True,
    "branch": None,
    "workstation": None,
    "start_date": None,
    "import_format": "closed-items",
    "mandants": ["1"],
    "settle_until": "today",
    "filename_filter": "Zahlungen",
    "run_time": "07:30",
    "interval": {"kind": "weekly", "every_minutes": 60, "weekdays": ["mon"], "day_of_month": 1},
    "ftp": {
        "protocol": "ftp",
        "host": "ftp.example.org",
        "port": None,
        "directory": "A/",
        "date_subdirectories": False,
        "user": "filiale",
        "passive": True,
    },
    "error_email": "",
}

NASTY = "\0\t\n\r\x1b\x7f\u202e\u2066\u200b\u2028\ufeff\ud800\udfffé😀 /\\\"'"
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(NASTY) | st.characters(), max_size=40),
    st.integers(0, 300_000).map(lambda n: "x" * n),  # over-long
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(texts, inner, max_size=5)
)
valid_values = {
    "import_format": st.sampled_from(["closed-items", "mt940", "camt053"]),
    "settle_until": st.sampled_from(["yesterday", "today", "tomorrow"]),
    "run_time": st.sampled_from(["07:30", "05:00", "07:30+02:00", "7:30", "22:00:01", None]),
}


@st.composite
def interface_documents(draw) -> str:
    """A valid interface with some fields (also nested ones) replaced by anything."""
    document = json.loads(json.dumps(VALID))

    def objects() -> list[dict]:  # a replaced "interval" or "ftp" may be no object now
        nested = [document.get("interval"), document.get("ftp")]
        return [document, *(o for o in nested if isinstance(o, dict))]

    for _ in range(draw(st.integers(0, 4))):
        target = draw(st.sampled_from(objects()))
        key = draw(st.sampled_from([*target.keys(), "unbekannt"]))
        strategy = valid_values.get(key, json_values)
        target[key] = draw(st.one_of(strategy, json_values) if key in valid_values else strategy)
    if draw(st.booleans()):
        document = draw(st.sampled_from(objects()))
    return json.dumps(document, ensure_ascii=draw(st.booleans()), allow_nan=True)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


documents = st.one_of(
    interface_documents(),
    json_values.map(lambda v: json.dumps(v, allow_nan=True)),
    st.integers(1, 300_000).map(nested),
    st.integers(1, 300_000).map(lambda n: '{"name": ' + nested(n) + "}"),
)


class Tally:
    def __init__(self) -> None:
        self.tried = 0
        self.by_code: dict[int, int] = {}

    def add(self, code: int) -> None:
        self.tried += 1
        self.by_code[code] = self.by_code.get(code, 0) + 1

    def report(self, what: str) -> None:
        print(f"\n{what}: {self.tried} inputs tried, exit codes {self.by_code}, 0 internal errors")


def run(args: list[str], stdin: bytes = b"") -> tuple[int, str]:
    """``desktop-app ARGS`` in this process, with ``stdin``; (exit code, stderr)."""
    err = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(args)
    finally:
        sys.stdin = old_stdin
    return code, err.getvalue()


def check(code: int, stderr: str, ok_text: str) -> None:
    assert "internal error" not in stderr, stderr
    assert code in (cli.EXIT_OK, cli.EXIT_INVALID), (code, stderr)
    if code == cli.EXIT_INVALID:
        assert stderr.startswith("desktop-app: ") and len(stderr.strip()) > len("desktop-app:")
    else:
        assert ok_text in stderr, stderr


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-data")
    code, stderr = run(["--data-dir", str(path), "mandants", "add", "1"])
    assert code == 0, stderr
    return path


# A larger budget for a long run (with pytest's --timeout=0): DESKTOP_APP_FUZZ_EXAMPLES=5000.
FUZZ = settings(
    max_examples=int(os.environ.get("DESKTOP_APP_FUZZ_EXAMPLES", "400")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def import_tally():
    tally = Tally()
    yield tally
    tally.report("interfaces import")


@FUZZ
@given(text=documents, as_bytes=st.none() | st.binary(max_size=200))
@example(text=nested(200_000), as_bytes=None)
@example(text=json.dumps({**VALID, "run_time": "07:30+02:00"}), as_bytes=None)
@example(text=json.dumps({**VALID, "filename_filter": "x" * 10_000_000}), as_bytes=None)
@example(text=json.dumps({**VALID, "name": "Zahlungen\u202e"}), as_bytes=None)
@example(text=json.dumps(VALID), as_bytes=b"\xff\xfe\x00 not UTF-8")
def test_interfaces_import_never_fails_internally(
    data_dir, import_tally, text, as_bytes, tmp_path_factory
):
    file = tmp_path_factory.mktemp("json", numbered=True) / "schnittstelle.json"
    file.write_bytes(as_bytes if as_bytes is not None else text.encode("utf-8", "surrogatepass"))
    code, stderr = run(["--data-dir", str(data_dir), "interfaces", "import", str(file)])
    import_tally.add(code)
    # A valid document may carry another name than VALID's ("0" is a valid one too).
    check(code, stderr, "interface '")


@pytest.fixture(scope="module")
def users_tally():
    tally = Tally()
    yield tally
    tally.report("users add --password-stdin")


@FUZZ
@given(
    stdin=st.one_of(
        st.binary(max_size=64),
        st.text(alphabet=st.sampled_from(NASTY) | st.characters(), max_size=30).map(
            lambda t: t.encode("utf-8", "surrogatepass")
        ),
    )
)
@example(stdin=b"Passwort\xff\xfe-ohne-UTF-8\n")
@example(stdin=b"\xef\xbb\xbfMit-BOM-Passwort-1\r\n")
def test_password_stdin_bytes_never_fail_internally(data_dir, users_tally, stdin):
    name = f"fuzz{users_tally.tried}"
    args = ["--data-dir", str(data_dir), "users", "add", name, "--password-stdin"]
    code, stderr = run(args, stdin)
    users_tally.add(code)
    check(code, stderr, f"Created user '{name}'")


def test_the_ftp_password_on_stdin_never_fails_internally(
    data_dir, secret_service_backend, tmp_path
):
    """The same bytes for an interface's FTP password, stored in a real keyring."""
    need(secret_service_backend is not None, "no Secret Service on D-Bus")
    file = tmp_path / "schnittstelle.json"
    file.write_text(json.dumps(VALID), encoding="utf-8")
    tally = Tally()

    @FUZZ
    @given(stdin=st.binary(max_size=64) | st.text(max_size=30).map(str.encode))
    @example(stdin=b"ftp\r\nDELE x\n")
    @example(stdin=b"\xff\xfe")
    def attempt(stdin: bytes) -> None:
        args = ["--data-dir", str(data_dir), "interfaces", "import", str(file), "--password-stdin"]
        code, stderr = run(args, stdin)
        tally.add(code)
        check(code, stderr, "interface 'Zahlungen'")

    try:
        attempt()
    finally:
        tally.report("interfaces import --password-stdin")
        from desktop_app.store.secrets import SERVICE_NAME

        collection = secret_service_backend.get_preferred_collection()
        for item in collection.search_items({"service": SERVICE_NAME}):
            item.delete()
