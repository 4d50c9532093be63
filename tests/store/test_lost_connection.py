"""A database server that cannot be reached: every read says so with its own error (the
window's banner waits and tries again on it), and the first read after the server is back
works, on the pool's fresh connection. A pooled connection is pinged before use only after
it sat idle a while: on a far server each ping is a round trip."""

from __future__ import annotations

import pytest

from desktop_app.store import db as store_db
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.db_errors import DatabaseUnavailable

from ..latency_proxy import proxied_postgres
from ..round_trips import counting_round_trips


@pytest.fixture
def far(pg_url):
    near = Database(pg_url)
    Catalog(near).add_mandant("1")
    near.dispose()
    proxy, url = proxied_postgres(pg_url, 0.0)
    db = Database(url)
    yield db, proxy
    db.dispose()
    proxy.close()


def test_a_cut_connection_is_database_unavailable_and_the_next_read_after_it_works(far):
    db, proxy = far
    catalog = Catalog(db)
    assert catalog.mandant_names() == ["1"]  # the pool now holds a connection
    proxy.cut()
    for _ in range(3):  # the broken pooled connection, then refused new ones
        with pytest.raises(DatabaseUnavailable) as raised:
            catalog.mandant_names()
        assert "ist nicht erreichbar" in raised.value.message_de
        assert "127.0.0.1" in raised.value.message_de
    proxy.restore()
    assert catalog.mandant_names() == ["1"]


def test_a_connection_broken_while_it_sat_in_the_pool_is_replaced_without_an_error(
    far, monkeypatch
):
    db, proxy = far
    monkeypatch.setattr(store_db, "PING_AFTER_IDLE_SECONDS", 0.0)  # it sat there long enough
    catalog = Catalog(db)
    assert catalog.mandant_names() == ["1"]
    proxy.cut()
    proxy.restore()  # the pooled connection is dead, the server is there again
    with counting_round_trips(db) as trips:
        assert catalog.mandant_names() == ["1"]
    assert trips.kinds["ping"] == 1 and trips.kinds["connect"] == 1


def test_a_connection_used_moments_ago_is_handed_out_without_a_ping(far):
    db, _proxy = far
    catalog = Catalog(db)
    assert catalog.mandant_names() == ["1"]
    with counting_round_trips(db) as trips:
        for _ in range(3):
            assert catalog.mandant_names() == ["1"]
    assert trips.kinds["ping"] == 0 and trips.kinds["connect"] == 0
    assert trips.kinds["execute"] == 3
