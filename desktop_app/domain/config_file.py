"""The configuration file of a rollout: ``config export`` writes it, ``config import`` and
Verwaltung → Konfiguration importieren read it (documented in README.md).

One JSON object with a schema number and a kind, then a section per kind of entry. It
never holds a secret: interfaces and the SMTP server come without their passwords. A file
of an older program reads: what it lacks takes its default. A file of a newer schema is
refused (``SchemaTooNew``), because this program cannot know what its new fields mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .chain_options_json import options_from_json, options_to_json
from .interface import ChainOptions, InterfaceSettings
from .interface_json import FieldReader
from .interface_json import from_json as interface_from_json
from .interface_json import to_json as interface_to_json
from .mandants import MandantInfo
from .smtp_settings import SmtpSecurity, SmtpSettings
from .text_rules import shown
from .validation import Problem

SCHEMA_VERSION = 1
KIND = "desktop-app-config"
SECTIONS = (
    "branches",
    "mandants",
    "chain_options",
    "smtp",
    "interfaces",
    "trusted_fingerprints",
)
TOP_KEYS = ("schema", "kind", "exported_at", *SECTIONS)
MANDANT_KEYS = ("name", "datev_berater", "datev_mandant")
SMTP_KEYS = ("host", "port", "security", "user", "sender")


class SchemaTooNew(Exception):
    """The file was written by a newer program, in a schema this one does not know."""

    def __init__(self, schema: int):
        super().__init__(
            f"the file has configuration schema {schema}, written by a newer version of the "
            f"program; this one reads schema {SCHEMA_VERSION} and older: update the program "
            "on this computer first, nothing imported"
        )
        self.schema = schema
        self.message_de = (
            f"Die Datei hat das Konfigurationsschema {schema} einer neueren Programmversion; "
            f"dieses Programm liest Schema {SCHEMA_VERSION} und ältere. Bitte zuerst das "
            "Programm auf diesem Rechner aktualisieren. Es wurde nichts importiert."
        )
        self.message_en = (
            f"The file has configuration schema {schema} of a newer version of the program; "
            f"this one reads schema {SCHEMA_VERSION} and older. Please update the program on "
            "this computer first. Nothing was imported."
        )


@dataclass(frozen=True)
class ConfigSnapshot:
    """A chain's configuration, as a file holds it or as a ledger has it.

    ``chain_options`` None: the file has none (left as they are); ``smtp`` None: no SMTP
    server set up, or none in the file. ``fingerprints``: (interface name, fingerprint).
    """

    branches: tuple[str, ...] = ()
    mandants: tuple[MandantInfo, ...] = ()
    chain_options: ChainOptions | None = None
    smtp: SmtpSettings | None = None
    interfaces: tuple[InterfaceSettings, ...] = ()
    fingerprints: tuple[tuple[str, str], ...] = ()


def _by_name(items, key=lambda item: item):
    # Sorted here, not by the database: the same file from SQLite and PostgreSQL alike.
    return sorted(items, key=key)


def to_json(snapshot: ConfigSnapshot, exported_at: datetime) -> dict[str, Any]:
    """Everything but secrets, each section sorted by name."""
    return {
        "schema": SCHEMA_VERSION,
        "kind": KIND,
        "exported_at": exported_at.astimezone(UTC).isoformat(timespec="seconds"),
        "branches": _by_name(snapshot.branches),
        "mandants": [
            {"name": m.name, "datev_berater": m.datev_berater, "datev_mandant": m.datev_mandant}
            for m in _by_name(snapshot.mandants, lambda m: m.name)
        ],
        "chain_options": options_to_json(snapshot.chain_options or ChainOptions()),
        "smtp": smtp_to_json(snapshot.smtp) if snapshot.smtp is not None else None,
        "interfaces": [
            interface_to_json(s) for s in _by_name(snapshot.interfaces, lambda s: s.name)
        ],
        "trusted_fingerprints": dict(_by_name(snapshot.fingerprints)),
    }


def smtp_to_json(settings: SmtpSettings) -> dict[str, Any]:
    return {
        "host": settings.host,
        "port": settings.port,
        "security": settings.security.value,
        "user": settings.user,
        "sender": settings.sender,
    }


def from_json(data: Any) -> tuple[ConfigSnapshot, list[Problem]]:
    """The snapshot and every problem found reading it. Raises ``SchemaTooNew``."""
    reader = FieldReader()
    if not isinstance(data, dict):
        reader.bad("", "Die Datei muss ein JSON-Objekt enthalten.", "Expected a JSON object.")
        return ConfigSnapshot(), reader.problems
    if not _read_header(reader, data):
        return ConfigSnapshot(), reader.problems
    for key in sorted(set(data) - set(TOP_KEYS))[:10]:
        reader.bad(shown(key), f"Unbekanntes Feld „{shown(key)}“.", f"Unknown key '{shown(key)}'.")
    options = data.get("chain_options")
    snapshot = ConfigSnapshot(
        branches=_read_branches(reader, data.get("branches", [])),
        mandants=_read_mandants(reader, data.get("mandants", [])),
        chain_options=options_from_json(reader, options) if options is not None else None,
        smtp=_read_smtp(reader, data.get("smtp")),
        interfaces=_read_interfaces(reader, data.get("interfaces", [])),
        fingerprints=_read_fingerprints(reader, data.get("trusted_fingerprints", {})),
    )
    return snapshot, reader.problems


def _read_header(reader: FieldReader, data: dict) -> bool:
    """Whether this is a configuration file of a schema this program reads."""
    if data.get("kind") != KIND:
        reader.bad(
            "kind",
            f"Die Datei ist keine Konfigurationsdatei dieses Programms (erwartet: „kind“: "
            f"„{KIND}“). Eine einzelne Schnittstelle liest „interfaces import“.",
            f'the file is no configuration file of this program (expected "kind": '
            f"\"{KIND}\"); a single interface is read by 'interfaces import'",
        )
        return False
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        reader.bad(
            "schema",
            "„schema“ muss eine ganze Zahl ab 1 sein.",
            '"schema" must be a whole number from 1 on.',
        )
        return False
    if schema > SCHEMA_VERSION:
        raise SchemaTooNew(schema)
    return True


def _list(reader: FieldReader, value: Any, field: str) -> list:
    if isinstance(value, list):
        return value
    reader.bad(field, "Hier wird eine Liste erwartet.", "Expected a list.")
    return []


def _read_branches(reader: FieldReader, value: Any) -> tuple[str, ...]:
    names = []
    for index, name in enumerate(_list(reader, value, "branches")):
        if isinstance(name, str):
            names.append(name.strip())
        else:
            reader.bad(f"branches[{index}]", "Hier wird ein Name erwartet.", "Expected a name.")
    return tuple(names)


def _read_mandants(reader: FieldReader, value: Any) -> tuple[MandantInfo, ...]:
    mandants = []
    for index, entry in enumerate(_list(reader, value, "mandants")):
        field = f"mandants[{index}]"
        if not isinstance(entry, dict):
            reader.bad(field, "Hier wird ein Objekt erwartet.", "Expected an object.")
            continue
        for key in sorted(set(entry) - set(MANDANT_KEYS))[:10]:
            reader.bad(f"{field}.{shown(key)}", "Unbekanntes Feld.", "Unknown key.")
        name = (reader.text(entry, "name", f"{field}.name") or "").strip()
        mandants.append(
            MandantInfo(
                name,
                reader.integer(entry, "datev_berater", f"{field}.datev_berater", None),
                reader.integer(entry, "datev_mandant", f"{field}.datev_mandant", None),
            )
        )
    return tuple(mandants)


def _read_smtp(reader: FieldReader, value: Any) -> SmtpSettings | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        reader.bad("smtp", "„smtp“ ist null oder ein Objekt.", "Expected null or an object.")
        return None
    for key in sorted(set(value) - set(SMTP_KEYS))[:10]:
        reader.bad(f"smtp.{shown(key)}", "Unbekanntes Feld.", "Unknown key.")
    return SmtpSettings(
        host=reader.text(value, "host", "smtp.host") or "",
        port=reader.integer(value, "port", "smtp.port", None),
        security=reader.choice(
            value, "security", "smtp.security", SmtpSecurity, SmtpSecurity.STARTTLS
        ),
        user=reader.text(value, "user", "smtp.user") or "",
        sender=reader.text(value, "sender", "smtp.sender") or "",
    )


def _read_interfaces(reader: FieldReader, value: Any) -> tuple[InterfaceSettings, ...]:
    interfaces = []
    for index, entry in enumerate(_list(reader, value, "interfaces")):
        settings, problems = interface_from_json(entry)
        where = interface_field(index, settings.name)
        reader.problems += [
            Problem(f"{where}.{p.field}" if p.field else where, p.message_de, p.message_en)
            for p in problems
        ]
        interfaces.append(settings)
    return tuple(interfaces)


def interface_field(index: int, name: str) -> str:
    """How a problem names the interface it is in: ``interfaces[2] "Name"``."""
    name = name.strip()
    return f'interfaces[{index}] "{shown(name)}"' if name else f"interfaces[{index}]"


def _read_fingerprints(reader: FieldReader, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        reader.bad(
            "trusted_fingerprints",
            "Hier wird ein Objekt „Schnittstelle: Fingerabdruck“ erwartet.",
            'Expected an object "interface": "fingerprint".',
        )
        return ()
    found = []
    for name, fingerprint in value.items():
        if isinstance(fingerprint, str):
            found.append((name.strip(), fingerprint.strip()))
        else:
            reader.bad(
                f'trusted_fingerprints["{shown(name)}"]',
                "Hier wird ein Fingerabdruck als Text erwartet.",
                "Expected the fingerprint as a string.",
            )
    return tuple(found)
