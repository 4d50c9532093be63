"""What the ``cases`` and ``bookings`` commands share: their id and ``--json`` options, the
case desk they work on, and how its refusals end the command."""

from __future__ import annotations

import argparse

from .common import EXIT_FAILED, EXIT_INVALID, CliError, Context
from .texts import said, translate


def id_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("id", type=positive_id, help=help_text)


def reason_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--reason TEXT``, required: why a case is closed or a booking reversed."""
    parser.add_argument("--reason", required=True, metavar="TEXT", help=help_text)


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help=translate("CliCases", "print the result as JSON")
    )


def positive_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CliCases", "{text} is not a whole number").format(text=repr(text))
        ) from None
    if not 1 <= value <= 2**53:
        raise argparse.ArgumentTypeError(translate("CliCases", "must be a positive number"))
    return value


def case_desk(ctx: Context):
    from ..jobs.case_desk import CaseActor, CaseDesk

    backend = ctx.backend
    return CaseDesk(backend.db, CaseActor.command_line(), changes=backend.changes)


def failed(exc: Exception) -> CliError:
    """A case error as the command's failure: wrong input is 3, the rest 1."""
    from ..domain.booking_policy import FutureBookingNotAllowed

    code = EXIT_INVALID if isinstance(exc, ValueError) else EXIT_FAILED
    if isinstance(exc, FutureBookingNotAllowed):
        code = EXIT_FAILED
    return CliError(said(exc), code)


def guarded(action, booked_before_hint=None):
    """``action()``, its refusals as the command's failure; ``booked_before_hint()``: what
    to add when it refused a payment booked already (how to confirm it)."""
    from ..domain.booking_policy import FutureBookingNotAllowed
    from ..domain.cases import CaseError
    from ..domain.same_payment import PaymentBookedBefore

    try:
        return action()
    except (CaseError, FutureBookingNotAllowed) as exc:
        error = failed(exc)
        if isinstance(exc, PaymentBookedBefore) and booked_before_hint is not None:
            error = CliError(f"{error} {booked_before_hint()}", error.code)
        raise error from None
