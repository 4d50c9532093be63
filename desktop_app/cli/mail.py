"""``test-mail`` and ``smtp set|show``: the SMTP server for failure reports."""

from __future__ import annotations

import argparse
import sys

from .common import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    Context,
    invalid,
    password_from_stdin,
    print_json,
    stored_interface,
)


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    from ..domain.smtp_settings import SmtpSecurity

    p = commands.add_parser("test-mail", parents=[common], help="send a test e-mail")
    p.add_argument("name", help="the interface whose E-Mail address gets the message")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_test_mail)

    smtp = commands.add_parser("smtp", help="the SMTP server for failure reports")
    ssub = smtp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("set", parents=[common], help="set up the SMTP server")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, default=None)
    p.add_argument("--security", choices=[s.value for s in SmtpSecurity], default="starttls")
    p.add_argument("--user", default="")
    p.add_argument("--sender", required=True, help="the From address of reports")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(handler=cmd_smtp_set)
    p = ssub.add_parser("show", parents=[common], help="print the SMTP settings (no password)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_smtp_show)


def _smtp_setup(ctx: Context):
    from ..jobs.smtp_setup import SmtpSetup

    backend = ctx.backend
    return SmtpSetup(backend.db, backend.secrets, ctx.change_audit, backend.changes)


def cmd_test_mail(ctx: Context, args: argparse.Namespace) -> int:
    from ..config import configured_language
    from ..store.errors import SecretStoreError

    stored = stored_interface(ctx, args.name)
    if not stored.settings.error_email:
        raise CliError(f"interface {args.name!r} has no e-mail address", EXIT_INVALID)
    lang = configured_language(ctx.paths, getattr(args, "lang", None))  # as the failure mail's
    try:
        request = _smtp_setup(ctx).prepare_test(stored.settings.error_email, lang=lang)
    except SecretStoreError as exc:
        raise CliError(f"cannot read the SMTP password: {exc}") from None
    result = request.send()
    if args.json:
        print_json(result.to_json())
    else:
        print(result.text(lang))
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_smtp_set(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain.smtp_settings import SmtpSecurity, SmtpSettings, smtp_problems
    from ..domain.validation import ValidationError
    from ..jobs.interface_edit import KEEP_PASSWORD, PasswordChange
    from ..store.errors import SecretStoreError

    if args.port is not None and not 1 <= args.port <= 65535:
        raise CliError("--port must be between 1 and 65535", EXIT_INVALID)
    if "@" not in args.sender:
        raise CliError("--sender must be an e-mail address", EXIT_INVALID)
    settings = SmtpSettings(
        args.host.strip(),
        args.port,
        SmtpSecurity(args.security),
        args.user.strip(),
        args.sender.strip(),
    )
    problems = smtp_problems(settings)
    if problems:
        raise invalid("invalid SMTP settings, nothing saved", problems)
    password: PasswordChange = KEEP_PASSWORD
    if args.password_stdin:
        password = password_from_stdin()
    try:
        _smtp_setup(ctx).save(settings, password)
    except ValidationError as exc:
        raise invalid("invalid SMTP settings, nothing saved", exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(f"password not stored, nothing saved: {exc}") from None
    print(f"SMTP server set: {settings.host}:{settings.effective_port}", file=sys.stderr)
    return EXIT_OK


def cmd_smtp_show(ctx: Context, args: argparse.Namespace) -> int:
    stored = _smtp_setup(ctx).stored()
    data = {
        "host": stored.settings.host,
        "port": stored.settings.effective_port,
        "security": stored.settings.security.value,
        "user": stored.settings.user,
        "sender": stored.settings.sender,
        "password_stored": stored.password_stored,
        "configured": stored.settings.is_configured,
    }
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return EXIT_OK
