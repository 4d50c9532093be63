"""A database URL as logs and messages may show it: no password anywhere in it.

SQLAlchemy's ``hide_password`` masks only the one after the user name; libpq and the
MySQL drivers also take one as a query parameter (``?password=…``, ``sslpassword=…``).
"""

from __future__ import annotations

from urllib.parse import quote_plus

from sqlalchemy.engine import URL, make_url

MASK = "***"
# Parameter names that carry a secret in libpq, psycopg, the MySQL drivers and ODBC.
_SECRET_WORDS = ("pass", "pwd", "secret", "token")


def is_secret_parameter(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def shown_url(url: str | URL) -> str:
    """``url`` with the password after the user name and every password-like query
    parameter replaced by ``***``."""
    parsed = make_url(url) if isinstance(url, str) else url
    base = parsed.set(query={}).render_as_string(hide_password=True)
    pairs = []
    for name, values in parsed.query.items():
        for value in (values,) if isinstance(values, str) else values:
            shown = MASK if is_secret_parameter(name) else quote_plus(value)
            pairs.append(f"{quote_plus(name)}={shown}")
    return f"{base}?{'&'.join(pairs)}" if pairs else base
