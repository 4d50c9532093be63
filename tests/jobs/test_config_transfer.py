"""A chain's configuration exported from one ledger and imported into another: on SQLite
and on PostgreSQL, with the real keyring holding the passwords the file must not."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, time

import pytest

from desktop_app.domain.config_file import SchemaTooNew
from desktop_app.domain.interface import (
    CaseOptions,
    ChainOptions,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    OpenItemGuards,
    SettleUntil,
)
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.change_audit import Actor, ChangeAudit
from desktop_app.jobs.changes import Change, ChangeHub
from desktop_app.jobs.config_transfer import (
    ConfigFileUnreadable,
    ConfigInvalid,
    ConfigTransfer,
    PlanOutdated,
)
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.smtp_setup import SmtpSetup
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.catalog import Catalog
from desktop_app.store.config_store import read_config
from desktop_app.store.db import Database, sqlite_url
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.secrets import SecretStore

FTP_SECRET = "Ftp-Geheimnis-9c1e"
SECOND_SECRET = "Zweites-Ftp-Geheimnis-77ab"
SMTP_SECRET = "Smtp-Geheimnis-4d2f"
FINGERPRINT = ":".join(["AB"] * 32)
EXPORTED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _second_pg_database(pg_admin_url: str):
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    return admin, name, url


@pytest.fixture(params=["sqlite", "postgres"])
def ledgers(request, data_dir):
    """Two ledgers of the same kind: the chain's first branch and an empty new one."""
    if request.param == "sqlite":
        urls = [sqlite_url(data_dir / "erste.sqlite3"), sqlite_url(data_dir / "neue.sqlite3")]
        cleanup = None
    else:
        first = request.getfixturevalue("pg_url")
        admin, name, second = _second_pg_database(request.getfixturevalue("pg_admin_url"))
        urls, cleanup = [first, second], (admin, name)
    databases = [Database(url) for url in urls]
    yield databases
    for database in databases:
        database.dispose()
    if cleanup is not None:
        import sqlalchemy as sa

        admin, name = cleanup
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def other_keyring(secret_service_backend):
    """The keyring of the computer the file is imported on (a service name of its own)."""
    store = SecretStore(secret_service_backend, service=f"desktop-app-test-{uuid.uuid4()}")
    yield store
    collection = secret_service_backend.get_preferred_collection()
    for item in collection.search_items({"service": store.service}):
        item.delete()


def transfer(db: Database, secrets: SecretStore, changes: ChangeHub | None = None, actor=None):
    actor = actor or Actor("chefin")
    return ConfigTransfer(db, secrets, ChangeAudit(AuditLog(db), actor), changes)


def fill_first_ledger(db: Database, secrets: SecretStore, sample: InterfaceSettings) -> None:
    catalog = Catalog(db)
    catalog.add_mandant("1", datev_berater=12345, datev_mandant=1)
    catalog.add_mandant("2", datev_berater=29098)
    catalog.add_mandant("Zentrale")
    for branch in ("Optik Nord", "Hörakustik Mitte"):
        catalog.add_branch(branch)
    catalog.set_chain_options(
        ChainOptions(
            future_booking_months=2,
            download_grace_seconds=90,
            open_item_guards=OpenItemGuards(max_share_percent=None),
            cases=CaseOptions(
                overdue_days=21,
                summary_enabled=True,
                summary_time=time(8, 15),
                summary_recipient="buchhaltung@kette.example",
            ),
        )
    )
    SmtpSetup(db, secrets).save(
        SmtpSettings("smtp.kette.example", 2525, SmtpSecurity.SSL, "berichte", "import@kette.de"),
        SMTP_SECRET,
    )
    editor = InterfaceEditor(InterfaceRepository(db), secrets)
    editor.save(sample, password=FTP_SECRET)
    hourly = replace(
        sample,
        name="Offene Posten stündlich",
        workstation=None,
        branch=None,
        import_format=ImportFormat.OPEN_ITEMS,
        mandants=("Zentrale",),
        settle_until=SettleUntil.TOMORROW,  # allowed only by the file's own chain options
        interval=Interval(kind=IntervalKind.HOURLY, every_minutes=30),
        run_time=None,
        invoice_pattern=r"RE-\d{4}-\d{4}",
        open_item_guards=OpenItemGuards(refuse_older=False, max_share_percent=35),
    )
    editor.save(hourly, password=SECOND_SECRET)
    editor.trust(sample.name, FINGERPRINT)


