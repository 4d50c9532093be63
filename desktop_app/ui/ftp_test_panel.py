"""The FTP "Test" of the interface form (PRODUCT.md §3): its button and its results.

It tests the values in the form as they are now, saved or not: the typed password, else
the stored one (read from the keyring off the GUI thread, never shown), and the trusted
certificate fingerprint. The job (``run_ftp_test``) runs through ``Op``; each step's
result comes back through a queued signal while the form stays usable. Clicking the
button again cancels. A refused certificate or host key offers "Diesem Zertifikat
vertrauen": stored at once for a saved interface, kept pending until the first save
for a new one (the main window asks ``pending_trusted_fingerprint`` then).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..domain.interface import FtpSettings
from ..jobs.connection_test import (
    NOT_RUN_DE,
    NOT_RUN_EN,
    FtpTestResult,
    StepId,
    TestStep,
    ftp_test_problems,
    planned_steps,
    prepare_ftp_test,
)
from ..transfer.trust import openssh_fingerprint
from .ftp_test_basis import TestBasis
from .ops import Op, error_text
from .trust_dialog import TrustDialog, format_fingerprint
from .widgets.field_box import ERROR_COLOR
from .widgets.test_steps_view import MUTED_COLOR, OK_COLOR, StepState, TestStepsView
from .widgets.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from ..jobs.interface_edit import InterfaceEditor, PasswordChange
    from ..store.interfaces import StoredInterface

DEFAULT_TEST_TIMEOUT = 15.0  # seconds per network wait; a run's own timeout is separate


@dataclass(frozen=True)
class FtpFormValues:
    """What the Test takes from the form: the FTP fields and the password field's state."""

    settings: FtpSettings
    password: PasswordChange  # typed text, KEEP_PASSWORD (use the stored one) or "" (none)


class _StepRelay(QObject):
    """Carries each step from the job's thread to the GUI thread (a queued signal)."""

    step = Signal(object)


