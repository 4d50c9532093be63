"""The fault matrix (issue 8, PRODUCT.md §7): every fault through the real ImportRunner.

Each case: put the two payment files A and B on the server, switch the fault on, run.
The run must end with a typed error in the history and one failure mail without any
password; nothing may be booked twice and no file may leave the server unbooked (checked
after every run by ``Matrix.check_invariants``). Then the fault is repaired and the next
run must book what is left exactly once and delete it.
"""

from __future__ import annotations

import logging
import threading

import pytest

from desktop_app.config import AppPaths, setup_logging
from desktop_app.domain.formats.options import MAX_FILE_BYTES
from desktop_app.domain.interface import Protocol
from desktop_app.store.history import run_history
from desktop_app.store.interfaces import InterfaceRepository

from .fault_server import REPLY_421, REPLY_421_IDLE, REPLY_DELE_550, FaultPlan
from .harness import (
    FILE_A,
    FILE_B,
    FILE_C,
    NAME,
    SETTLED,
    TINY_LIMITS,
    DiskPeak,
    Matrix,
    Run,
)

# The SMTP server wants a login without TLS on loopback; aiosmtpd warns about that.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def _repair_books_the_rest(matrix: Matrix) -> Run:
    assert matrix.server is not None
    matrix.server.repair()
    repaired = matrix.run()
    assert repaired.status == "ok", repaired.history
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
    again = matrix.run()  # and nothing happens twice
    assert again.status == "ok" and again.history.files == ()
    matrix.assert_all_settled_once()
    return repaired


def _nothing_booked_both_kept(matrix: Matrix) -> None:
    assert matrix.bookings() == {}
    assert matrix.on_server() == ["Zahlungen_A.csv", "Zahlungen_B.csv"]


def test_connection_refused(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(refuse=True))
    fault = matrix.run()
    matrix.assert_failed(fault, "ConnectionRefused", "lehnt Verbindungen auf Port", "ab")
    _nothing_booked_both_kept(matrix)
    matrix.record(1, "Connection refused (nothing listens)", fault, _repair_books_the_rest(matrix))


def test_accepts_and_never_answers(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(silent=True))
    fault = matrix.run()
    matrix.assert_failed(fault, "ReadTimeout", "antwortet aber nicht", "1.5 Sekunden")
    _nothing_booked_both_kept(matrix)
    matrix.record(2, "Accepts, never answers", fault, _repair_books_the_rest(matrix))


def test_421_on_every_listing(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(listing_reply=REPLY_421))
    fault = matrix.run()
    matrix.assert_failed(fault, "ServerUnavailable", "nimmt derzeit keine Verbindungen an")
    _nothing_booked_both_kept(matrix)
    matrix.record(3, "421 on every LIST/MLSD", fault, _repair_books_the_rest(matrix))


def test_421_on_one_listing_is_retried_on_a_new_connection(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(listing_reply=REPLY_421, listing_faults=1))
    run = matrix.run()
    assert run.status == "ok", run.history  # the retry connects again instead of reusing
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
    assert server.commands().count("USER") == 2
    matrix.record(4, "421 on the first MLSD only (server closes)", run, None, "retried")


def test_connection_dropped_in_every_download(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(drop_download_after=20))
    fault = matrix.run()
    matrix.assert_failed(fault, "ConnectionLost", "unerwartet getrennt")
    assert [(f.state, f.deleted) for f in fault.history.files] == [("kept", False)] * 2
    _nothing_booked_both_kept(matrix)
    matrix.record(
        5, "Connection cut after 20 bytes of every RETR", fault, _repair_books_the_rest(matrix)
    )


def test_connection_dropped_once_is_retried(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(drop_download_after=20, download_faults=1))
    run = matrix.run()
    assert run.status == "ok", run.history
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
    matrix.record(6, "Connection cut in the first RETR only", run, None, "retried")


def test_download_truncated_with_226(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(truncate_download_to=30))
    fault = matrix.run()
    matrix.assert_failed(fault, "DownloadIncomplete", "unvollständig", "30 von")
    _nothing_booked_both_kept(matrix)
    matrix.record(7, "RETR ends early but says 226", fault, _repair_books_the_rest(matrix))


