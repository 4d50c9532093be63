"""The failure mail's text: a helper of test_run_vanished_file.py."""

from __future__ import annotations

import email
import email.policy


def body_of(envelope) -> str:
    """The text of a mail the test's SMTP server received."""
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return message.get_content()
