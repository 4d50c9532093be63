"""Importing an Offene-Posten file once although its checks refused it: on purpose, audited.

The checks (empty file, older file, share of invoices) exist because an open-items list
settles every invoice it leaves out. A person who knows the file is right may import it
anyway: the import preview ("Datei importieren…") and ``import-file --override-guards``
plan it without the checks, show or print that plan, and book exactly it. The booking
and what the checks had said go to the audit log together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..domain.settlement import GuardConfig
from .change_audit import ChangeAudit
from .settle_file import ImportOutcome, ImportRequest, ImportResult, SettlementEngine

GUARDS_OVERRIDDEN = "open_item_guards_overridden"


def failed_guards(result: ImportResult) -> list[str]:
    """The checks that refused ``result``'s plan ("empty", "older", "share")."""
    plan = result.plan
    if plan is None or not plan.refused:
        return []
    return [g.name for g in plan.guards if not g.passed]


@dataclass(frozen=True)
class GuardOverride:
    engine: SettlementEngine
    audit: ChangeAudit

    @staticmethod
    def request(request: ImportRequest) -> ImportRequest:
        """``request`` without any Offene-Posten check."""
        return replace(request, guards=GuardConfig.off())

    def preview(self, request: ImportRequest) -> ImportResult:
        """The plan without the checks; writes nothing."""
        return self.engine.plan(self.request(request))

    def book(
        self, request: ImportRequest, planned: ImportResult, refused_by: list[str]
    ) -> ImportResult:
        """Book ``planned`` (made by ``preview``) and audit it with the checks it passed by."""
        result = self.engine.apply(self.request(request), planned)
        self._record(request, result, refused_by)
        return result

    def run(
        self, request: ImportRequest, *, dry_run: bool = False
    ) -> tuple[ImportResult, list[str]]:
        """The command line's way: import normally; when only the checks refuse the file,
        import it without them (audited unless ``dry_run``). Returns the result and the
        checks that were passed by (empty: none needed to be)."""
        first = self.engine.run(request, dry_run=dry_run)
        refused_by = failed_guards(first)
        if not refused_by:
            return first, []
        result = self.engine.run(self.request(request), dry_run=dry_run)
        if not dry_run:
            self._record(request, result, refused_by)
        return result, refused_by

    def _record(self, request: ImportRequest, result: ImportResult, refused_by: list[str]) -> None:
        self.audit.record(
            GUARDS_OVERRIDDEN,
            request.file_name,
            outcome="ok" if result.outcome is ImportOutcome.BOOKED else result.outcome.value,
            fields=refused_by,
            sha256=result.sha256,
            format=request.format_id,
            mandants=list(request.mandants),
            booked=result.booked_count,
            booked_amount=str(result.booked_amount),
        )
