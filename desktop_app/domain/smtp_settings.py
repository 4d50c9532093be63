"""The installation's SMTP-Postausgangsserver: plain data, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from . import text_rules
from .host_names import host_problem
from .validation import Problem


class SmtpSecurity(enum.StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"  # implicit TLS from the first byte ("SMTPS")

    @property
    def default_port(self) -> int:
        return {"none": 25, "starttls": 587, "ssl": 465}[self.value]

    @property
    def label_de(self) -> str:
        return {"none": "Keine", "starttls": "STARTTLS", "ssl": "SSL/TLS"}[self.value]


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int | None = None  # None: the security's default port
    security: SmtpSecurity = SmtpSecurity.STARTTLS
    user: str = ""  # empty: the server accepts mail without login
    sender: str = ""

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else self.security.default_port

    @property
    def is_configured(self) -> bool:
        return bool(self.host.strip() and self.sender.strip())


def smtp_problems(settings: SmtpSettings, password: str | None = None) -> list[Problem]:
    """The rules every SMTP setting must meet wherever it is saved (the dialog, ``smtp
    set``, the store): no control character (a CR/LF would start another SMTP command or
    header), no field longer than its limit, a host that can be one, a port in range.
    ``password``: a new one."""
    found: list[Problem] = []
    for key, value, limit in (
        ("host", settings.host, text_rules.HOST_MAX),
        ("user", settings.user, text_rules.LOGIN_MAX),
        ("sender", settings.sender, text_rules.EMAIL_MAX),
    ):
        problem = text_rules.text_problem(value, limit)
        if problem is None and key == "host" and value.strip():
            problem = host_problem(value.strip())
        if problem is not None:
            found.append(Problem(key, *problem))
    if settings.port is not None and not 1 <= settings.port <= 65535:
        found.append(
            Problem(
                "port",
                "Der Port muss zwischen 1 und 65535 liegen.",
                "The port must be between 1 and 65535.",
            )
        )
    problem = text_rules.server_password_problem(password) if password else None
    if problem is not None:
        found.append(Problem("password", *problem))
    return found
