"""The change hub, and the jobs that announce on it once a change is stored."""

from __future__ import annotations

import threading

from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import Group
from desktop_app.jobs.changes import Change, ChangeEvent, ChangeHub
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.user_session import UserSession
from desktop_app.store.users import UserRepository


def test_subscribers_hear_each_publish_until_they_unsubscribe():
    hub, heard = ChangeHub(), []
    unsubscribe = hub.subscribe(heard.append)
    hub.publish(Change.LEDGER, Change.RUNS, initiator="view")
    hub.publish()  # nothing changed: no event
    unsubscribe()
    hub.publish(Change.USERS)
    assert heard == [ChangeEvent(frozenset({Change.LEDGER, Change.RUNS}), "view")]
    assert Change.LEDGER in heard[0] and Change.USERS not in heard[0]


def test_a_failing_subscriber_does_not_stop_the_others():
    hub, heard = ChangeHub(), []

    def broken(_event: ChangeEvent) -> None:
        raise RuntimeError("listener bug")

    hub.subscribe(broken)
    hub.subscribe(heard.append)
    hub.publish(Change.OPTIONS)
    assert [event.changes for event in heard] == [frozenset({Change.OPTIONS})]


def test_publish_runs_on_the_publishing_thread():
    hub, threads = ChangeHub(), []
    hub.subscribe(lambda _event: threads.append(threading.current_thread()))
    worker = threading.Thread(target=lambda: hub.publish(Change.LEDGER))
    worker.start()
    worker.join()
    assert threads == [worker]


def test_saving_and_deleting_an_interface_is_announced(repository, secret_store, sample_settings):
    hub, heard = ChangeHub(), []
    hub.subscribe(heard.append)
    editor = InterfaceEditor(repository, secret_store, changes=hub)
    editor.save(sample_settings)
    editor.duplicate(sample_settings.name)
    editor.delete(sample_settings.name)
    assert [event.changes for event in heard] == [frozenset({Change.INTERFACES})] * 3


def test_administration_announces_users_options_and_catalogue(db, secret_store):
    admin = UserRepository(db).create("chefin", "Admin-Passwort-1", Group.ADMINISTRATORS)
    hub, heard = ChangeHub(), []
    hub.subscribe(heard.append)
    session = UserSession.open(db, secret_store, admin, changes=hub)
    session.create_user("anna", "Anna-Passwort-1", Group.STAFF)
    session.save_chain_options(ChainOptions(admins_may_reveal_passwords=True))
    session.save_chain_options(ChainOptions(admins_may_reveal_passwords=True))  # no change
    session.catalog_changes().add_branch("Optik Nord")
    assert [set(event.changes) for event in heard] == [
        {Change.USERS},
        {Change.OPTIONS},
        {Change.CATALOGUE},
    ]
