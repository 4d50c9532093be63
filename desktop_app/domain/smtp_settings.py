"""The installation's SMTP-Postausgangsserver (PRODUCT.md §4): plain data, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
