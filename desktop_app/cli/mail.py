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
from .texts import language, said, translate


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    from ..domain.smtp_settings import SmtpSecurity

    p = commands.add_parser(
        "test-mail",
        parents=[common],
        help=translate("CliMail", "send a test e-mail through the SMTP server"),
    )
    p.add_argument(
        "name",
        help=translate(
            "CliMail", "the interface whose e-mail address for failures gets the message"
        ),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("CliMail", "print the result as JSON")
    )
    p.set_defaults(handler=cmd_test_mail)

    smtp = commands.add_parser(
        "smtp", help=translate("CliMail", "the SMTP server that sends the failure reports")
    )
    ssub = smtp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser(
        "set", parents=[common], help=translate("CliMail", "set up the SMTP server")
    )
    p.add_argument("--host", required=True, help=translate("CliMail", "the SMTP server's name"))
    p.add_argument(
        "--port",
        type=int,
        default=None,
        help=translate("CliMail", "the port (default: the usual one of the encryption)"),
    )
    p.add_argument(
        "--security",
        choices=[s.value for s in SmtpSecurity],
        default="starttls",
        help=translate("CliMail", "the encryption (default: starttls)"),
    )
    p.add_argument(
        "--user", default="", help=translate("CliMail", "the user name (empty: no login)")
    )
    p.add_argument(
        "--sender", required=True, help=translate("CliMail", "the From address of the reports")
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=translate("CliMail", "read the password from the first line of standard input"),
    )
    p.set_defaults(handler=cmd_smtp_set)
    p = ssub.add_parser(
        "show",
        parents=[common],
        help=translate("CliMail", "print the SMTP settings (never the password)"),
    )
    p.add_argument(
        "--json", action="store_true", help=translate("CliMail", "print the settings as JSON")
    )
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
        raise CliError(
            translate(
                "CliMail",
                "The interface “{name}” has no e-mail address for error reports. Enter one in "
                "the interface's form in the program (or as error_email with interfaces "
                "import), then test again.",
            ).format(name=stored.settings.name),
            EXIT_INVALID,
        )
    lang = configured_language(ctx.paths, getattr(args, "lang", None))  # as the failure mail's
    try:
        request = _smtp_setup(ctx).prepare_test(stored.settings.error_email, lang=lang)
    except SecretStoreError as exc:
        raise CliError(
            translate("CliMail", "The SMTP password cannot be read: {reason}").format(
                reason=said(exc.without_action())
            )
        ) from None
    result = request.send()
    if args.json:
        print_json(result.to_json(language()))
    else:
        print(result.text(language()))
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_smtp_set(ctx: Context, args: argparse.Namespace) -> int:
    from ..domain import text_rules
    from ..domain.smtp_settings import SmtpSecurity, SmtpSettings, smtp_problems
    from ..domain.validation import ValidationError
    from ..jobs.interface_edit import KEEP_PASSWORD, PasswordChange
    from ..store.errors import SecretStoreError

    if args.port is not None and not 1 <= args.port <= 65535:
        raise CliError(
            translate("CliMail", "--port must be between 1 and 65535. Nothing was saved."),
            EXIT_INVALID,
        )
    if "@" not in args.sender:
        raise CliError(
            translate(
                "CliMail",
                "--sender must be an e-mail address (name@example.org). Nothing was saved.",
            ),
            EXIT_INVALID,
        )
    host = args.host.strip()
    settings = SmtpSettings(
        host,
        args.port,
        SmtpSecurity(args.security),
        args.user.strip(),
        args.sender.strip(),
    )
    # A control character is the general rules' to name (a CR/LF would start another SMTP
    # command); a space or a scheme gets the message that says what to leave out.
    plain_text = text_rules.text_problem(host, text_rules.HOST_MAX) is None
    if plain_text and (not host or " " in host or "://" in host):
        raise CliError(
            translate(
                "CliMail",
                "--host must be the SMTP server's host name only, e.g. smtp.example.com "
                "(no spaces, no “smtp://”). Nothing was saved.",
            ),
            EXIT_INVALID,
        )
    problems = smtp_problems(settings)
    if problems:
        raise invalid(_not_saved(), problems)
    password: PasswordChange = KEEP_PASSWORD
    if args.password_stdin:
        password = password_from_stdin()
    try:
        _smtp_setup(ctx).save(settings, password)
    except ValidationError as exc:
        raise invalid(_not_saved(), exc.problems) from None
    except SecretStoreError as exc:
        raise CliError(
            translate(
                "CliMail", "The password could not be stored, so nothing was saved: {reason}"
            ).format(reason=said(exc.without_action()))
        ) from None
    done = translate("CliMail", "SMTP server set: {host}:{port}")
    print(done.format(host=settings.host, port=settings.effective_port), file=sys.stderr)
    return EXIT_OK


def _not_saved() -> str:
    return translate("CliMail", "The SMTP settings are not valid; nothing was saved")


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
        return EXIT_OK
    yes, no = translate("CliMail", "yes"), translate("CliMail", "no")
    labels = {
        "host": translate("CliMail", "Server"),
        "port": translate("CliMail", "Port"),
        "security": translate("CliMail", "Encryption"),
        "user": translate("CliMail", "User name"),
        "sender": translate("CliMail", "Sender"),
        "password_stored": translate("CliMail", "Password stored"),
        "configured": translate("CliMail", "Set up"),
    }
    for key, value in data.items():
        shown = (yes if value else no) if isinstance(value, bool) else value
        print(f"{labels[key]}: {shown}")
    return EXIT_OK
