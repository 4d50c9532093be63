"""The failure e-mail: German, complete, timezone-aware, and free of secrets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from desktop_app.transfer.listing import SkipReason
from desktop_app.transfer.login_errors import LoginFailed
from desktop_app.transfer.report import (
    FileReport,
    NotBooked,
    RunReport,
    SkippedReport,
    compose_failure_mail,
    mask_secrets,
)

SECRET = "Sommer2024!geheim"
BERLIN = ZoneInfo("Europe/Berlin")


def sample_report(**changes: object) -> RunReport:
    report = RunReport(
        interface_name="Zahlungen Steuerberater",
        started_at=datetime(2024, 1, 15, 9, 30, 5, tzinfo=UTC),
        failure="Die Datei Zahlungen_2.csv konnte nicht gelesen werden.",
        host="ftp.steuerberater.example",
        directory="BUCHHALTUNG/IMPORTE/",
        branch="Optik Nord",
        files=(
            FileReport(
                name="Zahlungen_1.csv", rows=3, booked=3, booked_amount=Decimal("1234.5"),
                committed=True, deleted_on_server=True,
            ),
            FileReport(
                name="Zahlungen_2.csv", rows=40, booked=0, committed=False,
                error="Betrag „12,3x“ ist keine Zahl", error_line=17,
                not_booked=(
                    NotBooked(line=17, reason="Betrag ungültig", invoice="R-1001"),
                    NotBooked(line=18, reason="Rechnung unbekannt", invoice="R-9999",
                              amount=Decimal("50")),
                ),
            ),
        ),
    )  # fmt: skip
    return RunReport(**{**report.__dict__, **changes})


def body_of(message) -> str:
    return message.get_content()


def test_subject_and_headers() -> None:
    message = compose_failure_mail(
        sample_report(), sender="import@filiale.example", recipient="chef@filiale.example",
        tz=BERLIN,
    )  # fmt: skip
    assert message["Subject"] == (
        "Buchhaltungsimport „Zahlungen Steuerberater“ fehlgeschlagen (15.01.2024 10:30)"
    )
    assert message["To"] == "chef@filiale.example"
    assert message["From"] == "import@filiale.example"
    assert message["Date"].endswith("+0100")


def test_body_names_interface_time_failure_file_line_and_what_was_booked() -> None:
    body = body_of(
        compose_failure_mail(sample_report(), sender="a@b.de", recipient="c@d.de", tz=BERLIN)
    )
    assert "Schnittstelle „Zahlungen Steuerberater“" in body
    assert "15.01.2024 10:30:05 CET (UTC+01:00)" in body
    assert "Optik Nord" in body and "ftp.steuerberater.example" in body
    assert "Die Datei Zahlungen_2.csv konnte nicht gelesen werden." in body
    assert "1. Zahlungen_1.csv" in body
    assert "Zeilen: 3, gebucht: 3 (1.234,50 €)" in body
    assert "Status: Buchungen übernommen." in body
    assert "Fehler in Zeile 17: Betrag „12,3x“ ist keine Zahl" in body
    assert "Nichts aus dieser Datei wurde gebucht" in body
    assert "Zeile 18, Rechnung R-9999, 50,00 €: Rechnung unbekannt" in body
    assert (
        "Zusammenfassung: 3 Buchungen übernommen aus 1 Datei; 1 Datei nicht gebucht; "
        "2 Zeilen nicht gebucht." in body
    )


def test_a_failure_before_any_file_says_nothing_was_booked() -> None:
    body = body_of(
        compose_failure_mail(
            sample_report(files=(), failure=LoginFailed("h", "filiale7").message_de),
            sender="a@b.de", recipient="c@d.de",
        )
    )  # fmt: skip
    assert "nichts wurde gebucht" in body and "Anmeldung" in body


def test_long_lists_are_cut() -> None:
    rows = tuple(NotBooked(line=i, reason="unbekannt") for i in range(1, 201))
    report = sample_report(files=(FileReport(name="gross.csv", rows=200, not_booked=rows),))
    body = body_of(compose_failure_mail(report, sender="a@b.de", recipient="c@d.de"))
    assert "… und 150 weitere Zeilen" in body
    assert "Zeile 51:" not in body


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compose_failure_mail(
            sample_report(started_at=datetime(2024, 1, 1, 9, 0)),
            sender="a@b.de",
            recipient="c@d.de",
        )


def test_time_is_shown_in_the_given_zone() -> None:
    when = datetime(2024, 7, 1, 6, 0, tzinfo=timezone(timedelta(hours=-4)))
    body = body_of(
        compose_failure_mail(
            sample_report(started_at=when), sender="a@b.de", recipient="c@d.de", tz=BERLIN
        )
    )
    assert "01.07.2024 12:00:00 CEST (UTC+02:00)" in body


def test_no_secret_survives_even_when_an_error_text_carried_one() -> None:
    leaky = (
        f"Verbindung ftp://filiale7:{SECRET}@ftp.example/ fehlgeschlagen, password={SECRET}; "
        f"Kennwort: {SECRET} und nochmal {SECRET}"
    )
    report = sample_report(
        failure=leaky,
        files=(
            FileReport(name="a.csv", error=f"pwd={SECRET}", not_booked=(NotBooked(1, SECRET),)),
        ),
    )
    message = compose_failure_mail(
        report, sender="a@b.de", recipient="c@d.de", known_secrets=[SECRET, ""]
    )
    assert SECRET not in message.as_string()
    assert SECRET not in body_of(message)
    assert "ftp://filiale7:***@ftp.example/" in body_of(message)


def test_patterns_mask_secrets_without_being_told() -> None:
    masked = mask_secrets(f"smtp://u:{SECRET}@mail password: {SECRET} Passwort={SECRET}")
    assert SECRET not in masked


def test_the_report_has_no_place_for_a_password() -> None:
    for cls in (RunReport, FileReport, NotBooked):
        assert not any("pass" in f or "secret" in f for f in cls.__dataclass_fields__)


def test_header_injection_via_interface_name_is_flattened() -> None:
    message = compose_failure_mail(
        sample_report(interface_name="X\r\nBcc: boese@example.org"),
        sender="a@b.de",
        recipient="c@d.de",
    )
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]


def test_the_mail_in_english_when_the_program_is_english() -> None:
    from desktop_app.domain.reason_texts import Reason

    held = NotBooked(
        line=None, reason="Möglicher Treffer: RE-1.", invoice="1", amount=Decimal("1610.3"),
        where="Auszug 1, Buchung 4", entry="S1/N4",
        detail=Reason.of("possible-match", numbers="RE-1"),
    )  # fmt: skip
    report = sample_report(files=(FileReport(name="a.xml", rows=4, not_booked=(held,)),))
    message = compose_failure_mail(
        report, sender="a@b.de", recipient="c@d.de", tz=BERLIN, lang="en"
    )
    assert message["Subject"] == (
        "Accounting import “Zahlungen Steuerberater” failed (15/01/2024 10:30)"
    )
    body = body_of(message)
    assert "Time:      15/01/2024 10:30:05 CET (UTC+01:00)" in body
    assert "   - Statement 1, entry 4, Invoice 1, €1,610.30: Possible match: RE-1." in body
    assert "Status: nothing from this file was booked" in body
    assert "Summary: 0 bookings kept from 0 files; 1 file not booked; 1 row not booked." in body
    german = body_of(compose_failure_mail(report, sender="a@b.de", recipient="c@d.de", tz=BERLIN))
    assert "   - Auszug 1, Buchung 4, Rechnung 1, 1.610,30 €: Möglicher Treffer: RE-1" in german


def test_the_mail_language_is_the_one_chosen_in_the_program(tmp_path) -> None:
    from desktop_app.config import AppPaths, configured_language

    paths = AppPaths(tmp_path, "sqlite://")
    assert configured_language(paths) == "de"  # no settings.ini yet
    paths.settings_file.write_text(
        "[General]\ngeometry=@ByteArray(\\x1)\n\n[ui]\nlanguage=en\n", encoding="utf-8"
    )
    assert configured_language(paths) == "en"
    assert configured_language(paths, "de") == "de"  # --lang wins


def test_a_list_awaiting_a_decision_is_reported_once_and_says_so() -> None:
    refused = FileReport(
        name="op.csv", rows=2, committed=False, awaits_decision=True,
        error="Die Datei würde 2 von 3 offenen Rechnungen ausgleichen.",
    )  # fmt: skip
    report = sample_report(files=(refused,))
    german = body_of(compose_failure_mail(report, sender="a@x.example", recipient="b@x.example"))
    assert "Wegen dieser Datei allein kommt keine weitere E-Mail" in german
    assert "ein anderer Grund oder eine neue Adresse für den Fehlerbericht" in german
    english = body_of(
        compose_failure_mail(report, sender="a@x.example", recipient="b@x.example", lang="en")
    )
    assert "This file alone sends no further e-mail" in english
    other = body_of(compose_failure_mail(sample_report(), sender="a@x.example", recipient="b@x"))
    assert "keine weitere E-Mail" not in other and "bereits gemeldet" not in other


def test_a_list_reported_before_and_listed_again_for_another_failure_says_why() -> None:
    """Another failure of the run sends the mail: the list it names again was reported
    before, so the mail must not claim that this is its only report."""
    refused = FileReport(
        name="op.csv", rows=2, committed=False, awaits_decision=True, reported_before=True,
        error="Die Datei würde 2 von 3 offenen Rechnungen ausgleichen.",
    )  # fmt: skip
    report = sample_report(files=(*sample_report().files, refused))
    german = body_of(compose_failure_mail(report, sender="a@x.example", recipient="b@x.example"))
    assert "nur einmal" not in german and "Wegen dieser Datei allein" not in german
    assert "Diese Datei wurde bereits gemeldet; sie steht hier, weil dieser Lauf auch" in german
    english = body_of(
        compose_failure_mail(report, sender="a@x.example", recipient="b@x.example", lang="en")
    )
    assert "only once" not in english
    assert "This file was reported already; it is listed here because this run" in english


@pytest.mark.parametrize(
    ("lang", "summary", "old"),
    [
        ("de", "Keine Datei wurde gelesen (die übersprungenen stehen unten); nichts wurde "
         "gebucht.", "Es wurde keine Datei verarbeitet"),
        ("en", "No file was read (the skipped ones are listed below); nothing was booked.",
         "No file was processed"),
    ],
    ids=["de", "en"],
)  # fmt: skip
def test_a_failed_run_that_only_skipped_files_says_so_above_them(lang, summary, old) -> None:
    skipped = (SkippedReport("IMPORT/zahlungen.csv.part", SkipReason.TEMPORARY_NAME),)
    body = body_of(
        compose_failure_mail(
            sample_report(files=(), skipped=skipped), sender="a@b.de", recipient="c@d.de",
            lang=lang,
        )
    )  # fmt: skip
    assert summary in body and old not in body
    assert body.index(summary) < body.index("IMPORT/zahlungen.csv.part")
    # Without any file at all the run still says it processed none.
    nothing = body_of(
        compose_failure_mail(sample_report(files=()), sender="a@b.de", recipient="c@d.de",
                             lang=lang)
    )  # fmt: skip
    assert old in nothing and summary not in nothing
