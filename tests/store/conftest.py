import pytest


@pytest.fixture
def db(any_db):
    """Every store test runs on SQLite and on PostgreSQL: nothing may be SQLite-only."""
    return any_db
