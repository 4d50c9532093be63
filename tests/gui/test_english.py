"""English is English: with --lang en every window and dialog shows no German word that
bypassed the translation catalogue, plurals follow the number, and dates and amounts
have one style."""

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSettings

from desktop_app.domain.reason_texts import TEXTS as REASON_TEXTS
from desktop_app.domain.reason_texts import Reason
from desktop_app.domain.reason_texts import day as day_in_reason
from desktop_app.gui_runtime import build_main_window
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.catalog import Catalog
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.main_window import UnsavedChoice
from desktop_app.ui.money_text import date_text, money_text, qt_date_format, timestamp_text

from .conftest import TEST_HOST
from .english_texts import german_texts
from .helpers import wait_idle
from .users_support import FAST, admin, users  # noqa: F401 - fixtures by name


@pytest.fixture
def english(qapp):
    """The English user interface, as --lang en starts it."""
    from desktop_app.ui.translations import install_translators, remove_translators

    locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    translators = install_translators(qapp, "en")
    assert translators, "the English plural catalogue must load"
    yield
    remove_translators(qapp, translators)
    QLocale.setDefault(locale)


@pytest.fixture
def english_window(qtbot, english, db, admin, settings_file, sample_settings):
    """An administrator's window in English on names a German check cannot mistake."""
    catalog = Catalog(db)
    catalog.add_mandant("1")
    catalog.add_branch("North")
    repository = InterfaceRepository(db)
    # English data: the German examples of placeholders and hints would hide behind German
    # data that a check must allow.
    ftp = replace(sample_settings.ftp, host="ftp.adviser.example", directory="ACCOUNTING/IN/")
    english = sample_settings.with_changes(
        name="Payments", branch="North", mandants=("1",), filename_filter="receipts", ftp=ftp,
        error_email="accounts@north.example",
    )  # fmt: skip
    repository.save(english)
    editor = InterfaceEditor(repository, SecretStore(fail.Keyring()))
    session = UserSession.open(db, editor.secrets, admin, hasher=FAST)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(editor, settings, "en", host_name=TEST_HOST, session=session)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)  # the list is read in the background
    window.select_interface("Payments")
    wait_idle(qtbot)
    yield window
    wait_idle(qtbot)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
    window.deleteLater()


# Data the test made (names, addresses of the sample interface), not the program's words.
DATA = ("Payments", "North", "ftp.adviser.example", "ACCOUNTING/IN/", "filiale7",
        "accounts@north.example", "KASSE-01", "receipts")  # fmt: skip


def test_the_main_window_and_form_are_english(english_window):
    assert german_texts(english_window, DATA) == []


def test_a_failed_save_is_english(english_window, qtbot):
    form = english_window.form
    form.name_edit.clear()
    english_window.save()
    assert form.status_label.text() == "Not saved: 1 entry needs to be corrected."
    assert german_texts(english_window, DATA) == []


def test_an_interface_gone_is_said_in_english(english_window, qtbot):
    assert english_window.show_history("Gone meanwhile") is None
    said = english_window.statusBar().currentMessage()
    assert said == "There is no interface named 'Gone meanwhile'."
    assert german_texts(english_window, DATA) == []


def _admin_dialogs(window):
    admin = window.administration
    yield admin.open_users()
    yield admin.open_chain_options()
    yield admin.open_catalog()
    yield admin.open_audit_log()
    yield admin.open_workstation_branch()
    yield admin.change_own_password()
    yield window.open_smtp_dialog()
    yield window.open_settings()
    yield window.show_history("Payments")
    yield window.open_import_preview()
    yield window.open_invoices()
    yield window.open_cases()


def test_every_dialog_is_english(english_window, qtbot):
    hits = []
    for dialog in _admin_dialogs(english_window):
        wait_idle(qtbot)
        hits += german_texts(dialog, DATA)
        dialog.close()
    window = english_window
    window.show_shortcuts()
    hits += german_texts(window.shortcuts_dialog, DATA)
    assert hits == []


def test_the_password_and_user_name_rules_are_english(english_window, qtbot):
    from desktop_app.ui.new_user_dialog import NewUserDialog

    dialog = english_window.administration.change_own_password()
    dialog.current_edit.setText("whatever")
    dialog.passwords.password_edit.setText(" short")
    dialog.passwords.repeat_edit.setText(" short")
    dialog.accept()
    said = dialog.message_label.text()
    assert "at least" in said and "must not begin or end with a space" in said, said
    assert german_texts(dialog, DATA) == []
    dialog.close()

    new_user = NewUserDialog(lambda *_args: None, parent=english_window)
    new_user.accept()  # no name, no password
    said = new_user.message_label.text()
    assert said.startswith("Please enter a user name."), said
    assert german_texts(new_user, DATA) == []
    new_user.close()


