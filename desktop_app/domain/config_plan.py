"""What importing a configuration file does to a ledger: every entry checked by the rules
the dialogs and commands apply, then compared with what the ledger has (added, changed
with the names of its changed fields, or unchanged).

An import adds and changes; it never deletes. An entry is matched by its name (a
branch, a Mandant, an interface; the chain options and the SMTP server are one each).
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import asdict, dataclass, replace

from .audit_actions import changed_fields
from .config_file import ConfigSnapshot, interface_field, smtp_to_json
from .interface import ChainOptions, InterfaceSettings
from .interface_json import to_json as interface_to_json
from .mandants import catalogue_name_problem, mandant_problems
from .smtp_settings import smtp_problems
from .validation import Problem, pattern_not_kept, validate


class EntryKind(enum.StrEnum):
    """The sections of the file, in the order they are applied."""

    BRANCH = "branches"
    MANDANT = "mandants"
    CHAIN_OPTIONS = "chain_options"
    SMTP = "smtp"
    INTERFACE = "interfaces"
    FINGERPRINT = "trusted_fingerprints"


class EntryStatus(enum.StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class PlannedEntry:
    kind: EntryKind
    name: str
    status: EntryStatus
    fields: tuple[str, ...] = ()  # for a change: the names of the fields it changes


CHAIN_OPTIONS_NAME = "Filialkettenoptionen"
SMTP_NAME = "SMTP"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")


# -- rules -----------------------------------------------------------------------------------


def config_problems(incoming: ConfigSnapshot, current: ConfigSnapshot) -> list[Problem]:
    """Every rule broken by an entry of ``incoming``, given what ``current`` already has."""
    problems = _catalogue_problems(incoming)
    problems += _smtp_problems(incoming)
    options = incoming.chain_options or current.chain_options or ChainOptions()
    mandants = {m.name for m in current.mandants} | {m.name for m in incoming.mandants}
    branches = set(current.branches) | set(incoming.branches)
    seen: set[str] = set()
    for index, settings in enumerate(incoming.interfaces):
        where = interface_field(index, settings.name)
        found = validate(settings, options, known_mandants=mandants, known_branches=branches)
        problems += [Problem(f"{where}.{p.field}", p.message_de, p.message_en) for p in found]
        name = settings.name.strip()
        if name and name in seen:
            problems.append(_twice(f"{where}.name", name))
        seen.add(name)
    known = seen | {s.name for s in current.interfaces}
    for name, _fingerprint in incoming.fingerprints:
        if name not in known:
            problems.append(
                Problem(
                    f'trusted_fingerprints["{name}"]',
                    f"Eine Schnittstelle „{name}“ gibt es weder in der Datei noch hier.",
                    f"there is no interface '{name}' in the file or in this ledger",
                )
            )
    return problems


def config_warnings(incoming: ConfigSnapshot) -> tuple[Problem, ...]:
    """What the import leaves out without refusing the file: a pattern an interface's
    Importart never reads (files of older versions may carry one)."""
    found = (pattern_not_kept(settings) for settings in incoming.interfaces)
    return tuple(warning for warning in found if warning is not None)


def _twice(field: str, name: str) -> Problem:
    return Problem(field, f"„{name}“ steht zweimal in der Datei.", f"'{name}' is in the file twice")


def _catalogue_problems(incoming: ConfigSnapshot) -> list[Problem]:
    problems = []
    for index, name in enumerate(incoming.branches):
        problem = catalogue_name_problem(name)
        if problem is not None:
            problems.append(Problem(f"branches[{index}]", *problem))
        elif name in incoming.branches[:index]:
            problems.append(_twice(f"branches[{index}]", name))
    names = [m.name for m in incoming.mandants]
    for index, mandant in enumerate(incoming.mandants):
        problems += mandant_problems(mandant, f"mandants[{index}]")
        if mandant.name and mandant.name in names[:index]:
            problems.append(_twice(f"mandants[{index}].name", mandant.name))
    return problems


def _smtp_problems(incoming: ConfigSnapshot) -> list[Problem]:
    smtp = incoming.smtp
    if smtp is None:
        return []
    problems = [Problem(f"smtp.{p.field}", p.message_de, p.message_en) for p in smtp_problems(smtp)]
    sender = smtp.sender.strip()
    if sender and not _EMAIL.fullmatch(sender):
        problems.append(
            Problem(
                "smtp.sender",
                f"„{sender}“ ist keine gültige E-Mail-Adresse.",
                f"'{sender}' is not a valid e-mail address",
            )
        )
    return problems


# -- comparing -------------------------------------------------------------------------------


def plan_entries(incoming: ConfigSnapshot, current: ConfigSnapshot) -> tuple[PlannedEntry, ...]:
    """One entry per entry of the file, in the order the sections are applied."""
    entries = [_branch(name, current) for name in incoming.branches]
    mandants = {m.name: m for m in current.mandants}
    for mandant in incoming.mandants:
        before = mandants.get(mandant.name)
        fields = changed_fields(asdict(before), asdict(mandant)) if before else []
        entries.append(_entry(EntryKind.MANDANT, mandant.name, before is not None, fields))
    if incoming.chain_options is not None:
        before_options = current.chain_options or ChainOptions()
        fields = changed_fields(asdict(before_options), asdict(incoming.chain_options))
        entries.append(_entry(EntryKind.CHAIN_OPTIONS, CHAIN_OPTIONS_NAME, True, fields))
    if incoming.smtp is not None:
        before_smtp = current.smtp
        fields = (
            changed_fields(smtp_to_json(before_smtp), smtp_to_json(_stored_smtp(incoming)))
            if before_smtp is not None
            else []
        )
        entries.append(_entry(EntryKind.SMTP, SMTP_NAME, before_smtp is not None, fields))
    interfaces = {s.name: s for s in current.interfaces}
    for settings in incoming.interfaces:
        after = settings.as_stored()
        stored = interfaces.get(after.name)
        fields = changed_fields(_comparable(stored), _comparable(after)) if stored else []
        entries.append(_entry(EntryKind.INTERFACE, after.name, stored is not None, fields))
    fingerprints = dict(current.fingerprints)
    for name, fingerprint in incoming.fingerprints:
        before_fp = fingerprints.get(name)
        fields = ["fingerprint"] if before_fp is not None and before_fp != fingerprint else []
        entries.append(_entry(EntryKind.FINGERPRINT, name, before_fp is not None, fields))
    return tuple(entries)


def _branch(name: str, current: ConfigSnapshot) -> PlannedEntry:
    return _entry(EntryKind.BRANCH, name, name in current.branches, [])


def _entry(kind: EntryKind, name: str, existed: bool, fields: list[str]) -> PlannedEntry:
    if not existed:
        return PlannedEntry(kind, name, EntryStatus.ADDED)
    if fields:
        return PlannedEntry(kind, name, EntryStatus.CHANGED, tuple(fields))
    return PlannedEntry(kind, name, EntryStatus.UNCHANGED)


def _comparable(settings: InterfaceSettings) -> dict:
    data = interface_to_json(settings)
    data["mandants"] = sorted(data["mandants"])  # their order means nothing
    return data


def _stored_smtp(incoming: ConfigSnapshot):
    smtp = incoming.smtp
    assert smtp is not None
    return replace(smtp, host=smtp.host.strip(), user=smtp.user.strip(), sender=smtp.sender.strip())


def changes_of(incoming: ConfigSnapshot, entries: tuple[PlannedEntry, ...]) -> ConfigSnapshot:
    """The part of ``incoming`` that adds or changes something: what is to be written."""
    wanted = {(e.kind, e.name) for e in entries if e.status is not EntryStatus.UNCHANGED}

    def keep(kind: EntryKind, name: str) -> bool:
        return (kind, name) in wanted

    return ConfigSnapshot(
        branches=tuple(n for n in incoming.branches if keep(EntryKind.BRANCH, n)),
        mandants=tuple(m for m in incoming.mandants if keep(EntryKind.MANDANT, m.name)),
        chain_options=incoming.chain_options
        if keep(EntryKind.CHAIN_OPTIONS, CHAIN_OPTIONS_NAME)
        else None,
        smtp=_stored_smtp(incoming) if keep(EntryKind.SMTP, SMTP_NAME) else None,
        interfaces=tuple(
            s.as_stored() for s in incoming.interfaces if keep(EntryKind.INTERFACE, s.name.strip())
        ),
        fingerprints=tuple(
            (n, f) for n, f in incoming.fingerprints if keep(EntryKind.FINGERPRINT, n)
        ),
    )


def counts(entries: tuple[PlannedEntry, ...]) -> dict[str, dict[str, int]]:
    """Per kind of entry (in the file's order), how many are added, changed, unchanged."""
    tally = Counter((e.kind, e.status) for e in entries)
    return {
        kind.value: {status.value: tally[(kind, status)] for status in EntryStatus}
        for kind in EntryKind
    }
