"""The fault matrix (issue 8, PRODUCT.md §7): every fault through the real ImportRunner.

Each case: put the two payment files A and B on the server, switch the fault on, run.
The run must end with a typed error in the history and one failure mail without any
password; nothing may be booked twice and no file may leave the server unbooked (checked
after every run by ``Matrix.check_invariants``). Then the fault is repaired and the next
run must book what is left exactly once and delete it.
"""

from __future__ import annotations

import pytest

from desktop_app.domain.formats.options import MAX_FILE_BYTES
from desktop_app.domain.interface import Protocol
from desktop_app.store.interfaces import InterfaceRepository

from .fault_server import REPLY_421, REPLY_DELE_550, FaultPlan
from .harness import FILE_A, FILE_B, FILE_C, NAME, SETTLED, Matrix, Run

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
        "IMPORT/Zahlungen\x00.csv": "UnsafeRemoteName",
        "IMPORT/": "size-changing",  # the CRLF name's second half: no name, no size
        "IMPORT/Zahlungen": "RemoteFileVanished",  # its first half: a plain name, not there
        f"IMPORT/{long_name}": "RemoteFileVanished",  # plain, only in the fake listing
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
    assert server.commands().count("RETR") == 2  # A and B only: the big one is not fetched
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