def without_timestamp(text: str) -> str:
    data = json.loads(text)
    assert data.pop("exported_at")
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_round_trip_gives_the_same_file_and_no_secret(
    ledgers, secret_store, other_keyring, sample_settings
):
    first, empty = ledgers
    fill_first_ledger(first, secret_store, sample_settings)
    exported = transfer(first, secret_store).export_text(now=EXPORTED)
    for secret in (FTP_SECRET, SECOND_SECRET, SMTP_SECRET):
        assert secret not in exported
    data = json.loads(exported)
    assert (data["schema"], data["kind"]) == (1, "desktop-app-config")
    assert data["mandants"][0] == {"name": "1", "datev_berater": 12345, "datev_mandant": 1}
    assert data["trusted_fingerprints"] == {sample_settings.name: FINGERPRINT}
    assert "password" not in json.dumps(data["smtp"])

    hub = ChangeHub()
    heard = []
    hub.subscribe(lambda event: heard.append(event.changes))
    target = transfer(empty, other_keyring, hub)
    plan = target.prepare(exported.encode(), "kette.json")
    assert plan.counts["interfaces"] == {"added": 2, "changed": 0, "unchanged": 0}
    assert plan.counts["chain_options"] == {"added": 0, "changed": 1, "unchanged": 0}
    result = target.apply(plan)
    assert result.applied
    again = target.export_text(now=datetime(2027, 1, 2, 3, 4, tzinfo=UTC))
    assert again != exported  # the timestamp differs, nothing else
    assert without_timestamp(again) == without_timestamp(exported)

    # The passwords stayed on the first computer: this one is told which to set.
    assert [(p.kind, p.name) for p in result.passwords] == [
        ("interface", "Offene Posten stündlich"),
        ("interface", sample_settings.name),
        ("smtp", "SMTP"),
    ]
    assert result.passwords[1].command == (
        f'desktop-app interfaces set-password "{sample_settings.name}" --password-stdin'
    )
    assert "--host smtp.kette.example --port 2525 --security ssl" in result.passwords[2].command
    entries = AuditLog(empty).entries()
    assert [(e.action, e.target, e.actor) for e in entries] == [
        (audit.CONFIG_IMPORTED, "kette.json", "chefin")
    ]
    assert entries[0].details["counts"]["mandants"] == {"added": 3, "changed": 0, "unchanged": 0}
    assert heard == [frozenset({Change.CATALOGUE, Change.OPTIONS, Change.SMTP, Change.INTERFACES})]

    # The same file once more changes nothing and records nothing.
    repeat = target.apply(target.prepare(exported.encode(), "kette.json"))
    assert not repeat.applied and not repeat.plan.has_changes
    assert len(AuditLog(empty).entries()) == 1


def test_changes_name_their_fields_and_keep_what_the_file_lacks(
    db, catalog, secret_store, sample_settings
):
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    editor.save(sample_settings, password=FTP_SECRET)
    job = transfer(db, secret_store)
    data = json.loads(job.export_text(now=EXPORTED))
    data["mandants"] = [{"name": "1", "datev_berater": 12345, "datev_mandant": 7}]
    data["interfaces"][0]["ftp"]["host"] = "ftp.neu.example"
    data["branches"] = ["Optik Süd"]
    plan = job.prepare(json.dumps(data).encode(), "f.json")
    changed = {(e.kind.value, e.name): (e.status.value, e.fields) for e in plan.entries}
    assert changed == {
        ("branches", "Optik Süd"): ("added", ()),
        ("mandants", "1"): ("changed", ("datev_mandant",)),
        ("chain_options", "Filialkettenoptionen"): ("unchanged", ()),
        ("interfaces", sample_settings.name): ("changed", ("ftp.host",)),
    }
    result = job.apply(plan)
    # This computer holds the interface's password: nothing to set here.
    assert result.passwords == ()
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord", "Optik Süd"]
    assert catalog.mandant("1").datev_mandant == 7 and catalog.mandant("2").name == "2"
    stored = editor.get(sample_settings.name)
    assert stored.settings.ftp.host == "ftp.neu.example" and stored.password_stored


