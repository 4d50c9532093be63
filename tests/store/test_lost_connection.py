"""A database server that cannot be reached: every read says so with its own error (the
window's banner waits and tries again on it), and the first read after the server is back
works, on the pool's fresh connection."""

from __future__ import annotations

import pytest

from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.db_errors import DatabaseUnavailable

from ..latency_proxy import proxied_postgres


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


def test_a_connection_broken_while_pooled_is_replaced_without_an_error(far):
    db, proxy = far
    catalog = Catalog(db)
    assert catalog.mandant_names() == ["1"]
    proxy.cut()
    proxy.restore()  # the pooled connection is dead, the server is there again
    assert catalog.mandant_names() == ["1"]