class FtpTestPanel(QWidget):
    """The Test button, a one-line summary beside it, and the steps below once tested."""

    finished = Signal(object)  # FtpTestResult of a run that was not abandoned
    results_grew = Signal()  # a step or the summary was shown: the form keeps it in view

    def __init__(
        self,
        editor: InterfaceEditor,
        values: Callable[[], FtpFormValues],
        lang: str = "de",
        timeout: float = DEFAULT_TEST_TIMEOUT,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._editor = editor
        self._values = values
        self._lang = lang
        self.timeout = timeout
        self._stored: StoredInterface | None = None
        self._trusted: str | None = None  # what the next run trusts
        self._pending_trust: str | None = None  # trusted for a new interface, not stored yet
        self._tested: TestBasis | None = None  # what the last run used
        self._run = 0  # results of an abandoned run (another interface shown) are dropped
        self._cancel: threading.Event | None = None
        self._received: list[TestStep] = []  # the steps the running test reported so far
        self.last_result: FtpTestResult | None = None

        self.test_button = QPushButton(self.tr("Test"), self)
        self.test_button.setObjectName("ftpTestButton")
        self.test_button.setToolTip(
            self.tr(
                "Tests the values in the form, saved or not: reach the server, log in, open "
                "and list the directory, write a probe file, read it back and delete it."
            )
        )
        self.test_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.test_button.clicked.connect(self._on_button)
        self.summary_label = WrappedLabel(parent=self)
        self.summary_label.setObjectName("ftpTestSummary")
        self.pending_label = WrappedLabel(
            self.tr("The trusted certificate is stored when you save this interface."), self
        )
        self.pending_label.hide()
        self.steps_view = TestStepsView(self)
        self.steps_view.hide()
        self.trust_button: QPushButton | None = None  # exists while a refusal is shown

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.summary_label, 1, Qt.AlignmentFlag.AlignVCenter)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.pending_label)
        column.addWidget(self.steps_view)
        self._show_summary("")
        # The pool thread must not keep the program alive for a whole timeout on quit.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)

    # --- what the form and the main window ask ---------------------------------------------

    def set_interface(
        self, stored: StoredInterface | None, typed_before: PasswordChange | None = None
    ) -> None:
        """The form now shows ``stored`` (None: a new interface); ``typed_before``: what its
        password field held just before (a save stored that; None: not known).

        The results stay when they still describe it: the same interface, re-read or saved
        right after the test, whose connection, password and trusted fingerprint are
        those tested. Otherwise a running test is abandoned and the results are cleared.
        """
        previous, tested = self._stored, self._tested
        same_interface = stored is not None and (previous is None or previous.uid == stored.uid)
        still = (
            tested.still_for(stored, previous, typed_before)
            if same_interface and stored is not None and tested is not None
            else None
        )
        self._stored = stored
        self._pending_trust = None
        self._trusted = stored.trusted_fingerprint if stored is not None else None
        self.pending_label.hide()
        if still is not None:
            self._tested = still
            return
        self._abandon()
        self._tested = None
        self.last_result = None
        self.steps_view.hide()
        self.steps_view.set_steps([])
        self.trust_button = None
        self._show_summary("")

    def pending_trusted_fingerprint(self) -> str | None:
        """A fingerprint trusted for the new, unsaved interface: store it on its save."""
        return self._pending_trust

    def is_running(self) -> bool:
        return self._cancel is not None

    def start(self) -> None:
        """Test the form's current values in the background (nothing if one runs)."""
        if self.is_running():
            return
        values = self._values()
        settings = values.settings
        problems = ftp_test_problems(settings, values.password, self._stored)
        if problems:
            self.steps_view.hide()
            self._show_summary(
                self.tr("Cannot test yet: {problems}").format(
                    problems=" ".join(p.text(self._lang) for p in problems)
                ),
                error=True,
            )
            return

        self._run += 1
        run = self._run
        cancel = threading.Event()
        self._cancel = cancel
        self._received = []
        self._tested = TestBasis.of_run(settings, values.password, self._stored, self._trusted)
        self.trust_button = None
        plan = planned_steps(settings.protocol)
        self.steps_view.set_steps((step.value, self._label(step)) for step in plan)
        self.steps_view.show()
        self.steps_view.set_state(plan[0].value, StepState.RUNNING)
        self._show_summary(self.tr("Testing …"))
        self._set_button()

        relay = _StepRelay()
        relay.step.connect(
            lambda step: self._on_step(run, step), Qt.ConnectionType.QueuedConnection
        )
        editor, stored, trusted, timeout = self._editor, self._stored, self._trusted, self.timeout
        password_change = values.password

        def work() -> FtpTestResult:
            request = prepare_ftp_test(
                editor.secrets,
                settings,
                stored=stored,
                password=password_change,
                trusted_fingerprint=trusted,
            )
            return request.run(timeout=timeout, cancel=cancel, on_step=relay.step.emit)

        def done(result: FtpTestResult) -> None:
            relay.deleteLater()
            if self._alive(run):
                self._on_result(result)

        def failed(exc: Exception) -> None:
            relay.deleteLater()
            if self._alive(run):
                self._on_error(exc)

        Op(work, parent=self).success(done).failure(failed).run_in_background()

    def cancel(self) -> None:
        """Break off the running test. The panel ends it at once rather than waiting for
        the job: a job blocked in a network call may take until its timeout to notice,
        and it cleans up (closes, removes its probe file) in the background all the same."""
        cancel = self._cancel
        if cancel is None:
            return
        cancel.set()
        plan = [StepId(key) for key in self.steps_view.step_keys()]
        done = {step.step for step in self._received}
        stopped = next((step for step in plan if step not in done), None)
        steps = [*self._received]
        for step in plan:
            if step in done:
                continue
            if step is stopped:
                message = message_en = self.tr("Cancelled by the user.")
            else:
                message, message_en = NOT_RUN_DE, NOT_RUN_EN
            steps.append(
                TestStep(
                    step, ok=False, message=message, ran=step is stopped, message_en=message_en
                )
            )
        self._run += 1  # what the job still reports is no longer shown
        self._on_result(FtpTestResult(tuple(steps), cancelled=True))

    # --- questions to the user (overridable, so tests can answer them) ----------------------

    def confirm_trust(self, step: TestStep) -> bool:
        """Ask before trusting ``step.fingerprint``; a changed one gets a clear warning."""
        dialog = TrustDialog(
            getattr(step.error, "host", ""),
            step.fingerprint or "",
            ssh_key=step.step is StepId.HOST_KEY,
            previous=getattr(step.error, "trusted_fingerprint", None),
            parent=self,
        )
        return dialog.exec() == QDialog.DialogCode.Accepted

    # --- running ---------------------------------------------------------------------------

    def _label(self, step: StepId) -> str:
        return step.label_en if self._lang == "en" else step.label_de

    def _alive(self, run: int) -> bool:
        # The result of an abandoned run, or one for a panel already deleted, is dropped.
        return isValid(self) and run == self._run

    def _abandon(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self._run += 1
        self._finish_run()

    def _finish_run(self) -> None:
        self._cancel = None
        self._set_button()

    def _on_button(self) -> None:
        if self.is_running():
            self.cancel()
        else:
            self.start()

    def _set_button(self) -> None:
        running = self._cancel is not None
        self.test_button.setText(self.tr("Cancel") if running else self.tr("Test"))

    def _on_step(self, run: int, step: TestStep) -> None:
        if not self._alive(run):
            return
        self._received.append(step)
        self._show_step(step, cancelled=False)
        if step.ok:
            plan = self.steps_view.step_keys()
            index = plan.index(step.step.value)
            if index + 1 < len(plan):
                self.steps_view.set_state(plan[index + 1], StepState.RUNNING)

    def _show_step(self, step: TestStep, cancelled: bool) -> None:
        if step.ok:
            state = StepState.OK
        elif not step.ran or cancelled:
            state = StepState.NOT_RUN  # a cancelled step did not fail: the user stopped it
        else:
            state = StepState.FAILED
        self.steps_view.set_state(step.step.value, state, step.text(self._lang))
        self.results_grew.emit()

    def _on_result(self, result: FtpTestResult) -> None:
        cancelled = result.cancelled
        self._finish_run()
        self.last_result = result
        for step in result.steps:  # the final word, should a queued step arrive late
            self._show_step(step, cancelled)
        failed = result.failed_step
        if result.ok:
            self._show_summary(self.tr("Test passed: every step succeeded."), ok=True)
        elif cancelled:
            self._show_summary(self.tr("Test cancelled."))
        elif failed is not None:
            self._show_summary(
                self.tr("Test failed at “{step}”.").format(step=self._label(failed.step)),
                error=True,
            )
        if failed is not None and failed.needs_trust and failed.fingerprint and not cancelled:
            self._offer_trust(failed)
        self.finished.emit(result)

    def _on_error(self, exc: Exception) -> None:
        """The job could not start: the stored password could not be read."""
        self._finish_run()
        for key in self.steps_view.step_keys():
            self.steps_view.set_state(key, StepState.NOT_RUN)
        self._show_summary(
            self.tr("The stored password could not be read: {detail}").format(
                detail=error_text(exc, self._lang)
            ),
            error=True,
        )

    def _show_summary(self, text: str, *, ok: bool = False, error: bool = False) -> None:
        color: QColor | None
        if not text and not self.steps_view.isVisibleTo(self):
            text = self.tr("Tests the values in the form, also unsaved ones.")
            color = MUTED_COLOR
        else:
            color = OK_COLOR if ok else ERROR_COLOR if error else None
        palette = self.palette()
        if color is not None:
            palette.setColor(QPalette.ColorRole.WindowText, color)
        self.summary_label.setPalette(palette)
        self.summary_label.setText(text)
        if self.steps_view.isVisibleTo(self):
            self.results_grew.emit()

    # --- trusting a certificate or host key ---------------------------------------------------

    def _offer_trust(self, step: TestStep) -> None:
        assert step.fingerprint is not None
        box = QFrame(self)
        box.setObjectName("trustBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 6, 8, 6)
        caption = QLabel(self.tr("Fingerprint (SHA-256):"), box)
        fingerprint = QLabel(format_fingerprint(step.fingerprint), box)
        fingerprint.setObjectName("trustFingerprint")
        fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key = step.step is StepId.HOST_KEY
        openssh = QLabel(openssh_fingerprint(step.fingerprint), box)  # as ssh-keygen -l says
        openssh.setObjectName("trustOpensshFingerprint")
        openssh.setFont(fingerprint.font())
        openssh.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        openssh.setVisible(key)
        button = QPushButton(
            self.tr("Trust this SSH key …") if key else self.tr("Trust this certificate …"), box
        )
        button.setObjectName("trustButton")
        button.clicked.connect(lambda: self._trust(step))
        layout.addWidget(caption)
        layout.addWidget(fingerprint)
        layout.addWidget(openssh)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.steps_view.add_detail(step.step.value, box)
        self.trust_button = button

    def _trust(self, step: TestStep) -> None:
        fingerprint = step.fingerprint
        if fingerprint is None or self.is_running() or not self.confirm_trust(step):
            return
        stored = self._stored
        if stored is None:
            self._pending_trust = self._trusted = fingerprint
            self.pending_label.show()
            self.start()
            return
        from ..jobs.window_jobs import trust_fingerprint

        editor, name, run = self._editor, stored.settings.name, self._run

        def trusted(_result: None) -> None:
            if not self._alive(run):
                return
            self._trusted = fingerprint
            self.start()

        def failed(exc: Exception) -> None:
            if self._alive(run):
                self._show_summary(
                    self.tr("Not trusted: {detail}").format(detail=error_text(exc, self._lang)),
                    error=True,
                )

        self._show_summary(self.tr("Storing the trusted fingerprint …"))
        Op(lambda: trust_fingerprint(editor, name, fingerprint), parent=self).success(
            trusted
        ).failure(failed).run_in_background()