def test_dry_run_changes_nothing(ledgers, secret_store, other_keyring, sample_settings):
    first, empty = ledgers
    fill_first_ledger(first, secret_store, sample_settings)
    exported = transfer(first, secret_store).export_text(now=EXPORTED)
    target = transfer(empty, other_keyring)
    before = read_config(empty)
    result = target.dry_run(target.prepare(exported.encode(), "kette.json"))
    assert not result.applied and len(result.passwords) == 3
    assert read_config(empty) == before
    assert AuditLog(empty).entries() == []


def test_one_invalid_entry_applies_nothing(db, secret_store, sample_settings):
    job = transfer(db, secret_store)
    data = {
        "schema": 1,
        "kind": "desktop-app-config",
        "branches": ["Optik Nord"],
        "mandants": [{"name": "1", "datev_berater": 99, "datev_mandant": None}],
        "interfaces": [
            {**_interface_json(sample_settings), "run_time": "05:00"},
            {**_interface_json(sample_settings), "name": "Zweite"},
        ],
        "trusted_fingerprints": {"Zweite": "kein Fingerabdruck"},
    }
    with pytest.raises(ConfigInvalid) as refused:
        job.prepare(json.dumps(data).encode(), "bad.json")
    fields = [p.field for p in refused.value.problems]
    assert fields == [
        'trusted_fingerprints["Zweite"]',
        "mandants[0].datev_berater",
        f'interfaces[0] "{sample_settings.name}".run_time',
    ]
    german = [p.message_de for p in refused.value.problems]
    assert "Beraternummer" in german[1] and "06:00" in german[2]
    assert read_config(db).branches == () and AuditLog(db).entries() == []


def _interface_json(settings: InterfaceSettings) -> dict:
    from desktop_app.domain.interface_json import to_json

    data = to_json(settings)
    data["workstation"], data["branch"], data["mandants"] = None, "Optik Nord", ["1"]
    return data


def test_a_file_of_an_older_program_imports_with_defaults(db, secret_store):
    """Schema 1 as a program before the case options, the download limits, the invoice
    pattern and the interfaces' own checks wrote it: no such fields at all."""
    old = {
        "schema": 1,
        "kind": "desktop-app-config",
        "branches": [],
        "mandants": [{"name": "1", "datev_berater": 4711}],
        "chain_options": {"admins_may_reveal_passwords": True, "future_booking_months": 0},
        "interfaces": [
            {
                "name": "Alt",
                "import_format": "closed-items",
                "mandants": ["1"],
                "settle_until": "today",
                "run_time": "07:00",
                "interval": {"kind": "daily"},
                "ftp": {"protocol": "ftp", "host": "ftp.alt.example", "user": "u"},
            }
        ],
    }
    job = transfer(db, secret_store)
    job.apply(job.prepare(json.dumps(old).encode(), "alt.json"))
    now = read_config(db)
    assert now.chain_options == ChainOptions(admins_may_reveal_passwords=True)
    assert now.mandants[0].datev_mandant is None
    (settings,) = now.interfaces
    assert (settings.invoice_pattern, settings.open_item_guards) == ("", None)


def test_a_newer_schema_is_refused(db, secret_store):
    newer = {"schema": 2, "kind": "desktop-app-config", "branches": ["X"]}
    with pytest.raises(SchemaTooNew) as refused:
        transfer(db, secret_store).prepare(json.dumps(newer).encode(), "neu.json")
    assert (
        "Konfigurationsschema 2" in refused.value.message_de
        and "aktualisieren" in refused.value.message_de
    )
    assert "schema 2" in refused.value.message_en and "update" in refused.value.message_en
    assert read_config(db).branches == ()


