from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.interface import ChainOptions, ImportFormat, Protocol
from desktop_app.domain.interface_json import from_json, to_json
from desktop_app.domain.validation import validate


def test_round_trip(sample_settings):
    data = to_json(sample_settings)
    settings, problems = from_json(data)
    assert problems == []
    assert settings == sample_settings
    assert to_json(settings) == data


def test_implicit_ftps_round_trip_with_its_default_port(sample_settings):
    ftp = replace(sample_settings.ftp, protocol=Protocol.FTPS_IMPLICIT, port=None)
    data = to_json(sample_settings.with_changes(ftp=ftp))
    assert data["ftp"]["protocol"] == "ftps-implicit"
    settings, problems = from_json(data)
    assert problems == []
    assert settings.ftp.protocol is Protocol.FTPS_IMPLICIT
    assert settings.ftp.effective_port == 990


def test_export_has_the_documented_keys(sample_settings):
    data = to_json(sample_settings)
    assert list(data) == [
        "name",
        "enabled",
        "branch",
        "workstation",
        "start_date",
        "import_format",
        "mandants",
        "settle_until",
        "filename_filter",
        "run_time",
        "interval",
        "ftp",
        "error_email",
        "invoice_pattern",
        "open_item_guards",
    ]
    assert data["invoice_pattern"] == "" and data["open_item_guards"] is None
    assert set(data["interval"]) == {"kind", "every_minutes", "weekdays", "day_of_month"}
    assert set(data["ftp"]) == {
        "protocol",
        "host",
        "port",
        "directory",
        "date_subdirectories",
        "user",
        "passive",
    }
    assert data["start_date"] == "2026-12-01"
    assert data["interval"]["weekdays"] == ["mon", "thu"]
    assert data["import_format"] == "closed-items"


def test_type_errors_become_problems(sample_settings):
    data = to_json(sample_settings)
    data.update(enabled="yes", start_date="01.12.2026", run_time="7 Uhr", password="x")
    data["interval"] = {"kind": "fortnightly", "weekdays": ["monday"], "day_of_month": "1"}
    data["ftp"]["port"] = "21"
    _, problems = from_json(data)
    assert sorted(p.field for p in problems) == sorted(
        [
            "password",
            "enabled",
            "start_date",
            "run_time",
            "interval.kind",
            "interval.weekdays",
            "interval.day_of_month",
            "ftp.port",
        ]
    )


def test_not_an_object():
    _, problems = from_json([1, 2])
    assert len(problems) == 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "name",
                "interval",
                "ftp",
                "run_time",
                "mandants",
                "start_date",
                "import_format",
                "settle_until",
                "enabled",
                "branch",
                "x",
            ]
        ),
        json_values,
    )
)
def test_reader_never_raises(data):
    settings, _ = from_json(data)
    validate(settings, ChainOptions())


def test_open_item_guards_and_invoice_pattern(sample_settings):
    from desktop_app.domain.interface import OpenItemGuards

    sample_settings = sample_settings.with_changes(import_format=ImportFormat.MT940)
    data = to_json(sample_settings)
    data["invoice_pattern"] = r"AR-\d{6}"
    data["open_item_guards"] = {"refuse_empty": True, "refuse_older": False,
                                "max_share_percent": None}  # fmt: skip
    settings, problems = from_json(data)
    assert problems == []
    assert settings.invoice_pattern == r"AR-\d{6}"
    assert settings.open_item_guards == OpenItemGuards(True, False, None)
    assert to_json(settings) == data
    # The chain's guards apply where the interface has none of its own.
    chain = ChainOptions(open_item_guards=OpenItemGuards(max_share_percent=35))
    assert chain.guards_for(sample_settings).max_share_percent == 35
    assert chain.guards_for(settings).max_share_percent is None


def test_bad_guards_and_patterns_are_problems(sample_settings):
    data = to_json(sample_settings.with_changes(import_format=ImportFormat.CAMT053))
    data["open_item_guards"] = {"refuse_empty": "ja", "max_share_percent": 0, "x": 1}
    data["invoice_pattern"] = "RE-(\\d+"
    settings, problems = from_json(data)
    assert sorted(p.field for p in problems) == [
        "open_item_guards.refuse_empty",
        "open_item_guards.x",
    ]
    fields = {p.field for p in validate(settings, ChainOptions())}
    assert {"invoice_pattern", "open_item_guards.max_share_percent"} <= fields
    empty = validate(from_json({**data, "invoice_pattern": "x*"})[0], ChainOptions())
    assert any(p.field == "invoice_pattern" and "leeren" in p.message_de for p in empty)


def test_null_is_accepted_for_the_interval_fields_the_kind_does_not_use(sample_settings):
    data = to_json(sample_settings)
    data["interval"] = {"kind": "weekly", "weekdays": ["mon"], "day_of_month": None}
    data["interval"]["every_minutes"] = None
    settings, problems = from_json(data)
    assert problems == [] and validate(settings, ChainOptions()) == []
    hourly = {"kind": "hourly", "every_minutes": 30, "weekdays": None, "day_of_month": None}
    settings, problems = from_json({**data, "interval": hourly, "run_time": None})
    assert problems == [] and validate(settings, ChainOptions()) == []


def test_null_for_a_field_the_kind_needs_is_reported_as_missing(sample_settings):
    data = to_json(sample_settings)
    data["interval"] = {"kind": "monthly", "day_of_month": None}
    settings, problems = from_json(data)
    assert problems == []
    assert [p.field for p in validate(settings, ChainOptions())] == ["interval.day_of_month"]
    data["interval"] = {"kind": "weekly", "weekdays": None}
    settings, _ = from_json(data)
    assert [p.field for p in validate(settings, ChainOptions())] == ["interval.weekdays"]


@pytest.mark.parametrize("value", ["07:30+02:00", "07:30Z", "07:30:00.5", "7.30", "25:00"])
def test_a_run_time_with_a_zone_or_in_another_form_is_a_clear_problem(sample_settings, value):
    _, problems = from_json({**to_json(sample_settings), "run_time": value})
    assert [p.field for p in problems] == ["run_time"]
    assert "HH:MM" in problems[0].message_de and "Zeitzone" in problems[0].message_de


def test_odd_values_are_shown_escaped_and_short(sample_settings):
    data = {**to_json(sample_settings), "import_format": "csv\n\u202e" + "x" * 500}
    _, problems = from_json(data)
    assert "\n" not in problems[0].message_en and len(problems[0].message_en) < 200
