"""What the interface form offers from the catalogue (branches, Mandanten) and, where the
catalogue has none yet, the offer to add one in place; an entry added in place is
chosen as soon as the catalogue's new lists arrive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tr_noop import QT_TRANSLATE_NOOP
from .interface_form_texts import tr_form as _tr

if TYPE_CHECKING:
    from .interface_form import InterfaceForm


ALL_BRANCHES = QT_TRANSLATE_NOOP("InterfaceForm", "(all branches)")
NO_CLIENT = QT_TRANSLATE_NOOP(
    "InterfaceForm", "No client exists yet; an interface needs at least one."
)
NO_CLIENT_ASK = QT_TRANSLATE_NOOP(
    "InterfaceForm",
    "No client exists yet; an interface needs at least one. An administrator adds clients "
    "under “Administration → Branches and clients”.",
)
NO_BRANCH = QT_TRANSLATE_NOOP(
    "InterfaceForm", "No branch exists yet: the interface is for every branch."
)


class CatalogueChoices:
    """The branch choice and the Mandant list of ``form``, and the hints under them."""

    def __init__(self, form: InterfaceForm):
        self._form = form
        self.may_set_up = False  # administrators may add Mandanten, branches, SMTP in place
        self._has_branches = self._has_mandants = True  # until offered otherwise
        self._pending_mandants: set[str] = set()
        self._pending_branch: str | None = None

    def arrive(self, branches: list[str], mandants: list[str]) -> None:
        """The catalogue's lists (read anew): offer them, say what is missing, and choose
        what was added in place."""
        form = self._form
        form.state.loading = True
        try:
            self.offer(branches, mandants)
        finally:
            form.state.loading = False
        self.update_hints()
        if self.choose_pending():
            form.state.update_dirty()

    def offer(self, branches: list[str], mandants: list[str]) -> None:
        """Fill the choices (the form's signals are quiet meanwhile: ``form.state.loading``)."""
        combo = self._form.branch_combo
        current = combo.currentData()
        combo.clear()
        combo.addItem(_tr(ALL_BRANCHES), "")
        for name in branches:
            combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        self._form.mandant_list.set_names(mandants)
        self._has_branches, self._has_mandants = bool(branches), bool(mandants)

    def forget_pending(self) -> None:
        """Another interface is shown: what was added for the last one is not for it."""
        self._pending_mandants.clear()
        self._pending_branch = None

    def check_mandant(self, name: str) -> None:
        self._pending_mandants.add(name)
        self.choose_pending()

    def choose_branch(self, name: str) -> None:
        self._pending_branch = name
        self.choose_pending()

    def choose_pending(self) -> bool:
        """Choose what was added in place once it is offered; True when a Mandant was
        ticked (the form is changed then)."""
        form = self._form
        offered = self._pending_mandants & set(form.mandant_list.names())
        if offered:
            self._pending_mandants -= offered
            form.mandant_list.set_checked({*form.mandant_list.checked(), *offered})
        index = form.branch_combo.findData(self._pending_branch or None)
        if self._pending_branch and index >= 0:
            self._pending_branch = None
            form.branch_combo.setCurrentIndex(index)
        return bool(offered)

    def update_hints(self) -> None:
        form, may = self._form, self.may_set_up
        if self._has_mandants:
            form.mandant_setup.show_hint("", with_button=False)
        else:
            form.mandant_setup.show_hint(_tr(NO_CLIENT if may else NO_CLIENT_ASK), with_button=may)
        if self._has_branches:
            form.branch_setup.show_hint("", with_button=False)
        else:
            form.branch_setup.show_hint(_tr(NO_BRANCH), with_button=may)
