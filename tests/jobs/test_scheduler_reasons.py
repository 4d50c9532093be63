"""An interface the scheduler does not plan on this computer is published with the reason,
so the list can say why its „Nächster Lauf“ is empty."""

# The fixture imported from test_scheduler is the tests' parameter by design.
# ruff: noqa: F811

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, update

from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.scheduler import Eligibility
from desktop_app.store.models import InterfaceRow, PasswordHolderRow

from .test_scheduler import FakeClock, Runs, at, daily, make_loop, save  # noqa: F401


def as_before_versions(db, name: str) -> None:
    """Interface ``name``'s password as the upgrade that introduced versions left it: no
    version, no holder records."""
    with db.session() as s:
        row = s.query(InterfaceRow).filter_by(name=name).one()
        s.execute(
            update(InterfaceRow).where(InterfaceRow.id == row.id).values(ftp_password_version=None)
        )
        s.execute(delete(PasswordHolderRow).where(PasswordHolderRow.interface_id == row.id))


def test_interfaces_not_planned_here_are_published_with_the_reason(
    db, repository, secret_store, daily
):
    save(repository, daily)
    save(repository, daily.with_changes(name="Andere Kasse", workstation="KASSE-02"))
    save(repository, daily.with_changes(name="Andere Filiale", branch="Hörakustik Mitte"))
    save(repository, daily.with_changes(name="Aus", enabled=False))
    save(repository, daily.with_changes(name="Später", start_date=date(2027, 4, 1)))
    later_elsewhere = {"start_date": date(2027, 4, 1), "workstation": "KASSE-02"}
    save(repository, daily.with_changes(name="Später anderswo", **later_elsewhere))
    here = InterfaceEditor(repository, secret_store, computer="KASSE-01")
    there = InterfaceEditor(repository, secret_store, computer="KASSE-02")
    there.save(daily.with_changes(name="Passwort fehlt"), password="dort")
    here.save(daily.with_changes(name="Passwort veraltet"), password="alt")
    there.save(
        daily.with_changes(name="Passwort veraltet"),
        original_name="Passwort veraltet",
        password="neu",
    )
    here.save(daily.with_changes(name="Vor Versionen"), password="früher")
    as_before_versions(db, "Vor Versionen")
    clock = FakeClock(at(1, 7))
    # No keyring given: the password from before versions is not found on this computer.
    loop, recorder = make_loop(db, clock, Runs(clock))
    loop.run_pending()
    assert recorder.next_runs[-1] == {
        "Täglich": at(1, 7, 30),
        "Andere Kasse": Eligibility.OTHER_COMPUTER,
        "Andere Filiale": Eligibility.OTHER_BRANCH,
        "Aus": Eligibility.DISABLED,
        "Später": at(1, 7, 30, month=4),  # its first slot once released, not planned yet
        "Später anderswo": Eligibility.OTHER_COMPUTER,  # what holds once it is released
        "Passwort fehlt": Eligibility.PASSWORD_MISSING,
        "Passwort veraltet": Eligibility.PASSWORD_OUTDATED,
        "Vor Versionen": Eligibility.PASSWORD_UNCONFIRMED,
    }
    assert all(type(value) is not str for value in recorder.next_runs[-1].values())
    # The planning is the same as without reasons: only the interface that runs here.
    assert [job.interface_id for job in loop._scheduler.jobs] == [repository.find("Täglich").id]
