"""Rolling a chain's setup out in one file: ``config export`` / ``config import`` and
Verwaltung → Konfiguration exportieren / importieren.

An import is prepared first (read, every entry validated, compared with the ledger: a
``ConfigPlan`` the user looks at) and then applied: in one transaction with its one
audit entry, after the plan was made again and found the same. What it cannot bring are
the passwords: the result lists those this computer's keyring still lacks.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain.audit_actions import CONFIG_IMPORTED
from ..domain.config_file import ConfigSnapshot, SchemaTooNew, from_json, to_json
from ..domain.config_plan import (
    EntryKind,
    EntryStatus,
    PlannedEntry,
    changes_of,
    config_problems,
    config_warnings,
    counts,
    plan_entries,
)
from ..domain.json_text import JsonUnreadable, parse_json
from ..domain.said_error import SaidError
from ..domain.validation import Problem, ValidationError
from ..store.config_store import interface_uids, read_config, write_config
from ..store.db import Database
from ..store.secrets import SMTP_KEY, SecretStore, SecretStoreError, ftp_key
from ..transfer.trust import NotAFingerprint, normalise_fingerprint
from .change_audit import ChangeAudit
from .changes import Change, ChangeHub
from .local_files import LocalFileError, open_regular_file, unreadable_file, unwritable_file

__all__ = [
    "ConfigFileUnreadable",
    "ConfigFileUnwritable",
    "ConfigImportResult",
    "ConfigInvalid",
    "ConfigPlan",
    "ConfigTransfer",
    "PasswordToSet",
    "PlanOutdated",
    "SchemaTooNew",
]


class ConfigFileUnreadable(SaidError):
    """Not readable, not UTF-8, not JSON: no configuration to look at."""


class ConfigFileUnwritable(SaidError):
    def __init__(self, path: Path, exc: OSError | None):
        why_de, why_en = unwritable_file(path, exc)
        super().__init__(
            f"Die Datei {path} kann nicht geschrieben werden: {why_de}. "
            "Es wurde nichts geschrieben.",
            f"The file {path} cannot be written: {why_en}. Nothing was written.",
        )


class ConfigInvalid(ValidationError):
    """Entries of the file break the rules; ``problems`` lists every one. Nothing applied."""

    message_de = "Die Datei enthält ungültige Einträge; es wurde nichts importiert."
    message_en = "The file holds invalid entries; nothing was imported."


class PlanOutdated(Exception):
    """The ledger changed since the preview: the import would do something else."""

    message_de = (
        "Die Konfiguration wurde seit der Vorschau geändert (an einem anderen Rechner oder "
        "in einem anderen Fenster). Es wurde nichts importiert; bitte die Vorschau neu laden."
    )
    message_en = (
        "The configuration changed since the preview (on another computer or in another "
        "window). Nothing was imported; please load the preview again."
    )

    def __init__(self) -> None:
        super().__init__("the ledger changed since the preview; nothing imported, preview again")


@dataclass(frozen=True)
class ConfigPlan:
    """What importing ``source`` will do, entry by entry."""

    source: str
    incoming: ConfigSnapshot
    entries: tuple[PlannedEntry, ...]

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        return counts(self.entries)

    @property
    def has_changes(self) -> bool:
        return any(e.status is not EntryStatus.UNCHANGED for e in self.entries)

    def changed_entries(self) -> list[PlannedEntry]:
        return [e for e in self.entries if e.status is not EntryStatus.UNCHANGED]

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What the import leaves out of the file without refusing it."""
        return config_warnings(self.incoming)


@dataclass(frozen=True)
class PasswordToSet:
    """A password this computer's keyring lacks, and the command that stores it."""

    kind: str  # "interface" or "smtp"
    name: str
    command: str


