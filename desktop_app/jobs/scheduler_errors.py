"""What the scheduler tells the window when it cannot do its work: a kind and its detail.

The window words it in its language (ui/run_texts.py, through the catalogue); ``serve``
only logs ``log_text``, in English. The detail is the error's own text for people where it
is one of ours; of any other error only its kind, because its text may quote input (the
log keeps it in full).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .run_errors import ErrorText, internal, of_error


class SchedulerFault(enum.StrEnum):
    CHECK_FAILED = "check_failed"  # a pass could not read the interfaces or their state
    RUN_CRASHED = "run_crashed"  # the run pipeline raised instead of reporting a failure
    STOPPED = "stopped"  # the loop itself ended on an error: no more scheduled runs


_LOG = {
    SchedulerFault.CHECK_FAILED: "The schedule could not be checked: {error}",
    SchedulerFault.RUN_CRASHED: "The run of {name!r} was aborted: {error}",
    SchedulerFault.STOPPED: "The scheduler stopped: {error}",
}


@dataclass(frozen=True)
class SchedulerError:
    fault: SchedulerFault
    detail: ErrorText  # what went wrong, for people, in either language
    name: str = ""  # the interface whose run crashed
    log_text: str = ""  # English, with the error's own text

    @classmethod
    def of(cls, fault: SchedulerFault, exc: BaseException, name: str = "") -> SchedulerError:
        ours = bool(getattr(exc, "message_de", None))
        detail = of_error(exc) if ours else internal(type(exc).__name__)
        error = f"{type(exc).__name__}: {exc}"
        return cls(fault, detail, name, _LOG[fault].format(name=name, error=error))
