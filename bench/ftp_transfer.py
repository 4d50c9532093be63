"""Our FTP client against curl on the same local server: download speed and listing time.

    .venv/bin/python bench/ftp_transfer.py            # 200 MB file, 10,000-file directory
    .venv/bin/python bench/ftp_transfer.py --mb 20 --files 1000   # quick look

A pyftpdlib server (plain FTP on 127.0.0.1) runs in a process of its own, so the client
does not share its GIL. In the same run, alternating, best of ``--runs``:

* download: ``FtpClient`` via ``open_client`` + ``RemoteClient.download`` into a temp
  directory, against ``curl -s -o /dev/null ftp://user:pass@127.0.0.1:port/big.bin``;
  throughput = size / wall time, connecting and logging in included on both sides.
  Goal: ours >= 0.9x curl's throughput. Shown too, like for like: curl into a file, and
  our ``RemoteClient.retrieve`` into /dev/null. Written files are removed and synced
  after each measurement, outside its time, so one does not slow the next.
* listing: ``open_client`` + ``RemoteClient.list("dir/")`` (MLSD, parsed into entries)
  against ``curl -s ftp://.../dir/`` (a full LIST: the server stats every file, as for
  MLSD); ``curl -l`` (NLST, names only) is shown too. Goal: ours <= 1.2x curl's time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.domain.interface import FtpSettings, Protocol  # noqa: E402
from desktop_app.transfer.clients import open_client  # noqa: E402
from desktop_app.transfer.limits import DownloadLimits  # noqa: E402

USER, PASSWORD = "bench", "bench-pass"
BIG, DIRECTORY = "big.bin", "dir"
DOWNLOAD_GOAL, LISTING_GOAL = 0.9, 1.2


def serve(root: str, ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """The server process: pyftpdlib on a free loopback port until ``stop`` is set."""
    import logging

    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import FTPServer

    # A handler of its own keeps pyftpdlib from logging every command and loop turn.
    logging.getLogger("pyftpdlib").addHandler(logging.NullHandler())
    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
    authorizer = DummyAuthorizer()
    authorizer.add_user(USER, PASSWORD, root, perm="elr")
    handler = type("BenchHandler", (FTPHandler,), {"authorizer": authorizer})
    server = FTPServer(("127.0.0.1", 0), handler)
    ready.put(server.socket.getsockname()[1])
    while not stop.is_set():
        server.ioloop.loop(0.1, blocking=False)
    server.close_all()


def make_tree(root: Path, megabytes: int, files: int) -> None:
    chunk = os.urandom(1024 * 1024)
    with (root / BIG).open("wb") as out:
        for _ in range(megabytes):
            out.write(chunk)
    directory = root / DIRECTORY
    directory.mkdir()
    for number in range(files):
        (directory / f"Zahlungen_{number:05d}.csv").write_bytes(b"RE-2026-0001;1,00\r\n")


def timed(action: Callable[[], object], downloads: Path) -> float:
    began = time.perf_counter()
    action()
    seconds = time.perf_counter() - began
    # Outside the time: remove what was written and let it reach the disk now, so that
    # neither freeing nor writing back 200 MiB lands in the next measurement.
    for path in downloads.iterdir():
        path.unlink()
    os.sync()
    return seconds


COMMANDS: list[str] = []  # the curl command lines, for the report


def curl(*args: str) -> Callable[[], None]:
    command = ["curl", "-s", "-S", "--fail", *args]
    COMMANDS.append(" ".join(command).replace(f":{PASSWORD}@", ":***@"))

    def run() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the big file")
    parser.add_argument("--files", type=int, default=10_000, help="files in the directory")
    parser.add_argument("--runs", type=int, default=3, help="best of")
    args = parser.parse_args(argv)
    if not shutil.which("curl"):
        print("curl is missing (apt-get install -y curl)", file=sys.stderr)
        return 2

    scratch = Path(tempfile.mkdtemp(prefix="ftp-bench-"))
    root, downloads = scratch / "root", scratch / "downloads"
    root.mkdir()
    downloads.mkdir()
    make_tree(root, args.mb, args.files)
    size = (root / BIG).stat().st_size

    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    server = context.Process(target=serve, args=(str(root), ready, stop), daemon=True)
    server.start()
    try:
        port = ready.get(timeout=30)
        url = f"ftp://{USER}:{PASSWORD}@127.0.0.1:{port}"
        settings = FtpSettings(Protocol.FTP, "127.0.0.1", port, "", False, USER, passive=True)

        def ours_download() -> None:
            # as a run downloads: bounded by the listed size (the bench's file is above the
            # product's 50 MB limit, so the limit is raised to it here)
            limits = DownloadLimits(max_bytes=size)
            with open_client(settings, PASSWORD, None, 30.0) as client:
                path = client.download(BIG, downloads, expected=size, limits=limits)
            assert path.stat().st_size == size

        def ours_discarding() -> None:
            with (
                open_client(settings, PASSWORD, None, 30.0) as client,
                open(os.devnull, "wb") as out,
            ):
                client.retrieve(BIG, out)

        listed: list[int] = []

        def ours_list() -> None:
            with open_client(settings, PASSWORD, None, 30.0) as client:
                listed.append(len(client.list(f"{DIRECTORY}/")))

        into_file = str(downloads / "curl.bin")
        measures = {
            "ours download": ours_download,
            "curl download": curl("-o", "/dev/null", f"{url}/{BIG}"),
            "curl download to a file": curl("-o", into_file, f"{url}/{BIG}"),
            "ours into /dev/null": ours_discarding,
            "ours list": ours_list,
            "curl LIST": curl(f"{url}/{DIRECTORY}/"),
            "curl NLST (-l)": curl("-l", f"{url}/{DIRECTORY}/"),
        }
        for action in measures.values():  # warm up: page cache, imports, first connection
            timed(action, downloads)
        best = {name: float("inf") for name in measures}
        for _ in range(args.runs):
            for name, action in measures.items():
                best[name] = min(best[name], timed(action, downloads))
        assert set(listed) == {args.files}, listed
    finally:
        stop.set()
        server.join(10)
        if server.is_alive():
            server.terminate()
        shutil.rmtree(scratch, ignore_errors=True)

    mib = size / 1024 / 1024
    print(f"server: pyftpdlib in its own process on 127.0.0.1, plain FTP, passive; best of "
          f"{args.runs}; connect and login included everywhere")  # fmt: skip
    for command in COMMANDS:
        print(f"  {command}")
    print(f"download of {mib:g} MiB ({size} bytes):")
    for name in (
        "ours download",
        "curl download",
        "curl download to a file",
        "ours into /dev/null",
    ):
        print(f"  {name:<26} {best[name]:7.3f} s  {mib / best[name]:8.1f} MiB/s")
    download_ratio = best["curl download"] / best["ours download"]  # throughput ratio
    print(f"listing of {args.files} files:")
    for name in ("ours list", "curl LIST", "curl NLST (-l)"):
        print(f"  {name:<26} {best[name]:7.3f} s  {args.files / best[name]:8.0f} entries/s")
    listing_ratio = best["ours list"] / best["curl LIST"]
    download_ok = download_ratio >= DOWNLOAD_GOAL
    listing_ok = listing_ratio <= LISTING_GOAL
    print(f"download throughput ours/curl: {download_ratio:.2f}x "
          f"(goal >= {DOWNLOAD_GOAL}) {'ok' if download_ok else 'MISSED'}")  # fmt: skip
    print("  like for like: both into a file "
          f"{best['curl download to a file'] / best['ours download']:.2f}x, both into /dev/null "
          f"{best['curl download'] / best['ours into /dev/null']:.2f}x")  # fmt: skip
    print(f"listing time ours/curl LIST:   {listing_ratio:.2f}x "
          f"(goal <= {LISTING_GOAL}) {'ok' if listing_ok else 'MISSED'}")  # fmt: skip
    print(f"listing time ours/curl NLST:   {best['ours list'] / best['curl NLST (-l)']:.2f}x "
          "(for reference: NLST sends names only)")  # fmt: skip
    return 0 if download_ok and listing_ok else 1


if __name__ == "__main__":
    sys.exit(main())