@dataclass(frozen=True)
class ConfigImportResult:
    plan: ConfigPlan
    applied: bool
    passwords: tuple[PasswordToSet, ...]

    def to_json(self, dry_run: bool, lang: str = "en") -> dict[str, Any]:
        return {
            "file": self.plan.source,
            "dry_run": dry_run,
            "applied": self.applied,
            "counts": self.plan.counts,
            "entries": [
                {
                    "kind": e.kind.value,
                    "name": e.name,
                    "status": e.status.value,
                    "fields": list(e.fields),
                }
                for e in self.plan.entries
            ],
            "passwords_to_set": [
                {"kind": p.kind, "name": p.name, "command": p.command} for p in self.passwords
            ],
            "warnings": [w.text(lang) for w in self.plan.warnings],
        }


@dataclass
class ConfigTransfer:
    db: Database
    secrets: SecretStore
    audit: ChangeAudit
    changes: ChangeHub | None = None
    # Raises when the user may no longer export or import: asked at each, since another
    # administrator may have taken the right since the dialog opened. None: the command
    # line, whose access is this computer's.
    still_allowed: Callable[[], object] | None = None

    def export_text(
        self, interface_names: Sequence[str] | None = None, now: datetime | None = None
    ) -> str:
        """The file's text; raises ``InterfaceNotFound`` for a name there is not."""
        if self.still_allowed is not None:
            self.still_allowed()
        snapshot = read_config(self.db, interface_names)
        data = to_json(snapshot, now or datetime.now(UTC))
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def export_file(self, path: Path, interface_names: Sequence[str] | None = None) -> None:
        """Write the file whole or not at all: a half-written one would be imported as far
        as it goes. Raises ``ConfigFileUnwritable``, ``InterfaceNotFound``."""
        text = self.export_text(interface_names)
        if not path.name:  # "" or ".": no file to write, only a folder
            raise ConfigFileUnwritable(path, None)
        partial = path.with_name(path.name + ".partial")
        try:
            partial.write_text(text, encoding="utf-8", newline="\n")
            os.replace(partial, path)
        except OSError as exc:
            # A folder missing on the way fails the clean-up too (ENOTDIR, not ENOENT).
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            raise ConfigFileUnwritable(path, exc) from None

    def prepare_file(self, path: Path) -> ConfigPlan:
        """``prepare`` of the file at ``path``; an unreadable file: ``ConfigFileUnreadable``."""
        try:
            with open_regular_file(path) as file:
                raw = file.read()
        except LocalFileError as refused:
            raise ConfigFileUnreadable(
                refused.message_de, refused.message_en, str(refused)
            ) from None
        except OSError as exc:
            said = unreadable_file(path, exc)
            raise ConfigFileUnreadable(said.message_de, said.message_en, str(said)) from None
        return self.prepare(raw, path.name)

    def prepare(self, raw: bytes, source: str) -> ConfigPlan:
        """Read and check the file. Raises ``ConfigFileUnreadable``, ``SchemaTooNew`` or
        ``ConfigInvalid``; writes nothing."""
        incoming, problems = _snapshot_of(_parse(raw))
        current = read_config(self.db)
        # A field the file got wrong is reported once, as read (not again by the rules).
        read_wrong = {p.field for p in problems}
        problems += [p for p in config_problems(incoming, current) if p.field not in read_wrong]
        if problems:
            raise ConfigInvalid(problems)
        return ConfigPlan(source, incoming, plan_entries(incoming, current))

    def apply(self, plan: ConfigPlan) -> ConfigImportResult:
        """Write what the plan adds and changes, with one audit entry, in one transaction.
        Raises ``PlanOutdated`` or ``ConfigInvalid`` when the ledger changed meanwhile,
        the store's ``ConfigConflict`` when it changed while writing: nothing written."""
        if self.still_allowed is not None:
            self.still_allowed()
        current = read_config(self.db)
        problems = config_problems(plan.incoming, current)
        if problems:
            raise ConfigInvalid(problems)
        if plan_entries(plan.incoming, current) != plan.entries:
            raise PlanOutdated()
        if plan.has_changes:  # an import that changes nothing is no change to record
            note = self.audit.note(
                CONFIG_IMPORTED,
                plan.source,
                counts=plan.counts,
                names={
                    status: [
                        f"{e.kind.value}: {e.name}" for e in plan.entries if e.status == status
                    ]
                    for status in (EntryStatus.ADDED, EntryStatus.CHANGED)
                },
            )
            write_config(self.db, changes_of(plan.incoming, plan.entries), note)
            self._announce(plan)
        return ConfigImportResult(plan, plan.has_changes, self.passwords_to_set(plan))

    def dry_run(self, plan: ConfigPlan) -> ConfigImportResult:
        """What ``apply`` would report, without writing."""
        return ConfigImportResult(plan, False, self.passwords_to_set(plan))

    def passwords_to_set(self, plan: ConfigPlan) -> tuple[PasswordToSet, ...]:
        """The file's interfaces (and SMTP server, when it needs a login) whose password
        this computer's keyring does not hold. May wait for the keyring: not on the GUI
        thread."""
        uids = interface_uids(self.db)
        missing = []
        for settings in sorted(plan.incoming.interfaces, key=lambda s: s.name.strip()):
            name = settings.name.strip()
            uid = uids.get(name)
            if uid is None or not self._holds(ftp_key(uid)):
                command = f"desktop-app interfaces set-password {_quoted(name)} --password-stdin"
                missing.append(PasswordToSet("interface", name, command))
        smtp = plan.incoming.smtp
        if smtp is not None and smtp.user.strip() and not self._holds(SMTP_KEY):
            missing.append(PasswordToSet("smtp", "SMTP", _smtp_command(smtp)))
        return tuple(missing)

    def _holds(self, key: str) -> bool:
        try:
            return self.secrets.get(key) is not None
        except SecretStoreError:  # no usable keyring: it holds nothing this computer can use
            return False

    def _announce(self, plan: ConfigPlan) -> None:
        if self.changes is None:
            return
        kinds = {e.kind for e in plan.changed_entries()}
        announced = {
            EntryKind.BRANCH: Change.CATALOGUE,
            EntryKind.MANDANT: Change.CATALOGUE,
            EntryKind.CHAIN_OPTIONS: Change.OPTIONS,
            EntryKind.SMTP: Change.SMTP,
            EntryKind.INTERFACE: Change.INTERFACES,
            EntryKind.FINGERPRINT: Change.INTERFACES,
        }
        self.changes.publish(*sorted({announced[k] for k in kinds}))


