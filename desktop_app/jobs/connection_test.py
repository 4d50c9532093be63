"""The FTP "Test" of an interface's server, the same job for the form and the CLI.

``prepare_ftp_test`` checks the values the Test needs and reads the password (the typed
one, else the stored one); it returns an ``FtpTestRequest`` or raises ``ValidationError``.
``FtpTestRequest.run`` walks the steps a run needs, in order, and stops at the first
failure, so the user sees exactly which one to fix. Cancelling (``cancel`` set from
another thread) breaks off a blocked network call at once.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..domain import text_rules
from ..domain import validation as v
from ..domain.interface import ChainOptions, FtpSettings, InterfaceSettings, Protocol
from ..domain.money_text import counted
from ..store.interfaces import StoredInterface
from ..store.secrets import SecretStore
from ..transfer import network
from ..transfer.clients import make_client
from ..transfer.errors import ConnectionLost, TransferCancelled, TransferError
from ..transfer.file_errors import (
    PermissionDenied,
    ProbeMismatch,
    ProbeVanished,
    RemoteFileChanged,
    RemoteFileVanished,
)
from ..transfer.remote import PROBE_CONTENT, RemoteClient
from ..transfer.trust import is_trusted
from .cancel_watch import CancelWatch
from .credentials import stored_ftp_password, typed_or_stored
from .interface_edit import KEEP_PASSWORD, PasswordChange

log = logging.getLogger(__name__)


class StepId(enum.StrEnum):
    RESOLVE = "resolve"
    CONNECT = "connect"
    TLS = "tls"  # FTPS only
    HOST_KEY = "host_key"  # SFTP only: the SSH counterpart of the TLS certificate check
    LOGIN = "login"
    OPEN_DIRECTORY = "open_directory"
    LIST = "list"
    WRITE_PROBE = "write_probe"
    READ_PROBE = "read_probe"  # a run must download, so the Test does too
    DELETE_PROBE = "delete_probe"

    @property
    def label_de(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]


_LABELS = {
    StepId.RESOLVE: ("Server suchen (DNS)", "Resolve host"),
    StepId.CONNECT: ("Verbinden", "Connect"),
    StepId.TLS: ("Verschlüsselung und Zertifikat", "TLS and certificate"),
    StepId.HOST_KEY: ("SSH-Schlüssel des Servers", "SSH host key"),
    StepId.LOGIN: ("Anmelden", "Log in"),
    StepId.OPEN_DIRECTORY: ("Verzeichnis öffnen", "Open directory"),
    StepId.LIST: ("Verzeichnis auflisten", "List directory"),
    StepId.WRITE_PROBE: ("Testdatei schreiben", "Write probe file"),
    StepId.READ_PROBE: ("Testdatei zurücklesen", "Read probe file back"),
    StepId.DELETE_PROBE: ("Testdatei löschen", "Delete probe file"),
}

NOT_RUN_DE = "Nicht ausgeführt, weil ein vorheriger Schritt fehlgeschlagen ist."
NOT_RUN_EN = "Not run, because an earlier step failed."
_TRUST_ERRORS = ("CertificateUnknown", "CertificateChanged", "HostKeyUnknown", "HostKeyChanged")


@dataclass(frozen=True)
class TestStep:
    __test__ = False  # not a pytest test class, despite the name

    step: StepId
    ok: bool
    message: str  # German
    fingerprint: str | None = None
    ran: bool = True
    error: TransferError | None = field(default=None, compare=False, repr=False)
    message_en: str = ""

    def text(self, lang: str = "de") -> str:
        """What the step says, in ``lang``."""
        return self.message_en if lang == "en" and self.message_en else self.message

    @property
    def needs_trust(self) -> bool:
        """The step failed on an unknown or changed certificate or host key."""
        return type(self.error).__name__ in _TRUST_ERRORS

    def to_json(self, lang: str = "de") -> dict[str, Any]:
        """For programs; ``message`` in ``lang``."""
        data: dict[str, Any] = {"step": self.step.value, "ok": self.ok, "message": self.text(lang)}
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        return data


@dataclass(frozen=True)
class FtpTestResult:
    steps: tuple[TestStep, ...]
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.cancelled and all(step.ok for step in self.steps)

    @property
    def failed_step(self) -> TestStep | None:
        return next((s for s in self.steps if s.ran and not s.ok), None)

    @property
    def refused_fingerprint(self) -> str | None:
        """What the user may choose to trust ("Diesem Zertifikat vertrauen")."""
        failed = self.failed_step
        return failed.fingerprint if failed is not None and failed.needs_trust else None

    def to_json(self, lang: str = "de") -> dict[str, Any]:
        return {"ok": self.ok, "steps": [step.to_json(lang) for step in self.steps]}


def planned_steps(protocol: Protocol) -> tuple[StepId, ...]:
    security = (StepId.TLS,) if protocol.uses_tls else ()
    if protocol is Protocol.SFTP:
        security = (StepId.HOST_KEY,)
    return (
        StepId.RESOLVE,
        StepId.CONNECT,
        *security,
        StepId.LOGIN,
        StepId.OPEN_DIRECTORY,
        StepId.LIST,
        StepId.WRITE_PROBE,
        StepId.READ_PROBE,
        StepId.DELETE_PROBE,
    )


class Said(NamedTuple):
    """A step's success, in German and English."""

    de: str
    en: str