@pytest.mark.parametrize(
    ("content", "german", "english"),
    [
        (
            b'{"schema": 1,\n "branches": [}',
            "kein gültiges JSON: Fehler in Zeile 2, Spalte 15.",
            "not valid JSON: error at line 2, column 15.",
        ),
        (b'{"a": "\xe4"}', "kein UTF-8-Text (Byte 8", "not UTF-8 text (byte 8"),
        (b"[" * 100_000, "zu tief verschachtelt", "nested too deeply"),
        (b'{"schema": ' + b"9" * 5000 + b"}", "Zahl mit zu vielen Ziffern", "too many digits"),
        (None, "„fehlt.json“ gibt es nicht (mehr).", "“fehlt.json” does not exist (any more)."),
    ],
)
def test_an_unreadable_file_is_said_in_both_languages(
    db, secret_store, tmp_path, content, german, english
):
    path = tmp_path / "fehlt.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ConfigFileUnreadable) as refused:
        transfer(db, secret_store).prepare_file(path)
    assert german in refused.value.message_de
    assert english in refused.value.message_en
    assert "Expecting" not in refused.value.message_de + refused.value.message_en


def test_a_change_after_the_preview_refuses_the_import(db, catalog, secret_store):
    job = transfer(db, secret_store)
    data = {"schema": 1, "kind": "desktop-app-config", "branches": ["Optik West"]}
    plan = job.prepare(json.dumps(data).encode(), "f.json")
    catalog.add_branch("Optik West")  # another administrator, meanwhile
    with pytest.raises(PlanOutdated):
        job.apply(plan)
    assert AuditLog(db).entries() == []


def test_the_import_is_one_transaction(ledgers, secret_store, other_keyring, sample_settings):
    """The audit entry is the last write: when it fails (here: a user the ledger does
    not have), not one branch, Mandant, option or interface stays written."""
    from sqlalchemy.exc import IntegrityError

    first, empty = ledgers
    fill_first_ledger(first, secret_store, sample_settings)
    exported = transfer(first, secret_store).export_text(now=EXPORTED)
    target = transfer(empty, other_keyring, actor=Actor("niemand", user_id=4242))
    before = read_config(empty)
    with pytest.raises(IntegrityError):
        target.apply(target.prepare(exported.encode(), "kette.json"))
    assert read_config(empty) == before


def test_an_administrator_demoted_since_the_dialog_opened_exports_and_imports_nothing(
    db, secret_store, sample_settings
):
    """The window hands out the export and import while its login says administrator;
    another administrator may take the right before the click: each asks the user's row."""
    from desktop_app.domain.users import Group
    from desktop_app.jobs.user_session import NotAllowed, UserSession
    from desktop_app.jobs.window_jobs import config_transfer_for
    from desktop_app.store.users import UserRepository

    users = UserRepository(db)
    chefin = users.create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    users.create("zweite", "Zweite-Passwort-1", Group.ADMINISTRATORS)
    fill_first_ledger(db, secret_store, sample_settings)
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    jobs = config_transfer_for(editor, UserSession.open(db, secret_store, chefin))
    text = jobs.export_text()
    plan = jobs.prepare(text.replace(sample_settings.name, "Kopie").encode(), "datei.json")
    assert plan.has_changes  # "Kopie" would be added

    users.set_group(chefin.id, Group.STAFF)  # elsewhere, by the other administrator
    with pytest.raises(NotAllowed):
        jobs.export_text()
    with pytest.raises(NotAllowed):
        jobs.apply(plan)
    assert "Kopie" not in [s.settings.name for s in InterfaceRepository(db).list()]


def test_an_administrator_demoted_since_the_smtp_dialog_opened_saves_nothing(db, secret_store):
    """The SMTP dialog's jobs come from the window while its login says administrator;
    each save asks the user's row, as the export and import do."""
    from desktop_app.domain.users import Group
    from desktop_app.jobs.user_session import NotAllowed, UserSession
    from desktop_app.jobs.window_jobs import smtp_setup_for
    from desktop_app.store.users import UserRepository

    users = UserRepository(db)
    chefin = users.create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    users.create("zweite", "Zweite-Passwort-1", Group.ADMINISTRATORS)
    editor = InterfaceEditor(InterfaceRepository(db), secret_store)
    jobs = smtp_setup_for(editor, UserSession.open(db, secret_store, chefin))
    first = SmtpSettings("smtp.kette.example", 587, SmtpSecurity.STARTTLS, "", "a@kette.de")
    jobs.save(first)
    users.set_enabled(chefin.id, False)  # elsewhere, by the other administrator
    with pytest.raises(NotAllowed):
        jobs.save(replace(first, host="smtp.anders.example"))
    assert jobs.stored().settings == first
