"""Which interface the form shows, and the writes on it: the main window's list and form
working together.

Every read and write runs through ``Op``, so neither a far database nor a keyring that
waits for its unlock prompt blocks the GUI thread. The list is read in the background;
choosing an interface shows the list's copy at once and reads it again behind it, so an
interface changed on another computer is shown as it is now. Results of a read that a
newer one overtook are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from .ops import Op, error_text
from .window_questions import UnsavedChoice

if TYPE_CHECKING:
    from ..jobs.change_audit import AuditedInterfaceEditor
    from ..jobs.scheduler_thread import SchedulerThread
    from ..jobs.view_queries import InterfaceChoices, ShownInterface, ViewQueries
    from ..store.interfaces import StoredInterface
    from .interface_form import InterfaceForm
    from .interface_list_panel import InterfaceListPanel
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class InterfaceEditing(QObject):
    """The list and the form of ``window`` on ``queries`` (reads) and an editor (writes)."""

    busyChanged = Signal(bool)
    listLoaded = Signal()  # the rows arrived (the first time: the window is filled)
    readFailed = Signal(object)  # an exception of a read; the window shows a banner
    nothingShownChanged = Signal(bool)  # the form gives way to "no interface matches"

    def __init__(self, window: MainWindow, panel: InterfaceListPanel, form: InterfaceForm):
        super().__init__(window)
        self._window = window
        self._panel = panel
        self._form = form
        self._queries: ViewQueries | None = None
        self._editor: AuditedInterfaceEditor | None = None  # the session's (use_editor)
        self._scheduler: SchedulerThread | None = None
        self._choices: InterfaceChoices | None = None
        self.current: StoredInterface | None = None  # what the form shows, as stored
        self._hidden_by_filter: str | None = None  # shown until the search hid it
        self._nothing_shown = False  # the search hides every interface (shows_nothing)
        self._busy = False
        self._reads = {"list": 0, "shown": 0}  # only the newest read of each kind counts
        self._answered = {"list": 0, "shown": 0}  # the newest read that has its answer
        panel.chosen.connect(self._on_chosen)
        panel.filterChanged.connect(lambda by_user: self._follow_filter(filter_changed=by_user))
        form.saveRequested.connect(lambda: self.save())
        form.discardRequested.connect(self.discard)
        form.dirtyChanged.connect(lambda _dirty: self._window.update_actions())

    def attach(self, queries: ViewQueries) -> None:
        self._queries = queries

    def use_scheduler(self, scheduler: SchedulerThread | None) -> None:
        """The scheduler that plans the interfaces' next runs (it may come later)."""
        self._scheduler = scheduler

    def use_editor(self, editor: AuditedInterfaceEditor) -> None:
        """Who writes from now on (another user logged in: another audit)."""
        self._editor = editor

    @property
    def busy(self) -> bool:
        """True while a write runs in the background."""
        return self._busy

    @property
    def reading(self) -> bool:
        """True while the newest read of the list has no answer yet."""
        return self._answered["list"] != self._reads["list"]

    @property
    def shows_nothing(self) -> bool:
        """True while the search or the filter hides every interface: instead of the form
        a page says so, and there is nothing to save, delete or run."""
        return self._nothing_shown

    # --- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list and the form's choices again; then show the first interface if
        the form shows none yet."""
        queries = self._queries
        if queries is None:
            return
        read = self._next_read("list")

        def loaded(result: tuple[list[StoredInterface], InterfaceChoices]) -> None:
            if read != self._reads["list"]:
                return
            self._answered["list"] = read
            interfaces, choices = result
            first_time = not self._panel.is_loaded()
            self._choices = choices
            self._panel.set_interfaces(interfaces)
            self._form.set_stored_interfaces(stored.settings for stored in interfaces)
            self._offer_choices()
            self._follow_reveal_rights()
            if first_time and self.current is None and not self._form.is_dirty():
                self._show_from_list(self._panel.first_name())
            self._follow_filter()
            self.listLoaded.emit()

        self._read(lambda: (queries.interfaces(), queries.choices()), loaded, read, "list")

    def refresh(self) -> None:
        """Read the list again, and a clean form's interface too: both show what another
        computer changed meanwhile. Typed values stay, and the list updates beside them;
        during a write the list only (the write shows its result when it is done)."""
        if not self._busy and not self._form.is_dirty() and self.current is not None:
            self._read_again(self.current)
        self.reload()

    def show(self, name: str | None) -> None:
        """Show ``name`` as the list read it (None: a new interface), then read it again."""
        self._show_from_list(name)

    def _show_from_list(self, name: str | None) -> None:
        stored = self._panel.interface(name) if name is not None else None
        if name is not None and stored is None:
            self._gone(name)
            return
        self.show_stored(stored)
        if stored is not None:
            self._read_again(stored)

    def _read_again(self, shown: StoredInterface) -> None:
        """The interface as stored now: another computer may have changed it."""
        queries, name = self._queries, shown.settings.name
        if queries is None:
            return
        read = self._next_read("shown")

        def loaded(now: ShownInterface) -> None:
            if read != self._reads["shown"] or self.current is None:
                return
            if self.current.id != shown.id or self._form.is_dirty() or self._busy:
                return  # the user moved on, or typed: what they see stays
            self._choices = now.choices
            if now.stored != self.current:
                self.show_stored(now.stored)
            else:
                self._offer_choices()

        def failed(exc: Exception) -> None:
            from ..jobs.view_queries import is_interface_gone

            if read == self._reads["shown"] and is_interface_gone(exc):
                self._gone(name)
            elif read == self._reads["shown"]:
                self.readFailed.emit(exc)

        Op(lambda: queries.shown_interface(name), parent=self._window).success(loaded).failure(
            failed
        ).run_in_background()

    def _read(
        self, work: Callable[[], Any], success: Callable[[Any], None], read: int, kind: str
    ) -> None:
        def failed(exc: Exception) -> None:
            if read == self._reads[kind]:
                self._answered[kind] = read
                self.readFailed.emit(exc)

        Op(work, parent=self._window).success(success).failure(failed).run_in_background()

    def _next_read(self, kind: str) -> int:
        self._reads[kind] += 1
        return self._reads[kind]

    def _gone(self, name: str) -> None:
        """``name`` was deleted (on another computer, say): said, and the list follows."""
        from ..jobs.view_queries import interface_gone_text

        self._window.statusBar().showMessage(interface_gone_text(name, self._form.lang), 8000)
        shown = self.current is None or self.current.settings.name == name
        if shown and not self._form.is_dirty():
            self.show_stored(None)
        self.reload()

    def catalogue_changed(self) -> None:
        """New, renamed or deleted branches or Mandanten: the form offers them at once,
        keeping what was typed (a clean form shows the interface as stored again)."""
        if self._queries is None or self._busy:
            return
        if not self._form.is_dirty() and self.current is not None:
            self._read_again(self.current)
        self.reload()

    def _offer_choices(self) -> None:
        choices = self._choices
        if choices is not None:
            self._form.set_choices(choices.branches, choices.mandants, choices.guards)

    def _follow_reveal_rights(self) -> None:
        """The eye buttons depend on the chain option and on the user's group, the menus
        on the group, either of which another computer may have changed: with each read
        of the list they ask again (in the background), so they follow, not only once
        clicked."""
        from .window_rights import follow_rights

        follow_rights(self._window)

    # --- showing ------------------------------------------------------------------------

    def show_stored(self, stored: StoredInterface | None) -> None:
        """Load ``stored`` (None: a new interface) into the form."""
        from ..jobs.form_saving import ftp_secret

        form = self._form
        self.current = stored
        self._next_read("shown")  # a re-read still running describes what was shown before
        self._hidden_by_filter = None  # another choice: no going back to the hidden one
        self._set_nothing_shown(False)
        self._offer_choices()
        form.load(stored)
        form.password_field.set_secret(  # the eye button's keyring entry and audit name
            ftp_secret(stored) if stored is not None else None,
            stored.settings.name if stored is not None else "",
        )
        self._window.setWindowModified(False)
        self._panel.select(stored.settings.name if stored is not None else None)
        self._window.update_actions()

    def _on_chosen(self, name: str) -> None:
        if name == self._form.original_name:
            return
        self.with_clean_form(
            lambda: self.show(name), on_cancel=lambda: self._panel.select(self._shown_name())
        )

    def _shown_name(self) -> str | None:
        return self.current.settings.name if self.current is not None else None

    def _follow_filter(self, *, filter_changed: bool = False) -> None:
        """A clean form shows only what the list shows, so Löschen and Jetzt ausführen act
        on nothing unseen: a search or filter that hides the interface shown moves the
        form to the first hit, or, without hits, gives it way to a page saying so, until
        the hidden one is listed again. An untouched blank new interface follows a change
        of the search or the filter (``filter_changed``) the same way, as one that no
        search matches: the user looks for a stored one. With the search emptied and the
        filter off it stays, as a shown interface would. Once no interface exists at all,
        the page gives way to the blank form again, as on the first start. Unsaved changes
        hold the form where it is: no question pops up while the user types a search; a
        click on a hit asks as always."""
        if self._form.is_dirty() or self._busy:
            return
        current, hidden = self.current, self._hidden_by_filter
        if current is not None:
            name = current.settings.name
            if self._panel.is_listed(name):
                return
            if self._panel.interface(name) is None:
                # Not hidden but gone from the list (deleted or renamed elsewhere).
                self.show_stored(None)
                self._hidden_by_filter = name
                return
            hidden = name
        elif (
            hidden is None
            and not self._nothing_shown
            and not (filter_changed and self._panel.is_filtering())
        ):
            return  # a new interface: only a search or filter the user sets moves it
        first = self._panel.first_name()
        if hidden is not None and self._panel.is_listed(hidden):
            self.show(hidden)
        elif first is not None:
            self.show(first)
        elif not self._panel.has_interfaces():
            # Not a search without hits: there is nothing left to find.
            self._hidden_by_filter = None
            if self._nothing_shown:
                self._set_nothing_shown(False)
                self._window.update_actions()
        elif not self._nothing_shown:
            self.show_stored(None)
            self._hidden_by_filter = hidden
            self._set_nothing_shown(True)
            self._window.update_actions()

    def _set_nothing_shown(self, nothing: bool) -> None:
        if nothing != self._nothing_shown:
            self._nothing_shown = nothing
            self.nothingShownChanged.emit(nothing)

    def with_clean_form(
        self, then: Callable[[], None], on_cancel: Callable[[], None] | None = None
    ) -> None:
        """Run ``then`` once the form has no unsaved changes: saved, discarded or none."""
        if not self._form.is_dirty():
            then()
            return
        choice = self._window.ask_unsaved_changes()
        if choice is UnsavedChoice.SAVE:
            self.save(after=then, on_cancel=on_cancel)
        elif choice is UnsavedChoice.DISCARD:
            then()
        elif on_cancel is not None:
            on_cancel()

    # --- writing ------------------------------------------------------------------------

    def new_interface(self) -> None:
        self.with_clean_form(lambda: self.show_stored(None))

    def discard(self) -> None:
        self.show(self._form.original_name)
        self._follow_filter()  # the edits held the form on an interface the search hides

    def save(
        self,
        after: Callable[[], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        """Check the form; if it passes, save it (and its password) in the background,
        where the values are checked again against the database."""
        from ..domain.interface import ChainOptions
        from ..domain.validation import ftp_password_problems, validate
        from ..jobs.form_saving import save_form

        form, editor = self._form, self._editor
        if self._busy or editor is None or self._nothing_shown:
            return
        settings, original_name = form.settings(), form.original_name
        password = form.password_change()
        # What the form can tell by itself, at once; the catalogue, the other names and
        # the chain's options may have changed elsewhere: the save checks those.
        problems = validate(settings, ChainOptions(future_booking_months=1))
        if isinstance(password, str):
            problems += ftp_password_problems(password)
        if problems:
            form.show_problems(problems)
            if on_cancel is not None:
                on_cancel()
            return
        trusted = form.pending_trusted_fingerprint()  # from the Test of a new interface
        # Read before the save: the form then shows what was stored, without the pattern.
        not_kept = form.pattern_not_kept_note()

        def saved(stored: StoredInterface) -> None:
            self._written(stored)
            form.set_status(" ".join(filter(None, [self.tr("Saved."), not_kept])))
            if after is not None:
                after()

        def failed(exc: Exception) -> None:
            self._save_failed(exc)
            if on_cancel is not None:
                on_cancel()

        form.set_status(self.tr("Saving …"))
        self._write(
            lambda: save_form(
                editor,
                settings,
                original_name=original_name,
                password=password,
                trusted_fingerprint=trusted,
            ),
            saved,
            failed,
        )

    def _save_failed(self, exc: Exception) -> None:
        from ..domain.validation import ValidationError
        from ..jobs.form_saving import is_keyring_missing, is_keyring_refusal

        form = self._form
        if isinstance(exc, ValidationError):  # the data changed since the check above
            form.show_problems(list(exc.problems))
            return
        if is_keyring_refusal(exc):
            # Nothing was saved; the typed values, the password included, stay in the form.
            # Said once, next to the password, with what to do; the status points there.
            form.set_status(
                self.tr("Not saved: the password could not be stored (see Password)."),
                error=True,
            )
            form.show_password_problem(
                error_text(exc, form.lang), without_keyring=is_keyring_missing(exc)
            )
        else:
            form.set_status(self.tr("Not saved."), error=True)
            self.report_error(exc)

    def duplicate_selected(self) -> None:
        name, editor = self._form.original_name, self._editor
        if name is None or self._busy or editor is None:
            return

        def duplicated(copy: StoredInterface) -> None:
            self._written(copy)
            self._window.statusBar().showMessage(
                self.tr("Copy “{name}” created: inactive and without password.").format(
                    name=copy.settings.name
                ),
                8000,
            )

        self.with_clean_form(lambda: self._write(lambda: editor.duplicate(name), duplicated))

    def delete_selected(self) -> None:
        name, editor = self._form.original_name, self._editor
        if name is None or self._busy or editor is None:
            return
        if not self._window.confirm_delete(name):
            return

        def deleted(_result: None) -> None:
            self._written(None)
            self._window.statusBar().showMessage(
                self.tr("Interface “{name}” deleted.").format(name=name), 8000
            )

        self._write(lambda: editor.delete(name), deleted)

    def toggle_selected_enabled(self) -> None:
        current, editor = self.current, self._editor
        if current is None or self._busy or editor is None:
            return
        name, enable = current.settings.name, not current.settings.enabled
        self.with_clean_form(
            lambda: self._write(lambda: editor.set_enabled(name, enable), self._written)
        )

    def _written(self, stored: StoredInterface | None) -> None:
        """After a write: the form shows the result, the list and the scheduler re-read."""
        self.show_stored(stored)
        self.reload()
        if self._scheduler is not None:
            self._scheduler.interfaces_changed()

    def _write(
        self,
        work: Callable[[], Any],
        success: Callable[[Any], None],
        failure: Callable[[Exception], None] | None = None,
    ) -> None:
        self._set_busy(True)
        self._next_read("shown")  # what a re-read still running says, the write changes

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            success(result)

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            (failure or self.report_error)(exc)

        Op(work, parent=self._window).success(succeeded).failure(failed).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._form.set_busy(busy)
        self._panel.view.setEnabled(not busy)
        self._window.update_actions()
        if not busy:
            # The window may close now; after the callbacks that follow, not before.
            QTimer.singleShot(0, lambda: self.busyChanged.emit(False))
        else:
            self.busyChanged.emit(True)

    def report_error(self, exc: Exception) -> None:
        from ..jobs.view_queries import is_interface_gone

        if is_interface_gone(exc):
            self.reload()  # someone else deleted it; the list should say so too
        else:
            log.error("operation failed", exc_info=exc)
        detail = error_text(exc, self._form.lang)
        self._window.show_error(self.tr("The operation failed: {detail}").format(detail=detail))
