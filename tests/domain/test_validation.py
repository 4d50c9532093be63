from datetime import time

import pytest

from desktop_app.domain import validation as v
from desktop_app.domain.interface import (
    LAST_DAY,
    ChainOptions,
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)

NO_OPTIONS = ChainOptions()


def fields(settings, options=NO_OPTIONS, **kw):
    return [p.field for p in v.validate(settings, options, **kw)]


def test_sample_is_valid(sample_settings):
    assert v.validate(sample_settings, ChainOptions()) == []


def test_empty_settings_report_every_required_field():
    problems = v.validate(InterfaceSettings(settle_until=None), ChainOptions())
    assert [p.field for p in problems] == [
        v.NAME,
        v.IMPORT_FORMAT,
        v.MANDANTS,
        v.SETTLE_UNTIL,
        v.RUN_TIME,
        v.FTP_HOST,
        v.FTP_USER,
    ]
    assert all(p.message_de and p.message_en for p in problems)


@pytest.mark.parametrize(
    ("run_time", "ok"),
    [(time(5, 59), False), (time(6, 0), True), (time(22, 0), True), (time(22, 1), False)],
)
def test_run_time_window(sample_settings, run_time, ok):
    settings = sample_settings.with_changes(run_time=run_time)
    assert (v.RUN_TIME not in fields(settings)) is ok


def test_hourly_needs_no_run_time_and_bounds_minutes(sample_settings):
    for minutes, ok in [(4, False), (5, True), (60, True), (720, True), (721, False)]:
        settings = sample_settings.with_changes(
            run_time=None, interval=Interval(IntervalKind.HOURLY, every_minutes=minutes)
        )
        assert (fields(settings) == []) is ok, minutes


def test_weekly_needs_a_day(sample_settings):
    settings = sample_settings.with_changes(interval=Interval(IntervalKind.WEEKLY))
    problems = v.validate(settings, ChainOptions())
    assert [p.field for p in problems] == [v.WEEKDAYS]
    assert "Wochentag" in problems[0].message_de


@pytest.mark.parametrize(
    ("day", "ok"), [(0, False), (1, True), (28, True), (29, False), (LAST_DAY, True), ("31", False)]
)
def test_monthly_day(sample_settings, day, ok):
    settings = sample_settings.with_changes(
        interval=Interval(IntervalKind.MONTHLY, day_of_month=day)
    )
    assert (fields(settings) == []) is ok


def test_directory_must_end_with_slash(sample_settings):
    settings = sample_settings.with_changes(
        ftp=FtpSettings(host="h", user="u", directory="BUCHHALTUNG/IMPORTE")
    )
    problems = v.validate(settings, ChainOptions())
    assert [p.field for p in problems] == [v.FTP_DIRECTORY]
    assert "„/“" in problems[0].message_de


@pytest.mark.parametrize(
    ("port", "ok"), [(0, False), (1, True), (65535, True), (65536, False), (None, True)]
)
def test_port_range(sample_settings, port, ok):
    settings = sample_settings.with_changes(ftp=FtpSettings(host="h", user="u", port=port))
    assert (fields(settings) == []) is ok


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("", True),
        ("a@b.de", True),
        ("buchhaltung@filiale.example", True),
        ("a@b", False),
        ("a b@c.de", False),
        ("@c.de", False),
        ("a@@c.de", False),
    ],
)
def test_email_syntax(sample_settings, email, ok):
    assert (fields(sample_settings.with_changes(error_email=email)) == []) is ok


def test_tomorrow_needs_the_chain_option(sample_settings):
    settings = sample_settings.with_changes(settle_until=SettleUntil.TOMORROW)
    assert fields(settings, ChainOptions(future_booking_months=0)) == [v.SETTLE_UNTIL]
    assert fields(settings, ChainOptions(future_booking_months=2)) == []


