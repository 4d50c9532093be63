import pytest
import sqlalchemy as sa

from desktop_app.domain.interface import ChainOptions, SettleUntil
from desktop_app.domain.validation import NAME, ValidationError
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceNotFound, InterfaceRepository


def test_save_and_get_round_trip(repository, sample_settings):
    stored = repository.save(sample_settings)
    assert stored.settings == sample_settings
    again = repository.get(sample_settings.name)
    assert again.settings == sample_settings
    assert again.uid == stored.uid
    assert again.password_stored is False


def test_rename_keeps_uid(repository, sample_settings):
    stored = repository.save(sample_settings)
    renamed = repository.save(
        sample_settings.with_changes(name="Neu"), original_name=sample_settings.name
    )
    assert renamed.uid == stored.uid
    assert repository.names() == ["Neu"]


def test_duplicate_name_refused(repository, sample_settings):
    repository.save(sample_settings)
    with pytest.raises(ValidationError) as err:
        repository.save(sample_settings)
    assert [p.field for p in err.value.problems] == [NAME]
    assert "gibt es bereits" in err.value.problems[0].message_de


def test_invalid_settings_are_not_saved(repository, sample_settings):
    with pytest.raises(ValidationError):
        repository.save(sample_settings.with_changes(mandants=("unbekannt",)))
    assert repository.names() == []


def test_tomorrow_follows_the_stored_chain_option(repository, sample_settings):
    tomorrow = sample_settings.with_changes(settle_until=SettleUntil.TOMORROW)
    with pytest.raises(ValidationError):
        repository.save(tomorrow)
    repository.catalog.set_chain_options(ChainOptions(future_booking_months=1))
    assert repository.save(tomorrow).settings.settle_until is SettleUntil.TOMORROW


def test_enable_delete_and_copy_names(repository, sample_settings):
    repository.save(sample_settings)
    repository.set_enabled(sample_settings.name, False)
    assert repository.get(sample_settings.name).settings.enabled is False
    assert repository.free_copy_name(sample_settings.name) == f"{sample_settings.name} (Kopie)"
    repository.delete(sample_settings.name)
    with pytest.raises(InterfaceNotFound):
        repository.get(sample_settings.name)


def test_instants_carry_a_timezone(repository, sample_settings, db):
    from desktop_app.store.models import InterfaceRow

    repository.save(sample_settings)
    with db.session() as s:
        row = s.scalar(sa.select(InterfaceRow))
        assert row.updated_at.tzinfo is not None


def test_old_database_upgrades_itself_on_open(data_dir, sample_settings):
    """A database left at the first schema version keeps its data and gains new columns."""
    url = sqlite_url(data_dir / "old.sqlite3")
    old = Database(url, upgrade=False)
    old.upgrade("0001")
    with old.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO mandants (name) VALUES ('1')"))
        conn.execute(
            sa.text(
                "INSERT INTO interfaces (uid, name, enabled, import_format, settle_until, "
                "filename_filter, interval_kind, every_minutes, weekdays, day_of_month, "
                "ftp_protocol, ftp_host, ftp_directory, ftp_date_subdirectories, ftp_user, "
                "ftp_passive, ftp_password_stored, error_email, run_time, created_at, "
                "updated_at) VALUES ('u-1', 'Alt', 1, 'mt940', 'today', '', 'daily', 60, '', "
                "'1', 'ftp', 'ftp.example.org', '', 0, 'user', 1, 0, '', '07:00:00.000000', "
                "'2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(sa.text("INSERT INTO interface_mandants VALUES (1, 1)"))
    assert "ftp_trusted_fingerprint" not in [
        c["name"] for c in sa.inspect(old.engine).get_columns("interfaces")
    ]
    old.dispose()

    upgraded = Database(url)
    assert upgraded.current_revision() == upgraded.head_revision()
    stored = InterfaceRepository(upgraded).get("Alt")
    assert stored.settings.ftp.host == "ftp.example.org"
    assert stored.settings.mandants == ("1",)
    assert stored.trusted_fingerprint is None
    upgraded.dispose()


def test_schema_matches_models(db):
    """The migrations create exactly what the models describe (no drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop_app.store.schema import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_schema_head_constant_is_the_newest_migration(db):
    from desktop_app.store.db import SCHEMA_HEAD

    assert db.head_revision() == SCHEMA_HEAD
    assert db.current_revision() == SCHEMA_HEAD


def test_guards_and_pattern_round_trip_and_chain_default(repository, sample_settings):
    from desktop_app.domain.interface import ImportFormat, OpenItemGuards

    own = sample_settings.with_changes(
        import_format=ImportFormat.MT940,
        invoice_pattern=r"AR-\d{6}",
        open_item_guards=OpenItemGuards(False, True, None),
    )
    assert repository.save(own).settings == own
    # Geschlossene Posten names its invoices in a column: a pattern there is not kept.
    closed = own.with_changes(name="Liste", import_format=ImportFormat.CLOSED_ITEMS)
    assert repository.save(closed).settings.invoice_pattern == ""
    chain = ChainOptions(open_item_guards=OpenItemGuards(True, False, 35))
    repository.catalog.set_chain_options(chain)
    assert repository.catalog.chain_options() == chain
    inherited = repository.save(
        sample_settings.with_changes(name="Kette", open_item_guards=None)
    ).settings
    assert inherited.open_item_guards is None
    assert repository.catalog.chain_options().guards_for(inherited).max_share_percent == 35
    with pytest.raises(ValueError):
        repository.catalog.set_chain_options(
            ChainOptions(open_item_guards=OpenItemGuards(max_share_percent=0))
        )


def test_implicit_ftps_is_stored_on_every_database(any_db, sample_settings):
    """ "ftps-implicit" is longer than the first schema's VARCHAR(8), which PostgreSQL
    enforces."""
    from dataclasses import replace

    from desktop_app.domain.interface import Protocol
    from desktop_app.store.catalog import Catalog

    catalog = Catalog(any_db)
    catalog.add_mandant("1", datev_berater=12345, datev_mandant=1)
    catalog.add_mandant("2")
    catalog.add_branch("Optik Nord")
    ftp = replace(sample_settings.ftp, protocol=Protocol.FTPS_IMPLICIT, port=None)
    repository = InterfaceRepository(any_db)
    repository.save(sample_settings.with_changes(ftp=ftp))
    stored = repository.get(sample_settings.name).settings.ftp
    assert stored.protocol is Protocol.FTPS_IMPLICIT and stored.effective_port == 990
