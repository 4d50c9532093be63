"""An in-memory RemoteClient: listings and files as plain dicts, changeable between calls."""

from __future__ import annotations

import posixpath
from datetime import UTC, datetime
from typing import BinaryIO

from desktop_app.transfer.file_errors import DirectoryMissing, RemoteFileVanished
from desktop_app.transfer.limits import Deadline
from desktop_app.transfer.remote import RemoteClient, RemoteEntry, join_remote


class FakeClient(RemoteClient):
    """``files`` maps remote paths ("dir/name") to content; directories are implied."""

    def __init__(self, files: dict[str, bytes] | None = None, dirs: set[str] = frozenset()):
        self.host = "fake.example"
        self.files = dict(files or {})
        self.extra_dirs = set(dirs)
        self.listed: list[str] = []
        self.closed = False
        self.sizes_override: dict[str, int] = {}  # what the listing claims, to fake a liar

    def _dirs(self) -> set[str]:
        found = {""}
        parents = [p.split("/")[:-1] for p in self.files]
        parents += [d.rstrip("/").split("/") for d in self.extra_dirs]
        for parts in parents:
            for i in range(1, len(parts) + 1):
                found.add("/".join(parts[:i]))
        return found

    @property
    def connected(self) -> bool:
        return not self.closed

    def connect(self) -> None:
        self.closed = False

    def secure(self) -> str | None:
        return None

    def login(self) -> None:
        return None

    def cwd(self, directory: str) -> None:
        if directory.rstrip("/") not in self._dirs():
            raise DirectoryMissing(directory)

    def list(self, directory: str) -> list[RemoteEntry]:
        self.cwd(directory)
        self.listed.append(directory)
        base = directory.rstrip("/")
        entries: dict[str, RemoteEntry] = {}
        stamp = datetime(2024, 1, 1, tzinfo=UTC)
        for path, content in self.files.items():
            parent, name = posixpath.split(path)
            if parent == base:
                size = self.sizes_override.get(path, len(content))
                entries[name] = RemoteEntry(name, size, stamp, False, join_remote(directory, name))
        for sub in self._dirs():
            parent, name = posixpath.split(sub)
            if sub and parent == base:
                entries[name] = RemoteEntry(name, None, stamp, True, join_remote(directory, name))
        return list(entries.values())

    def retrieve(self, remote_path: str, out: BinaryIO, deadline: Deadline | None = None) -> None:
        try:
            out.write(self.files[remote_path])
        except KeyError:
            raise RemoteFileVanished(remote_path) from None

    def upload_probe(self, directory: str) -> str:
        path = join_remote(directory, ".probe.tmp")
        self.files[path] = b"probe"
        return path

    def delete(self, remote_path: str) -> None:
        if self.files.pop(remote_path, None) is None:
            raise RemoteFileVanished(remote_path)

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.closed = True
