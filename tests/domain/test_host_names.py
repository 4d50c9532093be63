import pytest

from desktop_app.domain.host_names import host_problem, is_host
from desktop_app.domain.smtp_settings import SmtpSettings, smtp_problems


@pytest.mark.parametrize(
    "host",
    [
        "ftp.example.com", "localhost", "x-1.example", "1und1.de", "a" * 63 + ".de",
        ".".join(["a" * 63] * 3 + ["b" * 61]),  # 253 characters
        "192.0.2.7", "::1", "[::1]", "2001:db8::7", "[2001:db8::7]",
        # What the resolver takes and a user may have stored before the rule existed.
        "mail.example.com.", "smtp_relay.local", "mail.müller.de", "Mail.Müller.DE",
        "xn--mller-kva.de",
    ],
)  # fmt: skip
def test_host_names_and_addresses_pass(host):
    assert is_host(host), host
    assert host_problem(host) is None


@pytest.mark.parametrize(
    "host",
    [
        "-bad-.de", "bad-.de", "a..b", ".example.com", "example.com..", ".",
        "host name with spaces", "a" * 64 + ".de", ".".join(["a" * 63] * 4),  # 255 characters
        "1.2.3.999", "1.2.3.999.", "192.0.2", "[192.0.2.7]", "[::1", "2001:db8:::7", "ü..de",
        # Converted for the connection, these would name another server than they show.
        "ﬁ.de", "host\u200b.de",
    ],
)  # fmt: skip
def test_what_cannot_be_a_host_is_refused(host):
    assert not is_host(host), host
    german, english = host_problem(host)
    assert german.startswith(f"„{host}“ ist kein gültiger Hostname")
    assert english.startswith(f"“{host}” is not a valid host name")


def test_the_smtp_settings_follow_the_same_rule():
    assert [p.field for p in smtp_problems(SmtpSettings("a..b", sender="a@b.de"))] == ["host"]
    assert smtp_problems(SmtpSettings("[::1]", sender="a@b.de")) == []
    assert smtp_problems(SmtpSettings()) == []  # an empty host is the dialog's to name


def test_smtp_and_ftp_hosts_stored_before_the_rule_still_pass():
    """A relay with an underscore or a fully qualified name with its dot saved before the
    rule existed must still be tested and saved with the rest of the settings."""
    from desktop_app.domain import validation as v
    from desktop_app.domain.interface import ChainOptions, FtpSettings, InterfaceSettings

    for host in ("smtp_relay.local", "mail.example.com.", "mail.müller.de"):
        assert smtp_problems(SmtpSettings(host, sender="a@b.de")) == [], host
        settings = InterfaceSettings(ftp=FtpSettings(host=host, user="u"))
        assert v.FTP_HOST not in [p.field for p in v.validate(settings, ChainOptions())], host
