"""A server's reply as this program repeats it: never with the password it was sent.

Some servers repeat the command they failed on, the PASS line included (an
authentication back end's "451 ... for PASS secret"). A reply is shown, logged, stored
with the run and mailed; so is the exception it came in, through a traceback's chain.
"""

from __future__ import annotations

MASK = "***"


def reply_text(exc: BaseException, password: str | None) -> str:
    """``str(exc)`` with ``password`` masked, and masked in ``exc`` itself as well: it
    stays the cause of the error raised from it."""
    text = str(exc)
    if password and password in text:
        text = text.replace(password, MASK)
        exc.args = (text,)
    return text
