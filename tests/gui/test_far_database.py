"""The main window on a far database: a real PostgreSQL behind a proxy that adds latency
to every packet. No statement the window needs runs on the GUI thread; a lost connection
shows a banner and the window comes back by itself when the database is there again."""

from __future__ import annotations

import threading

import pytest
from keyring.backends import fail
from sqlalchemy import event

from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore

from ..latency_proxy import proxied_postgres
from .helpers import type_into, wait_idle
from .ledger_samples import fill_ledger

DELAY = 0.02  # s each way
WAIT = 60_000  # ms


class GuiThreadWatch:
    """Every statement and every connection checkout (the pool's ping is a round trip
    too) of ``db``, by the thread it ran on."""

    def __init__(self, db: Database):
        self.on_gui_thread: list[str] = []
        self.elsewhere = 0
        event.listen(db.engine, "before_cursor_execute", self._statement)
        event.listen(db.engine.pool, "checkout", self._checkout)

    def _note(self, what: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(what)
        else:
            self.elsewhere += 1

    def _statement(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        self._note(statement.split("\n")[0][:80])

    def _checkout(self, *_args) -> None:
        self._note("connection checkout")


@pytest.fixture
def far(pg_url, sample_settings):
    """The database with a catalogue, interfaces and a ledger, reached through the proxy;
    the proxy itself (to cut the connection)."""
    near = Database(pg_url)
    catalog = Catalog(near)
    catalog.add_mandant("1")
    catalog.add_mandant("2")
    catalog.add_branch("Optik Nord")
    catalog.add_branch("Hörakustik Mitte")
    repository = InterfaceRepository(near)
    repository.save(sample_settings)
    repository.save(sample_settings.with_changes(name="Bank Mitte", workstation=None))
    fill_ledger(near)
    near.dispose()
    proxy, far_url = proxied_postgres(pg_url, DELAY)
    db = Database(far_url)
    yield db, proxy
    db.dispose()
    proxy.close()


@pytest.fixture
def open_window(qtbot, far, settings_file, german):
    """``open_window()``: the main window on the far database, shown at once; its list
    and first interface arrive later."""
    from PySide6.QtCore import QSettings

    from desktop_app.gui_runtime import build_main_window
    from desktop_app.ui.main_window import UnsavedChoice

    db, _proxy = far
    windows = []

    def make():
        editor = InterfaceEditor(InterfaceRepository(db), SecretStore(fail.Keyring()))
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = build_main_window(editor, settings, "de", host_name="KASSE-TEST")
        window.errors = []
        window.show_error = window.errors.append
        window.show()
        windows.append(window)
        return window

    yield make
    wait_idle(qtbot, WAIT)
    for window in windows:
        window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
        window.close()
        window.deleteLater()


def test_the_window_never_asks_the_database_on_its_own_thread(qtbot, far, open_window):
    db, _proxy = far
    watch = GuiThreadWatch(db)
    window = open_window()
    assert window.view.empty_hint() == "Die Schnittstellen werden geladen …"  # on its way
    wait_idle(qtbot, WAIT)
    assert window.visible_names() == ["Bank Mitte", "Zahlungen Steuerberater"]
    window.select_interface("Zahlungen Steuerberater")
    wait_idle(qtbot, WAIT)
    type_into(qtbot, window.form.filename_edit, "Zahlungen2")
    window.save()  # checked and written far away
    wait_idle(qtbot, WAIT)
    assert window.form.status_label.text() == "Gespeichert."
    history = window.show_history("Zahlungen Steuerberater")
    invoices = window.open_invoices()
    wait_idle(qtbot, WAIT)
    assert history.status_label.text() == "Diese Schnittstelle ist noch nicht gelaufen."
    assert "RE-2026-0001" in invoices.shown_numbers()
    window.reload_list()
    wait_idle(qtbot, WAIT)
    assert watch.elsewhere > 10  # it did read and write, on pool threads
    assert watch.on_gui_thread == []
    assert window.errors == []
    history.close()
    invoices.close()


def test_a_lost_connection_shows_a_banner_and_the_window_comes_back(qtbot, far, open_window):
    db, proxy = far
    window = open_window()
    wait_idle(qtbot, WAIT)
    assert window.banner.isHidden()
    watch = GuiThreadWatch(db)
    proxy.cut()  # the network is gone: every connection breaks, none can be made
    window.reload_list()
    qtbot.waitUntil(window.banner.isVisible, timeout=WAIT)
    text = window.banner.label.text()
    assert "Die Datenbank" in text and "ist nicht erreichbar" in text
    assert "Neuer Versuch in" in text
    assert window.visible_names() == ["Bank Mitte", "Zahlungen Steuerberater"]  # still shown
    proxy.restore()
    qtbot.waitUntil(window.banner.isHidden, timeout=WAIT)  # it tried again by itself
    assert window.statusBar().currentMessage() == "Die Datenbank ist wieder erreichbar."
    assert window.errors == []
    assert watch.on_gui_thread == []
