"""The Klärungsfälle view with suggestions, for docs/screenshots/cases.png.

    xvfb-run -a -s "-screen 0 1280x1024x24" .venv/bin/python -m tests.gui.make_cases_screenshot
    xvfb-run -a -s "-screen 0 1024x768x24" \
        .venv/bin/python -m tests.gui.make_cases_screenshot --small

``--small``: the view as it opens on a 1024×768 screen, for small-cases.png.

On a temporary SQLite ledger (tests/gui/case_samples.py): a bank statement's payments
that the import could not book in full, the first one chosen with its ranked invoices.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.jobs.case_desk import CaseActor, CaseDesk
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.ui import ops
from desktop_app.ui.cases_view import CasesView
from desktop_app.ui.translations import install_translators

from .case_samples import fill_cases

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def wait_idle() -> None:
    while ops.pending_count():
        QTest.qWait(20)
    QTest.qWait(300)  # let the view paint what arrived


def backdate(db: Database, case_ids: list[int], days: int) -> None:
    from sqlalchemy import update

    from desktop_app.store.case_models import CaseRow
    from desktop_app.store.models import utcnow

    with db.session() as s:
        s.execute(
            update(CaseRow)
            .where(CaseRow.id.in_(case_ids))
            .values(opened_at=utcnow() - timedelta(days=days))
        )


def main() -> int:
    small = "--small" in sys.argv
    name = "small-cases.png" if small else "cases.png"
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_file(APP_ICON))))
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    install_translators(app, "de")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(sqlite_url(Path(tmp) / "screenshot.sqlite3"))
        _, second, *older = fill_cases(db)
        backdate(db, older, days=19)  # received three weeks ago: overdue, drawn so
        view = CasesView(CaseDesk(db, CaseActor("chefin", None, True)), "de")
        if not small:  # else the size it takes on that screen by itself
            view.resize(1180, 760)
        view.show()
        wait_idle()
        view.select_case(second)
        wait_idle()
        view.detail.suggestion_table.setFocus()
        QTest.qWait(200)
        view.grab().save(str(OUT / name))
        view.close()
        db.dispose()
    print(f"saved {OUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