def test_the_same_password_again_is_refused_in_english(english_window):
    dialog = english_window.administration.change_own_password()
    for edit in (dialog.current_edit, dialog.passwords.password_edit, dialog.passwords.repeat_edit):
        edit.setText("Same-Password-1")
    dialog.accept()
    assert dialog.message() == "The new password must differ from the current one."
    assert dialog.current_edit.text() == "Same-Password-1"
    dialog.close()


def test_a_taken_user_name_is_quoted_as_other_english_messages(english_window, qtbot):
    from desktop_app.ui.new_user_dialog import NewUserDialog

    session = english_window.session
    dialog = NewUserDialog(session.create_user, parent=english_window)
    for edit, text in (
        (dialog.name_edit, session.user_name),
        (dialog.passwords.password_edit, "Another-Password-1"),
        (dialog.passwords.repeat_edit, "Another-Password-1"),
    ):
        edit.setText(text)
    dialog.accept()
    wait_idle(qtbot)
    assert dialog.message() == f"The user “{session.user_name}” already exists."
    dialog.close()


def test_a_refused_password_says_the_rule_in_english(users):
    from desktop_app.domain.users import Group
    from desktop_app.store.user_errors import UserError

    with pytest.raises(UserError) as refused:
        users.create("erika", "kurz", Group.STAFF)
    assert "at least" in str(refused.value)  # the English text names the rule
    assert "mindestens" in refused.value.message_de


def test_plurals_follow_the_number(english):
    def tr(context: str, text: str, n: int) -> str:
        return QCoreApplication.translate(context, text, "", n)

    entry = "Not saved: %n entry needs to be corrected."
    assert tr("InterfaceForm", entry, 1) == "Not saved: 1 entry needs to be corrected."
    assert tr("InterfaceForm", entry, 4) == "Not saved: 4 entries need to be corrected."
    months = "additional month(s)"
    assert tr("ChainOptionsDialog", months, 1) == "additional month"
    assert tr("ChainOptionsDialog", months, 3) == "additional months"


def test_one_date_and_money_style_per_language(english):
    at, day = datetime(2026, 3, 14, 6, 30, tzinfo=UTC), date(2026, 3, 14)
    assert date_text(day) == "14/03/2026"
    assert money_text(Decimal("1610.3")) == "€1,610.30"
    assert timestamp_text(at, "de")[:10] == "14.03.2026"
    assert money_text(Decimal("1610.3"), "de") == "1.610,30 €"
    assert timestamp_text(at)[:10] == "14/03/2026"
    for lang in ("de", "en"):  # the date fields and the row reasons as the tables
        assert QDate(2026, 3, 14).toString(qt_date_format(lang)) == date_text(day, lang)
        assert day_in_reason(day, lang) == date_text(day, lang)


# Every sample has rows that book nothing (a storno, a look-alike number, a debit, an
# invoice paid already …) or, for Offene Posten, the checks' results and missing invoices.
@pytest.mark.parametrize(
    "name",
    ["offene_posten.csv", "datev_opos.csv", "geschlossene_posten.csv", "camt053.xml",
     "kontoauszug.sta", "datev_buchungsstapel.csv"],
)  # fmt: skip
def test_the_import_preview_of_a_file_is_english(english, qtbot, db, name):
    from desktop_app.jobs.file_import import LocalFileImport
    from desktop_app.ui.import_plan_model import REASON
    from desktop_app.ui.import_preview_dialog import ImportPreviewDialog

    from .ledger_samples import TODAY, fill_ledger, sample

    fill_ledger(db)
    dialog = ImportPreviewDialog(LocalFileImport(db), "en", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)
    dialog.load_file(sample(name))
    wait_idle(qtbot)
    dialog.set_mandants(["1"])
    dialog.preview()
    wait_idle(qtbot)
    model = dialog.model
    reasons = [model.index(row, REASON).data() for row in range(model.rowCount())]
    assert any(reasons), "the sample must have rows with a reason"
    data = ("Hörakustik Mitte", "Optik Nord", name, "Kontoführung")  # names in the files
    assert german_texts(dialog, data) == []


def test_the_language_is_chosen_in_the_program_for_the_next_start(window, settings_file):
    from desktop_app.language import start_language, stored_language

    dialog = window.open_settings()
    assert dialog.windowTitle() == "Einstellungen"
    assert "nächsten Programmstart" in dialog.note.text()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.ok_button.click()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored_language(settings) == "en"
    assert start_language(None, settings) == "en"
    assert start_language("de", settings) == "de"  # --lang wins
    assert window.statusBar().currentMessage().startswith("Gespeichert; die Sprache")


