"""The bottom row of "Datei importieren…": what runs now, and Vorschau, Buchen, Trotzdem
importieren, Abbrechen. The dialog decides what each button does and when it is offered."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QProgressBar


class ImportPreviewButtons(QHBoxLayout):
    """The busy indicator and the dialog's buttons, in one row."""

    def __init__(self) -> None:
        super().__init__()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, no percentage: the engine reports none
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.button_box = QDialogButtonBox()
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.preview_button = self.button_box.addButton(self.tr("Preview"), action)
        self.preview_button.setToolTip(self.tr("Show what the file would book; writes nothing."))
        self.book_button = self.button_box.addButton(self.tr("Book"), action)
        self.book_button.setToolTip(self.tr("Book exactly the preview shown."))
        self.override_button = self.button_box.addButton(self.tr("Import anyway …"), action)
        self.override_button.setToolTip(
            self.tr(
                "The checks for open items refused this file. Shows what it books without "
                "them; booking it is written to the audit log."
            )
        )
        self.cancel_button = self.button_box.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.addWidget(self.progress)
        self.addWidget(self.progress_label)
        self.addStretch(1)
        self.addWidget(self.button_box)

    def show_busy(self, kind: str | None) -> None:
        """The indicator and what runs: "reading", "loading", "planning", "booking"."""
        self.progress.setVisible(kind is not None)
        self.progress_label.setText(
            {
                "reading": self.tr("Reading the file …"),
                "loading": self.tr("Loading …"),
                "planning": self.tr("Making the preview …"),
                "booking": self.tr("Booking …"),
            }.get(kind or "", "")
        )

    def show_closing(self, done: bool) -> None:
        """After booking there is nothing left to cancel: the button closes."""
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))
