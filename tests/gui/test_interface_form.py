"""The form: every field, every rule's message next to its field, save and reopen."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QWidget

from desktop_app.domain import validation as v
from desktop_app.domain.interface import (
    LAST_DAY,
    ChainOptions,
    FtpSettings,
    ImportFormat,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
    Weekday,
)
from desktop_app.ui.interface_form_texts import without_mnemonic

from .conftest import TEST_HOST
from .helpers import choose, fill_form, type_into, wait_idle

MANUAL_LABELS = [
    "Filiale",
    "Rechner",
    "Verwendung",
    "Start",
    "Importart",
    "Mandant",
    "Rechnungen bezahlt setzen bis zum",
    "Dateiname",
    "Ausführungszeit",
    "Intervall",
    "FTP Hostname",
    "Port",
    "Verzeichnis",
    "Benutzer",
    "Passwort",
    "E-Mail",
]


def _label_texts(widget: QWidget) -> list[str]:
    # A wrapped label is still one text; compare it with single spaces, as read (no "&"),
    # without the mark of a required field.
    return [
        " ".join(without_mnemonic(label.text()).split()).removesuffix(" *").removesuffix(":")
        for label in widget.findChildren(QLabel)
    ]


def test_labels_groups_and_checkboxes_are_the_manuals(window):
    form = window.form
    labels = _label_texts(form)
    for text in MANUAL_LABELS:
        assert text in labels, text
    groups = {g.title() for g in form.findChildren(QGroupBox)}
    assert groups == {
        "Konfiguration",
        "Ausführungsdetails",
        "E-Mail-Adresse für Fehlerbericht",
        "Rechnungsnummern und Prüfungen",  # issue 13: pattern and Offene-Posten checks
    }
    checks = {c.text() for c in form.findChildren(QCheckBox)}
    assert {"Aktiv", "An einen Arbeitsplatz gebunden", "Datums-Unterverzeichnisse"} <= checks
    assert form.usage_label.text() == "Serverseitig"
    intervals = [form.interval_combo.itemText(i) for i in range(form.interval_combo.count())]
    assert intervals == ["Stündlich", "Täglich", "Wöchentlich an folgenden Tagen", "Tag des Monats"]
    formats = [form.format_combo.itemText(i) for i in range(form.format_combo.count())]
    assert formats == [f.label_de for f in ImportFormat]
    settle = [form.settle_combo.itemText(i) for i in range(form.settle_combo.count())]
    assert settle == ["gestern", "heute", "morgen"]
    protocols = [form.protocol_combo.itemText(i) for i in range(form.protocol_combo.count())]
    assert protocols == ["FTP", "FTPS (explizit, TLS)", "FTPS (implizit, Port 990)", "SFTP"]


def test_german_examples_stay_german(window):
    """The examples in the fields come from the catalogue: German keeps its own."""
    form = window.form
    shown = {
        edit: edit.placeholderText()
        for edit in (form.filename_edit, form.host_edit, form.directory_edit, form.email_edit)
    }
    assert list(shown.values()) == [
        "z. B. Zahlungen", "ftp.steuerberater.de", "BUCHHALTUNG/IMPORTE/", "buchhaltung@filiale.de",
    ]  # fmt: skip
    hint = window.form.field_box(v.FTP_DIRECTORY).message.text()
    assert "z. B. BUCHHALTUNG/IMPORTE/" in hint


def test_every_label_is_bound_to_its_field_and_explains_it(window):
    for label in window.form.findChildren(QLabel):
        if label.objectName() in (
            "fieldMessage",
            "setupHint",
            "requiredLegend",
            "formStatus",
            "formTitle",
            "passwordState",
        ):
            continue
        if label in (window.form.usage_label, window.form.password_holders_label):
            continue  # values the form shows, not labels
        form = window.form
        if form.ftp_test.isAncestorOf(label) or label is form.email_test.status_label:
            continue  # what the Test buttons report, not a field's label
        assert label.buddy() is not None, label.text()
        assert label.toolTip(), label.text()
        assert label.buddy().toolTip() == label.toolTip(), label.text()
    for check in window.form.findChildren(QCheckBox):
        if check.parent() is window.form.weekday_frame or check is window.form.start_edit.check:
            continue
        assert check.toolTip(), check.text()


def test_tab_order_follows_the_form(window):
    form = window.form
    expected = [
        form.name_edit,
        form.enabled_check,
        form.branch_combo,
        form.workstation_check,
        form.start_edit.check,
        form.format_combo,
        form.mandant_list,
        form.settle_combo,
        form.filename_edit,
        form.interval_combo,
        form.run_time_edit,
        form.protocol_combo,
        form.host_edit,
        form.port_edit,
        form.directory_edit,
        form.date_subdirectories_check,
        form.passive_check,
        form.user_edit,
        form.password_field.line_edit(),
        form.email_edit,
    ]
    seen = []
    widget = form.name_edit
    for _ in range(200):
        if (
            widget.isVisibleTo(form)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget in expected
            and widget not in seen
        ):
            seen.append(widget)
        widget = widget.nextInFocusChain()
    assert seen == expected


INTERVALS = {
    "hourly-every-30": (Interval(IntervalKind.HOURLY, every_minutes=30), None),
    "daily": (Interval(IntervalKind.DAILY), time(6, 0)),
    "weekly": (
        Interval(IntervalKind.WEEKLY, weekdays=frozenset({Weekday.MON, Weekday.THU})),
        time(7, 30),
    ),
    "monthly-15": (Interval(IntervalKind.MONTHLY, day_of_month=15), time(22, 0)),
    "monthly-last": (Interval(IntervalKind.MONTHLY, day_of_month=LAST_DAY), time(12, 5)),
}


@pytest.mark.parametrize("interval_id", INTERVALS)
def test_fill_every_field_save_reopen_same_values(
    qtbot, make_window, no_keyring_editor, repository, sample_settings, interval_id
):
    interval, run_time = INTERVALS[interval_id]
    expected = sample_settings.with_changes(
        interval=interval,
        run_time=run_time,
        ftp=FtpSettings(
            protocol=Protocol.SFTP,
            host="sftp.steuerberater.example",
            port=2222,
            directory="BUCHHALTUNG/IMPORTE/",
            date_subdirectories=True,
            user="filiale7",
            passive=False,
        ),
    )
    window = make_window(no_keyring_editor)
    window.new_interface()
    fill_form(qtbot, window.form, expected)
    assert window.form.settings() == expected
    assert window.form.is_dirty()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)

    assert window.form.message_for(v.NAME) == ""
    assert repository.get(expected.name).settings == expected
    assert not window.form.is_dirty()
    assert window.form.status_label.text() == "Gespeichert."

    window.close()
    reopened = make_window(no_keyring_editor)
    reopened.select_interface(expected.name)
    assert reopened.form.original_name == expected.name
    assert reopened.form.settings() == expected
    assert reopened.form.name_edit.text() == expected.name
    assert reopened.form.branch_combo.currentText() == "Optik Nord"
    assert reopened.form.workstation_edit.text() == "KASSE-01"
    assert reopened.form.start_edit.edit.text() == "01.12.2026"
    assert reopened.form.mandant_list.checked() == ("1", "2")
    assert not reopened.form.is_dirty()


def _valid(sample_settings):
    return sample_settings.with_changes(workstation=None, branch=None)


# Each rule: how to break a valid form, the field whose message must say so, and a part of
# that message (the domain's German text).
RULES = {
    "time-05:00": (
        lambda qtbot, f: f.run_time_edit.setTime(QTime(5, 0)),
        v.RUN_TIME,
        "zwischen 06:00 und 22:00",
    ),
    "time-22:30": (
        lambda qtbot, f: f.run_time_edit.setTime(QTime(22, 30)),
        v.RUN_TIME,
        "zwischen 06:00 und 22:00",
    ),
    "weekly-without-days": (
        lambda qtbot, f: [c.setChecked(False) for c in f.weekday_checks.values()],
        v.WEEKDAYS,
        "mindestens einen Wochentag",
    ),
    "directory-without-slash": (
        lambda qtbot, f: type_into(qtbot, f.directory_edit, "BUCHHALTUNG/IMPORTE"),
        v.FTP_DIRECTORY,
        "muss mit „/“ enden",
    ),
    "directory-backslash": (
        lambda qtbot, f: type_into(qtbot, f.directory_edit, "BUCHHALTUNG\\IMPORTE/"),
        v.FTP_DIRECTORY,
        "Rückwärtsschrägstrich",
    ),
    "port-0": (
        lambda qtbot, f: type_into(qtbot, f.port_edit, "0"),
        v.FTP_PORT,
        "zwischen 1 und 65535",
    ),
    "port-65536": (
        lambda qtbot, f: type_into(qtbot, f.port_edit, "65536"),
        v.FTP_PORT,
        "zwischen 1 und 65535",
    ),
    "bad-email": (
        lambda qtbot, f: type_into(qtbot, f.email_edit, "buchhaltung(at)filiale"),
        v.ERROR_EMAIL,
        "keine gültige E-Mail-Adresse",
    ),
    "missing-name": (
        lambda qtbot, f: type_into(qtbot, f.name_edit, ""),
        v.NAME,
        "Bitte einen Namen",
    ),
    "missing-import-format": (
        lambda qtbot, f: choose(f.format_combo, None),
        v.IMPORT_FORMAT,
        "Bitte eine Importart wählen",
    ),
    "missing-mandant": (
        lambda qtbot, f: f.mandant_list.set_checked([]),
        v.MANDANTS,
        "mindestens einen Mandanten",
    ),
    "missing-host": (
        lambda qtbot, f: type_into(qtbot, f.host_edit, ""),
        v.FTP_HOST,
        "Bitte den FTP-Hostnamen",
    ),
    "host-with-ftp-scheme": (
        lambda qtbot, f: type_into(qtbot, f.host_edit, "ftp://ftp.steuerberater.example"),
        v.FTP_HOST,
        "ohne „ftp://“",
    ),
    "host-invalid": (
        lambda qtbot, f: type_into(qtbot, f.host_edit, "ftp server"),
        v.FTP_HOST,
        "kein gültiger Hostname",
    ),
    "missing-user": (
        lambda qtbot, f: type_into(qtbot, f.user_edit, ""),
        v.FTP_USER,
        "Benutzernamen",
    ),
    "tomorrow-without-chain-option": (
        lambda qtbot, f: choose(f.settle_combo, SettleUntil.TOMORROW.value),
        v.SETTLE_UNTIL,
        "„morgen“ ist nicht erlaubt",
    ),
    "filename-with-directory": (
        lambda qtbot, f: type_into(qtbot, f.filename_edit, "IMPORTE/Zahlungen"),
        v.FILENAME_FILTER,
        "ohne Verzeichnis",
    ),
    # Pasted text keeps what cannot be typed: a line break, a bidi override.
    "name-with-line-break": (
        lambda qtbot, f: f.name_edit.setText("Zahlungen\nNord"),
        v.NAME,
        "Steuerzeichen (U+000A, Zeilenumbruch)",
    ),
    "user-with-carriage-return": (
        lambda qtbot, f: f.user_edit.setText("filiale7\r\nDELE x"),
        v.FTP_USER,
        "Steuerzeichen (U+000D, Wagenrücklauf)",
    ),
    "filter-with-bidi-override": (
        lambda qtbot, f: f.filename_edit.setText("Zahl\u202eungen"),
        v.FILENAME_FILTER,
        "U+202E",
    ),
    "filter-too-long": (
        lambda qtbot, f: f.filename_edit.setText("x" * 300),
        v.FILENAME_FILTER,
        "Höchstens 255 Zeichen erlaubt (eingegeben: 300)",
    ),
    "computer-with-spaces": (
        lambda qtbot, f: (
            f.workstation_check.setChecked(True),
            type_into(qtbot, f.workstation_edit, " KASSE-01"),
        ),
        v.WORKSTATION,
        "Leerzeichen",
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_shows_its_message_next_to_its_field(
    qtbot, window, repository, sample_settings, rule
):
    breaks, field, message = RULES[rule]
    form = window.form
    window.new_interface()
    fill_form(qtbot, form, _valid(sample_settings))
    breaks(qtbot, form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    assert message in form.message_for(field)
    box = form.field_box(field)
    assert box.message.isVisibleTo(form)
    assert box.is_marked()
    # Only the broken field complains.
    others = [k for k in (v.NAME, v.FTP_HOST, v.RUN_TIME, v.ERROR_EMAIL) if k != field]
    assert all(form.message_for(k) == "" for k in others)
    assert "Nicht gespeichert: 1 Eingabe muss korrigiert werden." in form.status_label.text()
    assert repository.names() == []
    assert form.is_dirty()


def test_duplicate_name_is_refused_next_to_the_name(qtbot, window, repository, sample_settings):
    repository.save(_valid(sample_settings))
    window.new_interface()
    fill_form(qtbot, window.form, _valid(sample_settings))
    window.save()
    wait_idle(qtbot)  # other names are the database's: the save checks them
    assert "gibt es bereits" in window.form.message_for(v.NAME)
    assert repository.names() == [sample_settings.name]


def test_tomorrow_is_accepted_when_the_chain_allows_future_bookings(
    qtbot, window, repository, catalog, sample_settings
):
    catalog.set_chain_options(ChainOptions(future_booking_months=1))
    window.new_interface()
    settings = _valid(sample_settings).with_changes(settle_until=SettleUntil.TOMORROW)
    fill_form(qtbot, window.form, settings)
    window.save()
    wait_idle(qtbot)
    assert repository.get(settings.name).settings.settle_until is SettleUntil.TOMORROW


def test_all_problems_at_once_and_focus_on_the_first(qtbot, window, repository):
    form = window.form
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    type_into(qtbot, form.name_edit, "Nur ein Name")
    window.save()
    for field in (v.IMPORT_FORMAT, v.MANDANTS, v.FTP_HOST, v.FTP_USER):
        assert form.message_for(field), field
    assert form.message_for(v.NAME) == ""
    assert "4 Eingaben müssen korrigiert werden" in form.status_label.text()
    qtbot.waitUntil(form.format_combo.hasFocus)
    assert repository.names() == []


def test_rules_the_widgets_cannot_break_still_show_next_to_their_field(
    window, repository, sample_settings
):
    """Minutes and day of month are bounded by their spin boxes; the domain's rule for
    them is shown next to the same widgets when it comes from elsewhere (the model)."""
    form = window.form
    assert (form.every_spin.minimum(), form.every_spin.maximum()) == (5, 720)
    assert (form.day_spin.minimum(), form.day_spin.maximum()) == (1, 28)

    hourly = sample_settings.with_changes(interval=Interval(IntervalKind.HOURLY, every_minutes=3))
    form.show_problems(repository.problems(hourly))
    assert "zwischen 5 und 720 Minuten" in form.message_for(v.EVERY_MINUTES)

    monthly = sample_settings.with_changes(interval=Interval(IntervalKind.MONTHLY, day_of_month=31))
    form.show_problems(repository.problems(monthly))
    assert "zwischen 1 und 28" in form.message_for(v.DAY_OF_MONTH)
    assert form.message_for(v.EVERY_MINUTES) == ""  # a new check clears the old messages


def test_editing_a_field_clears_its_message(qtbot, window):
    form = window.form
    type_into(qtbot, form.name_edit, "X")
    window.save()
    assert form.message_for(v.FTP_HOST)
    type_into(qtbot, form.host_edit, "ftp.example.de")
    assert form.message_for(v.FTP_HOST) == ""
    assert not form.field_box(v.FTP_HOST).is_marked()
    assert form.message_for(v.FTP_USER)  # untouched fields keep theirs


def test_directory_without_slash_says_so_at_once_and_offers_to_append_it(qtbot, window):
    form = window.form
    assert not form.append_slash_button.isVisibleTo(form)
    type_into(qtbot, form.directory_edit, "BUCHHALTUNG/IMPORTE")
    assert "muss mit „/“ enden" in form.message_for(v.FTP_DIRECTORY)
    assert form.append_slash_button.isVisibleTo(form)
    assert form.append_slash_button.text() == "„/“ anhängen"

    qtbot.mouseClick(form.append_slash_button, Qt.MouseButton.LeftButton)
    assert form.directory_edit.text() == "BUCHHALTUNG/IMPORTE/"
    assert form.message_for(v.FTP_DIRECTORY) == ""
    assert not form.append_slash_button.isVisibleTo(form)


@pytest.mark.parametrize(
    ("kind", "visible"),
    [
        (IntervalKind.HOURLY, {"every"}),
        (IntervalKind.DAILY, {"time"}),
        (IntervalKind.WEEKLY, {"time", "days"}),
        (IntervalKind.MONTHLY, {"time", "day"}),
    ],
)
def test_fields_that_do_not_apply_are_hidden_and_disabled(window, kind, visible):
    form = window.form
    choose(form.interval_combo, kind.value)
    widgets = {
        "every": form.every_spin,
        "time": form.run_time_edit,
        "days": form.weekday_frame,
        "day": form.day_spin,
    }
    labels = {label.buddy(): label for label in form.findChildren(QLabel) if label.buddy()}
    for name, widget in widgets.items():
        applies = name in visible
        assert widget.isVisibleTo(form) is applies, name
        assert widget.isEnabledTo(form) is applies, name
        # The weekdays' label goes to Monday: their frame takes no focus.
        buddy = form.weekday_checks[Weekday.MON] if name == "days" else widget
        assert labels[buddy].isVisibleTo(form) is applies, name


def test_last_day_of_month_disables_the_day(window):
    form = window.form
    choose(form.interval_combo, IntervalKind.MONTHLY.value)
    assert form.day_spin.isEnabled()
    form.last_day_check.setChecked(True)
    assert not form.day_spin.isEnabled()
    assert form.settings().interval.day_of_month == LAST_DAY


def test_computer_defaults_to_this_computer_when_bound_to_a_workstation(window):
    form = window.form
    assert not form.workstation_check.isChecked()
    assert not form.workstation_edit.isEnabled()
    assert form.settings().workstation is None
    form.workstation_check.setChecked(True)
    assert form.workstation_edit.isEnabled()
    assert form.workstation_edit.text() == TEST_HOST
    assert form.settings().workstation == TEST_HOST
    form.workstation_check.setChecked(False)
    assert form.workstation_edit.text() == ""
    assert not form.workstation_edit.isEnabled()


def test_host_name_default_is_the_real_one(qapp, german):
    from PySide6.QtCore import QSysInfo

    from desktop_app.ui.interface_form import InterfaceForm

    form = InterfaceForm("de")
    form.workstation_check.setChecked(True)
    assert form.workstation_edit.text() == QSysInfo.machineHostName()
    form.deleteLater()


def test_port_default_follows_the_protocol_and_passive_mode_is_ftp_only(window):
    form = window.form
    assert form.port_edit.placeholderText() == "21"
    assert form.passive_check.isChecked()  # passive by default
    choose(form.protocol_combo, Protocol.SFTP.value)
    assert form.port_edit.placeholderText() == "22"
    assert not form.passive_check.isEnabled()
    choose(form.protocol_combo, Protocol.FTPS.value)
    assert form.port_edit.placeholderText() == "21"
    assert form.passive_check.isEnabled()
    assert form.settings().ftp.port is None


def test_implicit_ftps_is_offered_with_port_990_by_default(window):
    form = window.form
    choose(form.protocol_combo, Protocol.FTPS_IMPLICIT.value)
    assert form.protocol_combo.currentText() == "FTPS (implizit, Port 990)"
    assert form.port_edit.placeholderText() == "990"
    assert form.passive_check.isEnabled()
    ftp = form.settings().ftp
    assert ftp.protocol is Protocol.FTPS_IMPLICIT and ftp.effective_port == 990


def test_start_date_is_optional_and_german(window):
    form = window.form
    assert form.settings().start_date is None
    assert not form.start_edit.edit.isEnabled()
    form.start_edit.check.setChecked(True)
    form.start_edit.edit.setDate(form.start_edit.edit.date().fromString("24.12.2026", "dd.MM.yyyy"))
    assert form.start_edit.edit.displayFormat() == "dd.MM.yyyy"
    assert form.settings().start_date == date(2026, 12, 24)


def test_new_form_is_clean_and_discard_restores(qtbot, window, repository, sample_settings):
    repository.save(_valid(sample_settings))
    window.reload_list()
    wait_idle(qtbot)
    window.select_interface(sample_settings.name)
    form = window.form
    assert not form.is_dirty()
    assert not form.save_button.isEnabled()
    assert not form.discard_button.isEnabled()
    type_into(qtbot, form.filename_edit, "Anders")
    assert form.is_dirty()
    assert form.save_button.isEnabled()
    assert window.isWindowModified()
    qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)
    assert form.filename_edit.text() == "Zahlungen"
    assert not form.is_dirty()
    assert not window.isWindowModified()
    # Changing a value back by hand is not a change either.
    type_into(qtbot, form.filename_edit, "Anders")
    type_into(qtbot, form.filename_edit, "Zahlungen")
    assert not form.is_dirty()


def test_english_user_interface(qtbot, no_keyring_editor, settings_file):
    """Without a translator (an English locale) the source strings show."""
    from PySide6.QtCore import QSettings

    from desktop_app.gui_runtime import build_main_window

    window = build_main_window(
        no_keyring_editor, QSettings(str(settings_file), QSettings.Format.IniFormat), "en"
    )
    qtbot.addWidget(window)
    labels = _label_texts(window.form)
    assert {"Import type", "Set invoices paid up to", "FTP host name"} <= set(labels)
    formats = [window.form.format_combo.itemText(i) for i in range(6)]
    assert formats == [f.label_en for f in ImportFormat]
    assert window.windowTitle() == "Search interfaces[*]"


def test_open_item_checks_save_and_reopen(
    qtbot, make_window, no_keyring_editor, repository, sample_settings
):
    from desktop_app.domain.interface import OpenItemGuards

    window = make_window(no_keyring_editor)
    window.new_interface()
    form = window.form
    fill_form(qtbot, form, sample_settings)  # Geschlossene Posten: no checks to set
    assert not form.field_box(v.GUARD_MAX_SHARE).isVisibleTo(form)
    choose(form.format_combo, ImportFormat.OPEN_ITEMS.value)
    assert form.field_box(v.GUARD_MAX_SHARE).isVisibleTo(form)
    # Without checks of its own, the chain's are shown and cannot be edited.
    assert not form.own_guards_check.isChecked() and not form.guards.share_spin.isEnabled()
    form.own_guards_check.setChecked(True)
    form.guards.share_spin.setValue(35)
    form.guards.refuse_older.setChecked(False)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    stored = repository.get(sample_settings.name).settings
    assert stored.open_item_guards == OpenItemGuards(True, False, 35)
    window.close()
    reopened = make_window(no_keyring_editor)
    reopened.select_interface(sample_settings.name)
    assert reopened.form.guards.share_spin.value() == 35
    assert reopened.form.settings() == stored


def test_invoice_pattern_only_for_formats_that_search_payment_texts(
    qtbot, make_window, no_keyring_editor, repository, sample_settings
):
    """The pattern is searched in the texts of MT940, camt.053 and the DATEV posting
    batch only; elsewhere its field is hidden, and the whole group where nothing is left."""
    window = make_window(no_keyring_editor)
    window.new_interface()
    form = window.form
    box = form.field_box(v.INVOICE_PATTERN)
    assert not form.matching_group.isVisibleTo(form)  # no Importart chosen yet
    fill_form(qtbot, form, sample_settings)
    shown = {}
    for fmt in ImportFormat:
        choose(form.format_combo, fmt.value)
        shown[fmt] = (box.isVisibleTo(form), box.isEnabled(), form.matching_group.isVisibleTo(form))
    searched = {ImportFormat.MT940, ImportFormat.CAMT053, ImportFormat.DATEV_EXTF}
    with_checks = {ImportFormat.OPEN_ITEMS, ImportFormat.DATEV_OPOS}
    assert shown == {
        fmt: (fmt in searched, fmt in searched, fmt in searched | with_checks)
        for fmt in ImportFormat
    }
    choose(form.format_combo, ImportFormat.MT940.value)
    type_into(qtbot, form.pattern_edit, "AR-(\\d+")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert "kein gültiger regulärer Ausdruck" in form.message_for(v.INVOICE_PATTERN)
    assert form.message_for(v.INVOICE_PATTERN).endswith("z. B. „\\d{6}“.")
    assert repository.names() == []
    type_into(qtbot, form.pattern_edit, "AR-\\d{6}")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert repository.get(sample_settings.name).settings.invoice_pattern == "AR-\\d{6}"
    # Another Importart: a pattern there would do nothing, and a bad one, hidden, must
    # not stop the save; it is dropped.
    type_into(qtbot, form.pattern_edit, "AR-(\\d+")
    choose(form.format_combo, ImportFormat.OPEN_ITEMS.value)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    stored = repository.get(sample_settings.name).settings
    assert (stored.import_format, stored.invoice_pattern) == (ImportFormat.OPEN_ITEMS, "")
    assert not form.is_dirty()


def test_saving_says_when_the_importart_drops_a_typed_pattern(
    qtbot, make_window, no_keyring_editor, repository, sample_settings
):
    """A pattern typed for MT940, then another Importart chosen: the save goes through
    (the hidden pattern, even a bad one, stops nothing) and says the pattern is gone."""
    window = make_window(no_keyring_editor)
    window.new_interface()
    form = window.form
    fill_form(qtbot, form, sample_settings)
    choose(form.format_combo, ImportFormat.MT940.value)
    type_into(qtbot, form.pattern_edit, "AR-(\\d+")
    choose(form.format_combo, ImportFormat.CLOSED_ITEMS.value)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert repository.get(sample_settings.name).settings.invoice_pattern == ""
    assert form.status_label.text() == (
        "Gespeichert. Das Muster der Rechnungsnummer wird für „Geschlossene Posten“ nicht "
        "verwendet und wurde nicht gespeichert."
    )
    assert not form.status_label.property("error")
    # Nothing dropped, nothing said: the form shows what was stored, without the pattern.
    assert form.pattern_edit.text() == ""
    type_into(qtbot, form.filename_edit, "Zahlungen_Nord")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert form.status_label.text() == "Gespeichert."


def test_the_form_reads_a_hidden_pattern_as_saving_stores_it(
    qtbot, make_window, no_keyring_editor, repository, sample_settings
):
    """The form reads what saving stores: the pattern of an Importart without payment
    texts is left out, so a pattern typed for MT940 and then made unused is no change."""
    window = make_window(no_keyring_editor)
    window.new_interface()
    form = window.form
    fill_form(qtbot, form, sample_settings)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    stored = repository.get(sample_settings.name).settings
    assert (stored.import_format, form.settings()) == (ImportFormat.CLOSED_ITEMS, stored)
    choose(form.format_combo, ImportFormat.MT940.value)
    type_into(qtbot, form.pattern_edit, " AR-\\d{6} ")
    assert form.settings().invoice_pattern == "AR-\\d{6}"
    choose(form.format_combo, ImportFormat.CLOSED_ITEMS.value)
    assert (form.settings(), form.is_dirty()) == (stored, False)
    assert form.pattern_not_kept_note() == (
        "Das Muster der Rechnungsnummer wird für „Geschlossene Posten“ nicht verwendet und "
        "wurde nicht gespeichert."
    )


def test_a_pasted_password_with_a_line_break_is_refused_next_to_it(
    qtbot, window, repository, sample_settings
):
    form = window.form
    window.new_interface()
    fill_form(qtbot, form, _valid(sample_settings))
    form.password_field.line_edit().setText("geheim\r\nDELE Zahlungen.csv")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert "Steuerzeichen (U+000D, Wagenrücklauf)" in form.message_for(v.FTP_PASSWORD)
    assert repository.names() == []
