"""Label and tooltip of every field of the interface form, in the manual's words.

One table, so the labels can be read against the manual (PRODUCT.md §2–4) in one place.
Source strings are English; the German labels, exactly as the manual has them, are in
``resources/translations/desktop_app_de.ts`` (context ``InterfaceForm``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..domain import validation as v
from ..tr_noop import QT_TRANSLATE_NOOP

CONTEXT = "InterfaceForm"  # the translations' context of every text of the form


def tr_form(text: str) -> str:
    """``text`` translated in the form's context ("" stays "")."""
    return QCoreApplication.translate(CONTEXT, text) if text else ""


# Form-only keys beside the domain's field keys (validation.py).
ENABLED = "enabled"
WORKSTATION_BOUND = "workstation_bound"
USAGE = "usage"
PROTOCOL = "ftp.protocol"
DATE_SUBDIRECTORIES = "ftp.date_subdirectories"
PASSIVE = "ftp.passive"
PASSWORD_HOLDERS = "ftp.password_holders"
OWN_GUARDS = "open_item_guards"
GUARD_REFUSE_EMPTY = "open_item_guards.refuse_empty"
GUARD_REFUSE_OLDER = "open_item_guards.refuse_older"


def without_mnemonic(text: str) -> str:
    """A label's text as read, not shown: "Ben&utzer" is "Benutzer" ("&&" is a "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True)
class FieldText:
    label: str  # untranslated, with its mnemonic; the form passes it through tr()
    tooltip: str


FIELD_TEXTS: dict[str, FieldText] = {
    v.NAME: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "&Name"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "The name of the interface. It identifies the interface in the list, in the log "
            "and on the command line.",
        ),
    ),
    ENABLED: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Active"),
        QT_TRANSLATE_NOOP("InterfaceForm", "Only active interfaces run automatically."),
    ),
    v.BRANCH: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "&Branch"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Optional. Restricts the interface to one branch. Empty: every branch may use it.",
        ),
    ),
    WORKSTATION_BOUND: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Bound to a workstation"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Binds the interface to one workstation. Without it, the interface is set up for "
            "the branch chain: it runs on any computer of the chain, but only once per due "
            "time.",
        ),
    ),
    v.WORKSTATION: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "C&omputer"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "The workstation's computer name when the interface is bound to a workstation "
            "(“Bound to a workstation”). An interface set up for the branch chain instead "
            "runs on any computer of the chain, but only once per due time.",
        ),
    ),
    USAGE: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Usage"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Shows where the interface runs: “Server-side” means it is set up for the chain "
            "and runs on any computer whose scheduling runs (the background service, with no "
            "one logged in, or an open program) and that holds the current password; a "
            "workstation-bound one runs only on its computer.",
        ),
    ),
    v.START_DATE: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "&Start"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Optional date from which the interface is released automatically. Empty: at "
            "once. Before it, nothing runs.",
        ),
    ),
    v.IMPORT_FORMAT: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Im&port type"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "The format of the payment files: closed items, open items, DATEV posting batch, "
            "DATEV open items (OPOS), MT940 or camt.053.",
        ),
    ),
    v.MANDANTS: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "&Client"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "One or more accounting clients. Only their invoices are touched.",
        ),
    ),
    v.SETTLE_UNTIL: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Set invoices pai&d up to"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Yesterday, today or tomorrow: the date of the settlement bookings. “tomorrow” is "
            "accepted only when the chain options allow bookings in the future.",
        ),
    ),
    v.FILENAME_FILTER: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Fil&e name"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "A part of the file name, e.g. “payments”. Every file in the directory whose name "
            "contains it is fetched, so one run may import several files. With * or ? it is a "
            "pattern of the whole name, e.g. “*.sta”. Empty: every file.",
        ),
    ),
    v.INTERVAL_KIND: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Inter&val"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Hourly: every hour, or every x minutes (no run time). Daily: every day at the run "
            "time. Weekly: on the chosen weekdays at the run time. Day of the month: day 1 to "
            "28, or the last day of the month, at the run time. No run ever starts outside "
            "06:00 to 22:00, hourly runs included.",
        ),
    ),
    v.EVERY_MINUTES: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Ever&y"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm", "Hourly runs: every x minutes, from 5 to 720. 60 means every hour."
        ),
    ),
    v.RUN_TIME: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "R&un time"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Time of day of the run, only 06:00 to 22:00. Earlier or later is refused: "
            "maintenance runs then.",
        ),
    ),
    v.WEEKDAYS: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Da&ys"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm", "The weekdays on which the interface runs; at least one."
        ),
    ),
    v.DAY_OF_MONTH: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Da&y"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Day of the month, 1 to 28, or “last” for the last day of the month.",
        ),
    ),
    PROTOCOL: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "P&rotocol"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "FTP, FTPS with explicit TLS (after the greeting) or implicit TLS (from the first "
            "byte, mostly port 990; the server's certificate is checked either way) or SFTP "
            "(SSH).",
        ),
    ),
    v.FTP_HOST: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "FTP host na&me"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "The FTP server, provided by the branch or the tax advisor. Only the host name, "
            "without “ftp://”.",
        ),
    ),
    v.FTP_PORT: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Port"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Empty: the default port, 21 for FTP and FTPS (explicit), 990 for FTPS "
            "(implicit), 22 for SFTP.",
        ),
    ),
    v.FTP_DIRECTORY: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Directory"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Directory on the server. Empty: the root. It must end with “/”, e.g. "
            "ACCOUNTING/IMPORTS/.",
        ),
    ),
    DATE_SUBDIRECTORIES: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Date subdirectories"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "When on, files are also searched in date-named subdirectories of the directory "
            "(YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD) up to today, oldest first.",
        ),
    ),
    PASSIVE: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Passive mode"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Recommended: the program opens the data connections itself, which works through "
            "most firewalls. Not used for SFTP.",
        ),
    ),
    v.FTP_USER: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "User"),
        QT_TRANSLATE_NOOP("InterfaceForm", "Login name on the FTP server."),
    ),
    v.FTP_PASSWORD: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Pass&word"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Stored only in the operating system's keyring, never in the database or a file. "
            "Leave the field empty to keep the stored password.",
        ),
    ),
    PASSWORD_HOLDERS: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Saved on"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "The computers whose keyring holds the password. Only a computer with the "
            "current one runs the interface; “outdated” means it was changed elsewhere since: "
            "enter it there again.",
        ),
    ),
    v.ERROR_EMAIL: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "E-mail"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Optional. If a run fails, a report goes to this address: what failed, which file, "
            "which line, what was and was not booked. Never a password.",
        ),
    ),
    v.INVOICE_PATTERN: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Invoice number pa&ttern"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Optional; mostly left empty. Numbers such as RE-2025-0042 are found without it; "
            "a number of digits alone, e.g. 100234, only right after a word such as "
            "“Rechnung”, else it is just a possible match. What this regular expression "
            "finds, e.g. \\d{6}, counts as an invoice number (booked only when the ledger has "
            "that open invoice). Used only by MT940, camt.053 and DATEV posting batch.",
        ),
    ),
    OWN_GUARDS: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Own checks for open items"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "Open items and DATEV open items (OPOS) take every invoice missing from the file "
            "as paid, so a file is refused when it is empty, older than the last one, or would "
            "settle too many invoices. Unticked: the chain's checks apply (Administration → "
            "Chain options).",
        ),
    ),
    GUARD_REFUSE_EMPTY: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Refuse a file without data rows"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm", "An empty file would otherwise settle every open invoice."
        ),
    ),
    GUARD_REFUSE_OLDER: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Refuse a file older than the last one"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "An older list does not know what changed since its day: it would settle once "
            "more an invoice that is open again (a payment returned or reversed).",
        ),
    ),
    v.GUARD_MAX_SHARE: FieldText(
        QT_TRANSLATE_NOOP("InterfaceForm", "Settle &at most"),
        QT_TRANSLATE_NOOP(
            "InterfaceForm",
            "The largest share of the open invoices in scope that one file may settle; a "
            "file above it is refused and reported. Default 20 %.",
        ),
    ),
}
