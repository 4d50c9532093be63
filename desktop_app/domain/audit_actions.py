"""The actions the audit log records, by the names stored in it, and how a change is
listed there: by the names of its fields, never their values."""

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
LOGIN_LOCKED = "login_locked"
REVEAL = "password_reveal"
REVEAL_FAILED = "password_reveal_failed"
REVEAL_LOCKED = "password_reveal_locked"
INTERFACE_CREATED = "interface_created"
INTERFACE_CHANGED = "interface_changed"
INTERFACE_DELETED = "interface_deleted"
OPTIONS_CHANGED = "chain_options_changed"
SMTP_CHANGED = "smtp_changed"
USER_CREATED = "user_created"
USER_CHANGED = "user_changed"
USER_UNLOCKED = "user_unlocked"
PASSWORD_CHANGED = "own_password_changed"
CONFIG_IMPORTED = "config_imported"


def changed_fields(before: dict, after: dict, prefix: str = "") -> list[str]:
    """Names of the fields whose values differ (nested dicts dotted); values are not kept."""
    names = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            names += changed_fields(a, b, f"{prefix}{key}.")
        elif a != b:
            names.append(prefix + key)
    return names