SAMPLE_PARAMS = {
    "file": "a.csv", "line": 6, "numbers": "RE-1, RE-2", "amount": Decimal("-2.4"),
    "surplus": Decimal("5"), "booked": Decimal("10"), "mandant": "2", "currency": "USD",
    "expected": "EUR", "total": 3, "in_file": Decimal("12"), "open": Decimal("10"),
    "invoice_date": date(2026, 3, 1), "booking_date": date(2026, 2, 1), "account": "1200",
    "contra": "8400", "customer": "10001", "chart": "03", "rows": 1,
    "file_date": date(2026, 3, 1), "last_date": date(2026, 3, 2), "settled": 1,
    "share": "33", "limit": "20", "count": 2, "items": Decimal("200"), "case": 7,
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(REASON_TEXTS))
def test_every_reason_has_an_english_text(code):
    """Every reason a settlement gives (rows, checks, refusals), as the preview, the
    history, the run dialog and the failure mail write it in English."""
    from .english_texts import german_in

    reason = Reason(code, tuple(sorted(SAMPLE_PARAMS.items())))
    assert german_in(reason.text("en")) is None, reason.text("en")
    assert reason.text("en") != reason.text("de")
    stored = Reason.from_json(reason.to_json())  # as the run history keeps it
    assert stored is not None and stored.text("en") == reason.text("en")


def _transfer_errors():
    import inspect

    from desktop_app.transfer import errors, file_errors, login_errors, smtp_errors

    samples = {"host": "sftp.example", "port": 22, "timeout": 10.0, "seconds": 4.5,
               "reply": "421 busy", "passive": True, "detail": "bad reply", "user": "filiale7",
               "fingerprint": "AB:CD", "trusted_fingerprint": "12:34", "key_type": "ssh-ed25519",
               "directory": "IMPORT/", "path": "IMPORT/a.csv", "expected": 2000,
               "received": 1000, "limit": 52428800, "written": 5, "read": 4, "name": "../x",
               "reason": "disk full", "address": "no-address", "found_ssh": True}  # fmt: skip
    kinds = {**vars(errors), **vars(login_errors), **vars(file_errors), **vars(smtp_errors)}
    for error_type in kinds.values():
        if isinstance(error_type, type) and issubclass(error_type, errors.TransferError):
            if error_type is errors.TransferError:
                continue
            parameters = inspect.signature(error_type).parameters.values()
            positional = [samples[p.name] for p in parameters if p.kind != p.KEYWORD_ONLY]
            required = {
                p.name: samples[p.name]
                for p in parameters
                if p.kind == p.KEYWORD_ONLY and p.default is p.empty
            }
            yield error_type(*positional, **required)
    yield login_errors.LoginFailed("sftp.example", "filiale7", no_password=True)
    yield errors.WrongProtocol("sftp.example", 22, found_ssh=False)


@pytest.mark.parametrize("error", list(_transfer_errors()), ids=lambda e: type(e).__name__)
def test_every_transfer_error_tells_people_in_english_what_to_do(error):
    """The FTP Test, the test mail, the history and the failure mail show ``message_en``:
    a sentence for people with the German text's advice, not the log's wording."""
    from .english_texts import german_in

    english, german = error.message_en, error.message_de
    assert german_in(english) is None, english
    assert english != german
    if _sentences(german) > 1:  # the German text gives advice: so does the English one
        assert english.lower() != str(error).lower().rstrip(".") + "."
        assert _sentences(english) >= _sentences(german), (english, german)


def _sentences(text: str) -> int:
    for abbreviation in ("z. B.", "bzw.", "e.g."):
        text = text.replace(abbreviation, "")
    return len([s for s in text.split(". ") if s.strip()])


def _store_errors():
    from desktop_app.store import db_errors, secrets
    from desktop_app.store.errors import ConcurrentChange

    where = db_errors.Where.file("C:/Daten/buchhaltung.sqlite3")
    yield db_errors.InvalidDatabaseUrl()
    yield db_errors.ForeignDatabase(where, "is a directory", "ist ein Verzeichnis, keine Datei")
    yield db_errors.NewerDatabase(where, "0099")
    yield db_errors.DamagedDatabase(where, "row 3 missing from index")
    yield db_errors.DatabaseUnavailable("postgresql://db-server/buchhaltung", "OperationalError")
    yield db_errors.ReadOnlyDatabase(where)
    yield db_errors.DatabaseBusy()
    yield ConcurrentChange("invoice RE-1")
    yield secrets.SecretStoreError("keyring failed during get: DBusException")
    yield secrets.KeyringUnavailable("no usable keyring backend")
    yield secrets.KeyringLocked("keyring locked during set")


