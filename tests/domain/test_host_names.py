import pytest

from desktop_app.domain.host_names import host_problem, is_host
from desktop_app.domain.smtp_settings import SmtpSettings, smtp_problems


@pytest.mark.parametrize(
    "host",
    [
        "ftp.example.com", "localhost", "x-1.example", "1und1.de", "a" * 63 + ".de",
        ".".join(["a" * 63] * 3 + ["b" * 61]),  # 253 characters
        "192.0.2.7", "::1", "[::1]", "2001:db8::7", "[2001:db8::7]",
    ],
)  # fmt: skip
def test_host_names_and_addresses_pass(host):
    assert is_host(host), host
    assert host_problem(host) is None


@pytest.mark.parametrize(
    "host",
    [
        "-bad-.de", "bad-.de", "a..b", ".example.com", "example.com.", "host name with spaces",
        "smtp_server.example", "a" * 64 + ".de", ".".join(["a" * 63] * 4),  # 255 characters
        "1.2.3.999", "192.0.2", "[192.0.2.7]", "[::1", "2001:db8:::7", "ümlaut.de",
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