def test_550_on_delete_after_booking(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(dele_reply=REPLY_DELE_550))
    fault = matrix.run()
    # Booked (the transaction committed), but the file stays: that is a failure to report.
    matrix.assert_failed(fault, "DeleteFailed", "Gebucht, aber nicht vom Server gelöscht")
    assert matrix.bookings() == SETTLED
    assert matrix.on_server() == ["Zahlungen_A.csv", "Zahlungen_B.csv"]
    assert [(f.state, f.outcome, f.deleted) for f in fault.history.files] == [
        ("committed", "booked", False)
    ] * 2
    again = matrix.run()  # DELE still refused: booked before, and said so
    assert [(f.outcome, f.deleted) for f in again.history.files] == [("duplicate", False)] * 2
    assert all(
        f.error.startswith("Bereits früher gebucht, aber nicht vom Server gelöscht")
        for f in again.history.files
    )
    repaired = _repair_books_the_rest(matrix)
    # The next run recognises the content, books nothing again and only deletes.
    assert [(f.outcome, f.booked_count, f.deleted) for f in repaired.history.files] == [
        ("duplicate", 0, True)
    ] * 2
    matrix.record(8, "550 on DELE", fault, repaired)


HOSTILE = (
    "../Zahlungen_oben.csv",  # resolves to a real file one directory up
    "/etc/passwd",
    "..\\..\\Zahlungen_win.csv",
    "Zahlungen\x00.csv",
    "Zahlungen_" + "x" * 286 + ".csv",  # 300 characters
    "Zahlungen\r\nx.csv",  # CRLF: breaks the listing line in two
)


def test_hostile_names_in_the_listing(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server, filename_filter="")  # every name is a candidate
    matrix.put(FILE_A, FILE_B)
    (matrix.root / "etc").mkdir()
    outside = {
        matrix.root / "Zahlungen_oben.csv": FILE_C[1],
        matrix.root / "etc" / "passwd": b"root:x:0:0:root:/root:/bin/sh\n",
    }
    for path, data in outside.items():
        path.write_bytes(data)
    server.apply(FaultPlan(fake_names=HOSTILE))
    fault = matrix.run()
    matrix.assert_failed(fault, "UnsafeRemoteName", "unzulässig")
    # The real files are booked; nothing outside IMPORT/ was fetched, booked or deleted.
    assert matrix.bookings() == SETTLED
    assert matrix.on_server() == []
    for path, data in outside.items():
        assert path.read_bytes() == data
    assert matrix.ledger.invoice("1", "RE-2026-0004").open_amount == 80
    long_name = next(n for n in HOSTILE if len(n) == 300)
    assert matrix.file_kinds(fault) == {
        "IMPORT/../Zahlungen_oben.csv": "UnsafeRemoteName",
        "/etc/passwd": "UnsafeRemoteName",
        "IMPORT/..\\..\\Zahlungen_win.csv": "UnsafeRemoteName",
        "IMPORT/Zahlungen\\x00.csv": "UnsafeRemoteName",  # shown escaped
        "IMPORT/": "size-unknown",  # the CRLF name's second half: no name, no size
        # Plain names the server does not find, but its listing goes on showing them.
        "IMPORT/Zahlungen": "ListedButNotFound",  # the CRLF name's first half
        f"IMPORT/{long_name}": "ListedButNotFound",  # only in the fake listing
        "IMPORT/Zahlungen_A.csv": "",
        "IMPORT/Zahlungen_B.csv": "",
    }
    touched = server.arguments("RETR") + server.arguments("DELE")
    assert all(p.startswith("/IMPORT/") and ".." not in p and "\\" not in p for p in touched)
    assert sorted(server.arguments("DELE")) == [
        "/IMPORT/Zahlungen_A.csv",
        "/IMPORT/Zahlungen_B.csv",
    ]
    matrix.record(
        9,
        "Hostile names in MLSD (../, /etc/passwd, \\\\, NUL, 300 chars, CRLF)",
        fault,
        _repair_books_the_rest(matrix),
        "nothing outside IMPORT/ fetched or deleted",
    )


def test_file_growing_while_listed(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(grow=("IMPORT/Zahlungen_A.csv",)))
    run = matrix.run()
    # PRODUCT.md §7.2: a file still being written is skipped, not an error; it is recorded.
    assert run.status == "ok", run.history
    assert [(f.remote_path, f.outcome, f.state) for f in run.history.files] == [
        ("IMPORT/Zahlungen_A.csv", "skipped", "kept"),
        ("IMPORT/Zahlungen_B.csv", "booked", "deleted"),
    ]
    assert "Größe ändert sich" in run.history.files[0].error
    assert matrix.bookings() == {"RE-2026-0003": [SETTLED["RE-2026-0003"][0]]}
    assert matrix.on_server() == ["Zahlungen_A.csv"]
    matrix.originals["Zahlungen_A.csv"] = (matrix.directory / "Zahlungen_A.csv").read_bytes()
    matrix.record(10, "File grows between the two listings", run, _repair_books_the_rest(matrix))