def _parse(raw: bytes) -> Any:
    try:
        return parse_json(raw, "eine Konfigurationsdatei", "a configuration file")
    except JsonUnreadable as exc:
        made_de, made_en = ("", "")
        if exc.syntax:
            made_de = (
                " Eine Konfigurationsdatei entsteht mit „Verwaltung → Konfiguration "
                "exportieren“ oder „desktop-app config export“."
            )
            made_en = (
                " A configuration file is made with “Administration → Export configuration” "
                "or “desktop-app config export”."
            )
        raise ConfigFileUnreadable(
            exc.message_de + made_de, exc.message_en + made_en, str(exc)
        ) from None


def _snapshot_of(data: Any) -> tuple[ConfigSnapshot, list[Problem]]:
    """The file's entries, fingerprints in their one spelling, and what was wrong."""
    incoming, problems = from_json(data)
    fingerprints = []
    for name, text in incoming.fingerprints:
        try:
            fingerprints.append((name, normalise_fingerprint(text)))
        except NotAFingerprint as exc:
            field = f'trusted_fingerprints["{name}"]'
            problems.append(Problem(field, exc.message_de, exc.message_en))
    return replace(incoming, fingerprints=tuple(fingerprints)), problems


_PLAIN = re.compile(r"[A-Za-z0-9_.@:/+-]+")


def _quoted(value: str) -> str:
    """A value for a command line that both a POSIX shell and cmd.exe read as one word."""
    if _PLAIN.fullmatch(value):
        return value
    return '"' + value.replace('"', '\\"') + '"'


def _smtp_command(smtp) -> str:
    parts = ["desktop-app smtp set", "--host", _quoted(smtp.host.strip())]
    if smtp.port is not None:
        parts += ["--port", str(smtp.port)]
    parts += ["--security", smtp.security.value, "--user", _quoted(smtp.user.strip())]
    parts += ["--sender", _quoted(smtp.sender.strip()), "--password-stdin"]
    return " ".join(parts)