@pytest.mark.parametrize("error", list(_store_errors()), ids=lambda e: type(e).__name__)
def test_every_database_and_keyring_error_tells_people_in_english_what_to_do(error):
    """A run, its history, the failure mail and the dialogs show ``message_en``: the
    German text's advice in English, not the log's wording."""
    from desktop_app.jobs.run_errors import of_error
    from desktop_app.ui.ops import error_text

    from .english_texts import german_in

    english, german = error.message_en, error.message_de
    assert german_in(english) is None, english
    assert english[:1].isupper(), english  # a sentence for people, not a log line
    if _sentences(german) > 1:  # the German text gives advice: so does the English one
        assert english != str(error)
        assert _sentences(english) >= _sentences(german), (english, german)
    assert error_text(error, "en") == english and error_text(error, "de") == german
    assert of_error(error).text("en") == english


def test_the_suggestions_say_why_in_english(english):
    from decimal import Decimal

    from PySide6.QtCore import Qt

    from desktop_app.domain.case_suggestions import rank, search_keys
    from desktop_app.ui.case_table_models import S_REASONS, SuggestionTableModel
    from tests.domain.test_case_suggestions import candidate

    paid_before = candidate("RE-2026-0042", "89.90", payer_paid=1)
    suggestions = rank([paid_before], search_keys("", "RE-2026-0042"), Decimal("89.90"))
    model = SuggestionTableModel("en")
    model.set_rows(suggestions)
    index = model.index(0, S_REASONS)
    shown = model.data(index, Qt.ItemDataRole.DisplayRole)
    assert "The open amount €89.90 equals the payment." in shown
    assert "The same account has paid this customer's invoices before." in shown
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == shown
    assert "Zahlung" not in shown and "Betrag" not in shown


def test_the_audit_view_writes_amounts_and_counts_as_english_does(qtbot, english_window):
    from .users_support import audit_entries_with_money

    view = english_window.administration.open_audit_log()
    qtbot.addWidget(view)
    texts = [view.describe(e) for e in audit_entries_with_money()]
    assert texts[0].endswith("3 bookings, €1,234.50")
    assert texts[1].endswith("1 booking, €9.90")
    assert texts[2].endswith("RE-1 (€89.90)")
    assert texts[3].endswith("invoice RE-2, €12.00")


def test_a_run_time_that_is_no_time_is_said_in_plain_english(english_window, qtbot):
    from desktop_app.domain import validation as v
    from desktop_app.domain.interface import IntervalKind

    from .helpers import choose, type_into

    form = english_window.form
    choose(form.interval_combo, IntervalKind.DAILY.value)
    form.run_time_edit.setFocus()
    type_into(qtbot, form.run_time_edit, "25")
    english_window.save()
    assert form.message_for(v.RUN_TIME) == "“25” is not a time of day; enter one such as 07:30."


def test_import_file_names_the_settlement_date_as_the_form_does(english_window, qtbot):
    from PySide6.QtWidgets import QLabel

    from desktop_app.domain import validation as v
    from desktop_app.ui.interface_form_texts import FIELD_TEXTS, tr_form

    dialog = english_window.open_import_preview()
    wait_idle(qtbot)
    in_form = tr_form(FIELD_TEXTS[v.SETTLE_UNTIL].label).replace("&", "")
    assert in_form == "Set invoices paid up to"
    assert f"{in_form}:" in [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    dialog.close()


def test_on_a_small_screen_the_english_list_gets_the_room_the_german_one_gets(
    qtbot, english, settings_file, no_keyring_editor, sample_settings
):
    """The split is measured when the window first shows: the English form is narrower
    then, which must not leave the list only its minimum beside a form that goes to one
    column anyway once an interface is shown."""
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.window_state import LIST_COMFORT_WIDTH

    no_keyring_editor.repository.save(sample_settings.with_changes(name="Payments"))
    window = MainWindow(None, QSettings(str(settings_file), QSettings.Format.IniFormat), "en")
    qtbot.addWidget(window)
    window.resize(1024, 740)
    window.show()
    qtbot.waitExposed(window)
    window.attach(no_keyring_editor)
    wait_idle(qtbot)
    list_width = window.splitter.sizes()[0]
    assert list_width >= LIST_COMFORT_WIDTH
    assert window.form.scroll_area.horizontalScrollBar().maximum() == 0
    view = window.panel.view
    assert view.horizontalScrollBar().maximum() == 0
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
