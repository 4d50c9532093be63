"""Why the interface list shows no next run for an interface: the scheduler's reason
(``Eligibility``) in words, with what to do where the user can do something here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..domain.eligibility import Eligibility
from ..tr_noop import QT_TRANSLATE_NOOP
from .money_text import date_text

if TYPE_CHECKING:
    from ..store.interfaces import StoredInterface

CONTEXT = "NextRunTexts"

INACTIVE = QT_TRANSLATE_NOOP("NextRunTexts", "Inactive: it does not run on schedule.")
NOT_RELEASED = QT_TRANSLATE_NOOP("NextRunTexts", "Does not run before its start date, {date}.")
OTHER_COMPUTER = QT_TRANSLATE_NOOP(
    "NextRunTexts", "Runs only on the computer “{name}”, not on this computer."
)
OTHER_BRANCH = QT_TRANSLATE_NOOP(
    "NextRunTexts",
    "Runs only on computers of the branch “{branch}”, and this computer does not belong to "
    "it (Administration → Branch of this computer).",
)
# Another computer runs it: entering the password here would make that one's outdated.
HELD_ELSEWHERE = QT_TRANSLATE_NOOP(
    "NextRunTexts", "Does not run here: the current password is held only by {names}."
)
PASSWORD_MISSING = QT_TRANSLATE_NOOP(
    "NextRunTexts",
    "Does not run here: the password is not stored on this computer. Enter it here in the form.",
)
PASSWORD_OUTDATED = QT_TRANSLATE_NOOP(
    "NextRunTexts",
    "Does not run here: the password on this computer is outdated. Enter the current one "
    "here in the form.",
)
PASSWORD_UNCONFIRMED = QT_TRANSLATE_NOOP(
    "NextRunTexts",
    "Does not run here: this computer's keyring does not hold the password saved before "
    "this version. It runs on the first computer that finds it in its keyring.",
)

# Bound to this computer: no other one takes the password over, so it runs nowhere.
PASSWORD_UNCONFIRMED_BOUND = QT_TRANSLATE_NOOP(
    "NextRunTexts",
    "Does not run here: this computer's keyring does not hold the password saved before "
    "this version. Enter it here in the form.",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def no_next_run_text(reason: Eligibility, stored: StoredInterface, lang: str) -> str:
    """One sentence: why ``stored`` has no next run on this computer."""
    settings = stored.settings
    if reason is Eligibility.DISABLED:
        return _tr(INACTIVE)
    if reason is Eligibility.NOT_RELEASED:
        start = settings.start_date
        return _tr(NOT_RELEASED).format(date=date_text(start, lang) if start else "")
    if reason is Eligibility.OTHER_COMPUTER:
        return _tr(OTHER_COMPUTER).format(name=(settings.workstation or "").strip())
    if reason is Eligibility.OTHER_BRANCH:
        return _tr(OTHER_BRANCH).format(branch=(settings.branch or "").strip())
    coverage = stored.password_coverage
    holders = coverage.current_holders()
    if holders and not coverage.nobody_can_run(settings.workstation):
        return _tr(HELD_ELSEWHERE).format(names=", ".join(holders))
    if reason is Eligibility.PASSWORD_UNCONFIRMED and (settings.workstation or "").strip():
        return _tr(PASSWORD_UNCONFIRMED_BOUND)
    return _tr(
        {
            Eligibility.PASSWORD_MISSING: PASSWORD_MISSING,
            Eligibility.PASSWORD_OUTDATED: PASSWORD_OUTDATED,
            Eligibility.PASSWORD_UNCONFIRMED: PASSWORD_UNCONFIRMED,
        }[reason]
    )