class _Steps:
    """What each step does and says on success. Returns (message, fingerprint)."""

    def __init__(
        self, settings: FtpSettings, client: RemoteClient, trusted: str | None, timeout: float
    ) -> None:
        self.settings = settings
        self.client = client
        self.trusted = trusted
        self.timeout = timeout
        self.probe: str | None = None

    def run(self, step: StepId) -> tuple[Said, str | None]:
        return getattr(self, step.value)()

    def resolve(self) -> tuple[Said, str | None]:
        s = self.settings
        addresses = network.resolve(s.host, s.effective_port, self.timeout)
        shown = ", ".join(addresses[:3])
        return Said(
            f"Server „{s.host}“ gefunden ({shown}).", f"Server “{s.host}” found ({shown})."
        ), None

    def connect(self) -> tuple[Said, str | None]:
        self.client.connect()
        s = self.settings
        port = s.effective_port
        return Said(
            f"Verbunden mit „{s.host}“ auf Port {port}.", f"Connected to “{s.host}” on port {port}."
        ), None

    def tls(self) -> tuple[Said, str | None]:
        fingerprint = self.client.secure()
        if fingerprint and is_trusted(fingerprint, self.trusted):
            origin = "ist das von Ihnen als vertrauenswürdig bestätigte"
            origin_en = "is the one you confirmed as trusted"
        else:
            origin = "ist von einer anerkannten Stelle bestätigt"
            origin_en = "is confirmed by a recognised authority"
        return Said(
            f"Verschlüsselt; das Zertifikat {origin}.", f"Encrypted; the certificate {origin_en}."
        ), fingerprint

    def host_key(self) -> tuple[Said, str | None]:
        fingerprint = self.client.secure()
        return Said(
            "Der SSH-Schlüssel ist der als vertrauenswürdig bestätigte.",
            "The SSH key is the one confirmed as trusted.",
        ), fingerprint

    def login(self) -> tuple[Said, str | None]:
        self.client.login()
        user = self.settings.user
        return Said(f"Angemeldet als „{user}“.", f"Logged in as “{user}”."), None

    def open_directory(self) -> tuple[Said, str | None]:
        self.client.cwd(self.settings.directory)
        shown = self.settings.directory or "/"
        return Said(f"Verzeichnis „{shown}“ geöffnet.", f"Directory “{shown}” opened."), None

    def list(self) -> tuple[Said, str | None]:
        entries = self.client.list(self.settings.directory)
        files = sum(1 for e in entries if not e.is_dir)
        folders = len(entries) - files
        de = (counted(files, "Datei", "Dateien", "de"), counted(folders, "Ordner", "Ordner", "de"))
        en = (counted(files, "file", "files", "en"), counted(folders, "folder", "folders", "en"))
        return Said(
            f"Verzeichnis gelesen: {de[0]}, {de[1]}.", f"Directory listed: {en[0]}, {en[1]}."
        ), None

    def write_probe(self) -> tuple[Said, str | None]:
        self.probe = self.client.upload_probe(self.settings.directory)
        return Said(
            "Testdatei geschrieben: Schreibrecht vorhanden.",
            "Probe file written: write permission granted.",
        ), None

    def read_probe(self) -> tuple[Said, str | None]:
        if self.probe is None:  # unreachable: the write step ran before
            raise RuntimeError("no probe file to read")
        expected = len(PROBE_CONTENT)
        try:
            content = self.client.read_back(self.probe, expected, self.timeout)
        except PermissionDenied as exc:  # the right is the directory's, not the probe's
            raise PermissionDenied(self.settings.directory or "/") from exc
        except RemoteFileChanged as exc:  # more bytes than were written
            raise ProbeMismatch(self.probe, expected, exc.received) from exc
        except RemoteFileVanished as exc:  # its words are for an import file
            gone, self.probe = self.probe, None  # nothing left for the clean-up to remove
            raise ProbeVanished(gone, reading=True) from exc
        if content != PROBE_CONTENT:
            raise ProbeMismatch(self.probe, expected, len(content))
        return Said(
            "Testdatei gelesen und verglichen: Leserecht vorhanden.",
            "Probe file read back and compared: read permission granted.",
        ), None

    def delete_probe(self) -> tuple[Said, str | None]:
        if self.probe is None:  # unreachable: the write step ran before
            raise RuntimeError("no probe file to delete")
        try:
            self.client.delete(self.probe)
        except RemoteFileVanished as exc:  # its words are for an import file
            gone, self.probe = self.probe, None  # nothing left for the clean-up to remove
            raise ProbeVanished(gone) from exc
        self.probe = None
        return Said(
            "Testdatei gelöscht: Löschrecht vorhanden. Alles bereit.",
            "Probe file deleted: delete permission granted. All set.",
        ), None


