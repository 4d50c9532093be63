"""One process of the password race (test_password_lock.py): waits for a common start
time, then tries wrong passwords at the login or the eye button of the same user, and
prints how many passwords argon2 actually checked.

Run as ``python -m tests.store.password_race URL login|reveal NAME TRIES START_AT``.
"""

from __future__ import annotations

import json
import sys
import time

from argon2 import PasswordHasher

from desktop_app.jobs.credentials import SecretRef
from desktop_app.jobs.password_reveal import PasswordReveal
from desktop_app.jobs.user_session import log_in
from desktop_app.store.audit import AuditLog
from desktop_app.store.catalog import Catalog
from desktop_app.store.db import Database
from desktop_app.store.secrets import SecretStore
from desktop_app.store.users import UserRepository


class CountingHasher(PasswordHasher):
    """argon2id with its real cost; counts the checks it runs."""

    checks = 0

    def verify(self, hash, password):
        CountingHasher.checks += 1
        return super().verify(hash, password)


def main(url: str, mode: str, name: str, tries: int, start_at: float) -> None:
    db = Database(url)
    users = UserRepository(db, CountingHasher())
    audit_log = AuditLog(db)
    user = users.get(name)
    # The keyring is only read after a right password, which this process never types.
    reveal = PasswordReveal(users, Catalog(db), SecretStore(), audit_log)
    time.sleep(max(0.0, start_at - time.time()))
    for n in range(tries):
        wrong = f"falsch-{mode}-{n}"
        if mode == "login":
            log_in(users, audit_log, name, wrong)
        else:
            reveal.reveal(user, wrong, SecretRef.ftp("race"), "Rennen")
    db.dispose()
    print(json.dumps({"checks": CountingHasher.checks}))


if __name__ == "__main__":
    url, mode, name, tries, start_at = sys.argv[1:6]
    main(url, mode, name, int(tries), float(start_at))