def test_certificate_changed_between_runs(matrix: Matrix, fault_server, certificate) -> None:
    first, second = certificate("first"), certificate("second")
    server = fault_server(tls=first)
    matrix.interface(server, protocol=Protocol.FTPS, fingerprint=first.fingerprint)
    assert matrix.run().status == "ok"  # the trusted certificate works
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(certificate=second))
    fault = matrix.run()
    matrix.assert_failed(fault, "CertificateChanged", "WARNUNG", second.fingerprint)
    _nothing_booked_both_kept(matrix)
    # Repaired by the user: the operator confirmed the new certificate, it is trusted now.
    InterfaceRepository(matrix.db).set_trusted_fingerprint(NAME, second.fingerprint)
    repaired = matrix.run()
    assert repaired.status == "ok", repaired.history
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
    matrix.record(
        11,
        "FTPS certificate changed between runs",
        fault,
        repaired,
        "repair: user trusts the new certificate",
    )


def test_oversized_file_is_refused_before_download(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    big = matrix.directory / "Zahlungen_gross.csv"
    with big.open("wb") as out:
        out.write(FILE_C[1])
        out.truncate(MAX_FILE_BYTES + 1)
    fault = matrix.run()
    matrix.assert_failed(
        fault,
        "FileTooLargeError",
        "Zahlungen_gross.csv",
        "52.428.801 Bytes, erlaubt sind 52.428.800 Bytes (50 MB)",
    )
    # A and B only, each twice (to book it, and to compare before deleting it): the big
    # one is not fetched.
    assert server.commands().count("RETR") == 4
    assert matrix.bookings() == SETTLED
    assert matrix.on_server() == ["Zahlungen_gross.csv"]
    # Repaired by the sender: the file is replaced by a normal one.
    big.unlink()
    matrix.put(FILE_C)
    repaired = matrix.run()
    assert repaired.status == "ok"
    assert matrix.bookings() == {**SETTLED, "RE-2026-0004": [80]}
    assert matrix.on_server() == []
    matrix.record(12, "File above the 50 MB limit", fault, repaired, "repair: sender replaces it")


def _nothing_left_behind(matrix: Matrix, temp_dir) -> None:
    """No part file, no download folder, and no run still shown as running."""
    assert list(temp_dir.iterdir()) == []
    interface_id = InterfaceRepository(matrix.db).get(NAME).id
    assert "running" not in {run.status for run in run_history(matrix.db, interface_id)}


GIGABYTE = 1 << 30


def test_a_server_sending_more_than_it_listed_is_cut_off_at_once(
    matrix: Matrix, fault_server, temp_dir
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(oversize_download_to=GIGABYTE))  # lists 99 bytes, sends 1 GB
    with DiskPeak(temp_dir) as disk:
        fault = matrix.run()
    listed = len(FILE_A[1])
    matrix.assert_failed(
        fault, "RemoteFileChanged", "hat sich auf dem Server geändert", f"mit {listed} Bytes"
    )
    # Never more than the listed size on disk, and the server stopped long before 1 GB.
    assert disk.polls > 100 and disk.peak <= listed, (disk.peak, disk.polls)
    assert server.state.sent < 64 * 1024 * 1024, server.state.sent
    assert [f.state for f in fault.history.files] == ["kept", "kept"]
    _nothing_booked_both_kept(matrix)
    _nothing_left_behind(matrix, temp_dir)
    matrix.record(
        13,
        "Lists each file's size, sends 1 GB",
        fault,
        _repair_books_the_rest(matrix),
        f"never more than the listed {listed} bytes on disk",
    )


def test_a_trickling_server_ends_the_download_at_its_deadline(
    matrix: Matrix, fault_server, temp_dir
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    deadline = TINY_LIMITS.run_seconds([len(FILE_A[1]), len(FILE_B[1])])
    server.apply(FaultPlan(trickle=(10, 0.5)))  # 20 bytes/s: A alone would take 5 s
    fault = matrix.run(limits=TINY_LIMITS)
    # The client hung up on each trickle before its file was through (it did not wait
    # for it to end); the messages name the deadline.
    sizes = [len(FILE_A[1]), len(FILE_B[1])]
    assert len(server.state.trickled) == 2, server.state.trickled
    assert all(sent < min(sizes) for sent in server.state.trickled), server.state.trickled
    matrix.assert_failed(fault, "DownloadTimedOut", "kam zu langsam an", "nach 1,1 Sekunden")
    assert [(f.state, f.error.split(":")[0]) for f in fault.history.files] == [
        ("kept", f"Die Datei „IMPORT/{name}“ kam zu langsam an")
        for name in ("Zahlungen_A.csv", "Zahlungen_B.csv")
    ]
    _nothing_booked_both_kept(matrix)
    _nothing_left_behind(matrix, temp_dir)
    matrix.record(
        14,
        "Trickles 10 bytes every 0.5 s (limits: 1 s + size at 1 KB/s)",
        fault,
        _repair_books_the_rest(matrix),
        f"the run ended before its deadline of {deadline:.1f} s",
    )


class PausedClock:
    """The run deadline's clock, moved only by the runner's pauses (which it records
    instead of waiting), so whether the deadline passed never depends on the load."""

    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def test_retries_end_at_the_runs_deadline(matrix: Matrix, fault_server, temp_dir) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(drop_download_after=20, download_faults=1))  # a retry would work
    deadline = TINY_LIMITS.run_seconds([len(FILE_A[1]), len(FILE_B[1])])
    clock = PausedClock()
    fault = matrix.run(limits=TINY_LIMITS, backoff=(30.0,), clock=clock, sleep=clock.sleep)
    # The wait between the two listings (0 s here), then the one back-off: its 30 s cut to
    # what was left of the run's deadline. Once that had passed the run stopped: no retry
    # fetched A (it would have booked), B never began.
    assert clock.pauses == [0, pytest.approx(deadline)], (clock.pauses, deadline)
    matrix.assert_failed(fault, "RunTimedOut", "Höchstdauer", "überschritten")
    assert [(f.remote_path, f.state) for f in fault.history.files] == [
        ("IMPORT/Zahlungen_A.csv", "kept")
    ]
    _nothing_booked_both_kept(matrix)
    _nothing_left_behind(matrix, temp_dir)
    matrix.record(
        15,
        "A retry would outlast the run's deadline (back-off 30 s)",
        fault,
        _repair_books_the_rest(matrix),
        f"the back-off was cut to the run's deadline of {deadline:.1f} s, then the run ended",
    )


def test_a_download_cancelled_midway_leaves_nothing_behind(
    matrix: Matrix, fault_server, temp_dir
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(trickle=(10, 0.5)))
    cancel = threading.Event()
    with DiskPeak(temp_dir) as disk:
        threading.Timer(1.2, cancel.set).start()  # while A arrives, 10 bytes at a time
        result = matrix.runner().run(NAME, cancel=cancel)
    assert result.status.value == "cancelled"
    assert disk.most_files == 1  # A's part file, while it arrived
    _nothing_booked_both_kept(matrix)
    _nothing_left_behind(matrix, temp_dir)


LONG_NAME = "Zahlungen_" + "x" * 9_000 + ".csv"  # its listing line is over ftplib's 8,192


def test_a_listing_line_too_long_does_not_hide_the_files_beside_it(
    matrix: Matrix, fault_server, caplog
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(fake_names=(LONG_NAME,)))
    run = matrix.run()
    assert run.status == "ok", run.history
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
    assert "skipped a listing line over 8192 bytes" in caplog.text
    matrix.record(
        16, "A 9,000-byte listing line beside the files", run, None, "line skipped, logged"
    )


NEWLINE_NAME = "Zahlungen\nD.csv"
CONTROL_NAME = "Zahlungen_\x1b[31m\x07.csv"  # ESC (a terminal colour) and BEL


def test_names_with_a_newline_or_control_characters_are_refused_whole_and_shown_escaped(
    matrix: Matrix, fault_server, tmp_path
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B, (NEWLINE_NAME, FILE_C[1]), (CONTROL_NAME, FILE_C[1]))
    paths = AppPaths(tmp_path / "data", "sqlite://")
    root = logging.getLogger()
    level = root.level
    setup_logging(paths)  # the program's own log file
    try:
        fault = matrix.run()
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_desktop_app", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    log_file = paths.log_file
    matrix.assert_failed(fault, "UnsafeRemoteName", "unzulässig")
    assert matrix.file_kinds(fault) == {
        "IMPORT/Zahlungen\\nD.csv": "UnsafeRemoteName",  # whole, not "IMPORT/Zahlungen"
        "IMPORT/Zahlungen_\\x1b[31m\\x07.csv": "UnsafeRemoteName",
        "IMPORT/Zahlungen_A.csv": "",
        "IMPORT/Zahlungen_B.csv": "",
    }
    errors = " ".join(f.error for f in fault.history.files)
    assert "„IMPORT/Zahlungen\\nD.csv“" in errors and "nicht mehr auf dem Server" not in errors
    assert matrix.bookings() == SETTLED
    assert matrix.on_server() == sorted([CONTROL_NAME, NEWLINE_NAME])  # refused, never deleted
    logged = log_file.read_bytes()
    assert b"Zahlungen_A.csv" in logged  # the log was written to, and holds no raw control
    assert not any(byte in logged for byte in (b"\x1b", b"\x07", b"\x00"))
    assert "\x1b" not in fault.mails[0].get_content()
    # Repaired by the sender: one renamed to a normal name, the other removed.
    (matrix.directory / NEWLINE_NAME).rename(matrix.directory / "Zahlungen_C.csv")
    (matrix.directory / CONTROL_NAME).unlink()
    del matrix.originals[NEWLINE_NAME], matrix.originals[CONTROL_NAME]
    matrix.originals["Zahlungen_C.csv"] = FILE_C[1]
    repaired = matrix.run()
    assert repaired.status == "ok"
    assert matrix.bookings() == {**SETTLED, "RE-2026-0004": [80]}
    matrix.record(
        17,
        "Names with a line feed, ESC and BEL (real files)",
        fault,
        repaired,
        "repair: sender renames them",
    )


def test_an_idle_timeout_on_the_delete_reconnects_and_retries(matrix: Matrix, fault_server) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    # The computer slept while booking; the server closed the idle session.
    server.apply(FaultPlan(dele_reply=REPLY_421_IDLE, dele_faults=1))
    run = matrix.run()
    assert run.status == "ok", run.history
    assert run.mails == []
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
    assert [(f.state, f.deleted) for f in run.history.files] == [("deleted", True)] * 2
    assert server.commands().count("USER") == 2  # one new connection, for the retry
    assert server.arguments("DELE") == ["/IMPORT/Zahlungen_A.csv"] * 2 + ["/IMPORT/Zahlungen_B.csv"]
    matrix.record(18, "421 idle timeout on the first DELE", run, None, "reconnected and retried")


def test_an_idle_timeout_on_every_delete_is_not_an_unavailable_server(
    matrix: Matrix, fault_server
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    server.apply(FaultPlan(dele_reply=REPLY_421_IDLE))
    fault = matrix.run()
    matrix.assert_failed(
        fault, "IdleDisconnect", "Gebucht, aber nicht vom Server gelöscht", "Pause ohne Aktivität"
    )
    assert "nimmt derzeit keine Verbindungen an" not in fault.history.error
    assert matrix.bookings() == SETTLED
    assert matrix.on_server() == ["Zahlungen_A.csv", "Zahlungen_B.csv"]
    assert server.arguments("DELE").count("/IMPORT/Zahlungen_A.csv") == 2  # tried, retried
    matrix.record(19, "421 idle timeout on every DELE", fault, _repair_books_the_rest(matrix))


def test_a_delete_whose_answer_was_lost_is_not_retried_into_an_error(
    matrix: Matrix, fault_server
) -> None:
    server = fault_server()
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    # The DELE takes effect, then the connection breaks before its "250" arrives.
    server.apply(FaultPlan(dele_reply=REPLY_421_IDLE, dele_faults=1, dele_first=True))
    run = matrix.run()
    assert run.status == "ok", run.history
    assert [(f.state, f.deleted, f.error) for f in run.history.files] == [("deleted", True, "")] * 2
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []


def test_the_fault_server_repaired_is_a_normal_server(matrix: Matrix, fault_server) -> None:
    server = fault_server(plan=FaultPlan(refuse=True, dele_reply=REPLY_DELE_550))
    port = server.port
    server.repair()
    assert server.port == port and server.plan.is_clear
    matrix.interface(server)
    matrix.put(FILE_A, FILE_B)
    assert matrix.run().status == "ok"
    matrix.assert_all_settled_once()
    assert matrix.on_server() == []