# The fields a Test needs; the rest of the form may still be unfinished.
NEEDED_FIELDS = (v.FTP_HOST, v.FTP_PORT, v.FTP_USER)


def ftp_test_problems(
    settings: FtpSettings, password: PasswordChange, stored: StoredInterface | None = None
) -> list[v.Problem]:
    """What stops a Test of these values (empty: none); ``stored``: the saved interface,
    whose password KEEP_PASSWORD means. Pure: fine on the GUI thread."""
    problems = [
        p
        for p in v.validate(InterfaceSettings(ftp=settings), ChainOptions())
        if p.field in NEEDED_FIELDS
    ]
    unusable_directory = text_rules.text_problem(settings.directory, text_rules.DIRECTORY_MAX)
    if unusable_directory is not None:
        problems.append(v.Problem(v.FTP_DIRECTORY, *unusable_directory))
    if isinstance(password, str):
        problems += v.ftp_password_problems(password)
    elif (
        not problems  # a server not even named is said as such first
        and stored is not None
        and stored.password_stored
        and not settings.same_server(stored.settings.ftp)
    ):
        problems.append(v.stored_password_bound(stored.settings.ftp))
    return problems


@dataclass(frozen=True)
class FtpTestRequest:
    """A Test ready to run: the values and the password to use."""

    settings: FtpSettings
    password: str | None = field(repr=False)
    trusted_fingerprint: str | None = None

    def run(
        self,
        *,
        timeout: float,
        cancel: threading.Event | None = None,
        on_step: Callable[[TestStep], None] | None = None,
    ) -> FtpTestResult:
        return run_ftp_test(
            self.settings,
            self.password,
            self.trusted_fingerprint,
            timeout=timeout,
            cancel=cancel,
            on_step=on_step,
        )