def test_host_must_be_a_host_name(sample_settings):
    for host in (
        "ftp://ftp.example.org", "two words", "ftp.example.org/dir", "a..b", "-bad-.de",
        "x" * 64 + ".de", "1.2.3.999", "[192.0.2.7]",
    ):  # fmt: skip
        settings = sample_settings.with_changes(ftp=FtpSettings(host=host, user="u"))
        assert fields(settings) == [v.FTP_HOST], host


def test_a_host_with_credentials_is_refused_without_repeating_them(sample_settings):
    for host in ("ftpuser:Geheim-42@ftp.example.org", "ftp://ftpuser:Geheim-42@ftp.example.org"):
        settings = sample_settings.with_changes(ftp=FtpSettings(host=host, user="u"))
        (problem,) = v.validate(settings, NO_OPTIONS)
        assert problem.field == v.FTP_HOST
        assert "Geheim-42" not in problem.text("de") + problem.text("en") + repr(problem)


def test_unknown_mandants_and_branches(sample_settings):
    got = fields(sample_settings, known_mandants=["1"], known_branches=["Elsewhere"])
    assert got == [v.BRANCH, v.MANDANTS]


def test_several_mistakes_at_once(sample_settings):
    settings = sample_settings.with_changes(
        run_time=time(5, 0),
        interval=Interval(IntervalKind.WEEKLY),
        ftp=FtpSettings(host="h", user="u", directory="IMPORT"),
    )
    assert fields(settings) == [v.RUN_TIME, v.WEEKDAYS, v.FTP_DIRECTORY]


def test_booking_dates():
    from datetime import date

    today = date(2026, 3, 1)
    assert SettleUntil.YESTERDAY.booking_date(today) == date(2026, 2, 28)
    assert SettleUntil.TODAY.booking_date(today) == today
    assert SettleUntil.TOMORROW.booking_date(today) == date(2026, 3, 2)


def test_bound_to_a_workstation_needs_its_name(sample_settings):
    assert fields(sample_settings.with_changes(workstation="")) == [v.WORKSTATION]
    assert fields(sample_settings.with_changes(workstation=None)) == []


PATTERN = r"AR-\d{6}"


@pytest.mark.parametrize("fmt", list(ImportFormat))
def test_the_pattern_counts_only_where_payment_texts_are_searched(sample_settings, fmt):
    """MT940, camt.053 and the DATEV posting batch search payments' texts; the others
    name the invoice in a column, so their pattern is not stored, and the warning says so."""
    settings = sample_settings.with_changes(import_format=fmt, invoice_pattern=PATTERN)
    searched = fmt in {ImportFormat.MT940, ImportFormat.CAMT053, ImportFormat.DATEV_EXTF}
    kept = PATTERN if searched else ""
    assert (settings.pattern_in_use, settings.as_stored().invoice_pattern) == (kept, kept)
    warning = v.pattern_not_kept(settings)
    assert (warning is None) == searched
    if warning is not None:
        assert warning.field == v.INVOICE_PATTERN
        assert f"„{fmt.label_de}“" in warning.message_de


def test_no_pattern_warning_without_a_pattern_or_an_importart(sample_settings):
    closed = sample_settings.with_changes(import_format=ImportFormat.CLOSED_ITEMS)
    assert v.pattern_not_kept(closed.with_changes(invoice_pattern="  ")) is None
    unknown = sample_settings.with_changes(import_format=None, invoice_pattern=PATTERN)
    assert unknown.pattern_in_use == PATTERN and v.pattern_not_kept(unknown) is None


def test_a_password_bound_to_implicit_ftps_names_the_protocol_in_words():
    saved = FtpSettings(protocol=Protocol.FTPS_IMPLICIT, host="ftp.example", user="anna")
    problem = v.stored_password_bound(saved)
    assert "gilt nur für FTPS implizit ftp.example:990, anna." in problem.text("de")
    assert "only for implicit FTPS ftp.example:990, anna." in problem.text("en")
    plain = v.stored_password_bound(FtpSettings(host="ftp.example", user="anna"))
    assert "gilt nur für FTP ftp.example:21, anna." in plain.text("de")