def prepare_ftp_test(
    secrets: SecretStore,
    settings: FtpSettings,
    *,
    stored: StoredInterface | None = None,
    password: PasswordChange = KEEP_PASSWORD,
    trusted_fingerprint: str | None = None,
) -> FtpTestRequest:
    """Check the values and read the password; raises ``ValidationError`` (nothing to run)
    or ``SecretStoreError``. ``stored``: the saved interface, whose password KEEP_PASSWORD
    means; ``trusted_fingerprint`` defaults to the one it trusts. May block: not on the
    GUI thread."""
    problems = ftp_test_problems(settings, password, stored)
    if problems:
        raise v.ValidationError(problems)
    secret = typed_or_stored(
        password, lambda: stored_ftp_password(secrets, stored) if stored else None
    )
    if trusted_fingerprint is None and stored is not None:
        trusted_fingerprint = stored.trusted_fingerprint
    return FtpTestRequest(settings, secret, trusted_fingerprint)


def run_ftp_test(
    settings: FtpSettings,
    password: str | None,
    trusted_fingerprint: str | None,
    *,
    timeout: float,
    cancel: threading.Event | None = None,
    on_step: Callable[[TestStep], None] | None = None,
) -> FtpTestResult:
    """Run every step until one fails; ``on_step`` hears each result as it comes."""
    client = make_client(settings, password, trusted_fingerprint, timeout)
    actions = _Steps(settings, client, trusted_fingerprint, timeout)
    cancel = cancel or threading.Event()
    watcher = CancelWatch(client, cancel, name="ftp-test-cancel")
    results: list[TestStep] = []

    def report(step: TestStep) -> None:
        results.append(step)
        if on_step is not None:
            on_step(step)

    plan = planned_steps(settings.protocol)
    try:
        for index, step_id in enumerate(plan):
            outcome = _run_step(actions, step_id, cancel)
            report(outcome)
            if not outcome.ok:
                for later in plan[index + 1 :]:
                    report(
                        TestStep(
                            later, ok=False, message=NOT_RUN_DE, ran=False, message_en=NOT_RUN_EN
                        )
                    )
                break
    finally:
        watcher.stop()  # before cleaning up, so a late cancel cannot abort the cleanup
        _clean_up(actions)
    return FtpTestResult(tuple(results), cancelled=cancel.is_set())


def _run_step(actions: _Steps, step_id: StepId, cancel: threading.Event) -> TestStep:
    try:
        if cancel.is_set():
            raise TransferCancelled()
        said, fingerprint = actions.run(step_id)
    except TransferError as exc:
        error = TransferCancelled() if cancel.is_set() else exc
        return TestStep(
            step_id,
            ok=False,
            message=error.message_de,
            fingerprint=getattr(error, "fingerprint", None),
            error=error,
            message_en=error.message_en,
        )
    except Exception as exc:  # a bug or an unforeseen library error: report, do not crash
        log.exception("FTP test step %s failed unexpectedly", step_id.value)
        return TestStep(
            step_id,
            ok=False,
            message=f"Unerwarteter Fehler ({type(exc).__name__}). Bitte dem Support melden.",
            message_en=f"Unexpected error ({type(exc).__name__}). Please tell the support.",
        )
    return TestStep(step_id, ok=True, message=said.de, fingerprint=fingerprint, message_en=said.en)


def _clean_up(actions: _Steps) -> None:
    """Remove a probe left behind by a failure after writing it, then disconnect."""
    if actions.probe is not None:
        try:
            try:
                actions.client.delete(actions.probe)
            except ConnectionLost:
                # a cancel cut the connection right after the write: once more on a new one
                actions.client.open()
                actions.client.delete(actions.probe)
        except TransferError as exc:
            # harmless for imports (".tmp" names are skipped), so a log line is enough
            log.warning("probe file %s left on the server: %s", actions.probe, exc)
    actions.client.close()
