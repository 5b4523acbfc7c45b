"""Settings from the environment: demo mode by default, and one clear line for a bad setting."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.config import DEMO_SECRET_KEY, ConfigError, load_settings
from bot.messaging.channels.twilio_client import TWILIO_DEFAULT_BASE
from cli.main import cli

SID = "AC" + "a" * 32
SERVICE_SID = "MG" + "b" * 32

LIVE = {
    "TWILIO_ACCOUNT_SID": SID,
    "TWILIO_AUTH_TOKEN": "f" * 32,
    "TWILIO_SMS_FROM": "+18765550000",
    "PUBLIC_BASE_URL": "https://returnee.example.org",
    "SECRET_KEY": "a-long-enough-secret-key",
    "SMTP_HOST": "smtp.example.org",
    "SMTP_FROM": "alerts@example.org",
}

# Every variable load_settings reads; the CLI tests remove all of them from the environment.
ALL_VARIABLES = (
    "DATABASE_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_BASE_URL",
    "TWILIO_SMS_FROM", "TWILIO_MESSAGING_SERVICE_SID", "TWILIO_WHATSAPP_FROM",
    "PUBLIC_BASE_URL", "RASA_URL", "SECRET_KEY", "PORT", "SEND_RATE_PER_SECOND",
    "MAX_SEND_ATTEMPTS", "RETURNEE_INSTANCE_PATH", "CONTENT_DIR", "DEFAULT_OFFICE",
    "SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_STARTTLS", "ALERT_SLA_CRISIS_SECONDS",
    "ALERT_SLA_OTHER_SECONDS", "HANDOFF_HOURS", "QUIET_HOURS", "FOLLOW_UP_MONTHS",
    "CHECKIN_NUDGE_HOURS", "CHECKIN_MISSED_DAYS", "WHATSAPP_TEMPLATES",
)  # fmt: skip


def live(**changes: str | None) -> dict[str, str]:
    """The complete live environment with some variables changed (None: removed)."""
    env: dict[str, str | None] = {**LIVE, **changes}
    return {name: value for name, value in env.items() if value is not None}


def assert_one_line_naming(error: ConfigError, variable: str) -> None:
    message = str(error)
    assert error.name == variable
    assert message.startswith(f"configuration error: {variable} ")
    assert "\n" not in message
    assert "\r" not in message


def test_an_empty_environment_is_demo_mode_with_sqlite_in_the_instance_folder(
    tmp_path: Path,
) -> None:
    settings = load_settings({}, instance_path=tmp_path)

    assert settings.demo_channel is True
    assert settings.database_url == f"sqlite:///{tmp_path / 'returnee.sqlite3'}"
    assert settings.port == 5000
    assert settings.secret_key == DEMO_SECRET_KEY
    assert settings.twilio_account_sid is None
    assert settings.twilio_auth_token is None
    assert settings.twilio_sms_from is None
    assert settings.public_base_url is None
    assert settings.twilio_api_base_url == TWILIO_DEFAULT_BASE
    assert settings.send_rate_per_second == 1.0
    assert settings.max_send_attempts == 6


def test_blank_twilio_credentials_count_as_missing(tmp_path: Path) -> None:
    env = {"TWILIO_ACCOUNT_SID": "  ", "TWILIO_AUTH_TOKEN": ""}
    assert load_settings(env, instance_path=tmp_path).demo_channel is True


def test_a_complete_live_environment_is_accepted_and_normalised(tmp_path: Path) -> None:
    env = live(
        TWILIO_SMS_FROM="+1 876 555 0000",
        TWILIO_WHATSAPP_FROM="whatsapp:+18765550001",
        PUBLIC_BASE_URL="https://returnee.example.org/",
        RASA_URL="http://127.0.0.1:5005",
        PORT="8080",
        SEND_RATE_PER_SECOND="2.5",
    )

    settings = load_settings(env, instance_path=tmp_path)

    assert settings.demo_channel is False
    assert settings.twilio_account_sid == SID
    assert settings.twilio_sms_from == "+18765550000"
    assert settings.twilio_whatsapp_from == "+18765550001"
    assert settings.public_base_url == "https://returnee.example.org"
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.secret_key == LIVE["SECRET_KEY"]
    assert settings.port == 8080
    assert settings.send_rate_per_second == 2.5


def test_a_messaging_service_is_enough_as_the_live_sender(tmp_path: Path) -> None:
    env = live(TWILIO_SMS_FROM=None, TWILIO_MESSAGING_SERVICE_SID=SERVICE_SID)
    settings = load_settings(env, instance_path=tmp_path)
    assert settings.twilio_messaging_service_sid == SERVICE_SID
    assert settings.twilio_sms_from is None


@pytest.mark.parametrize(
    "url",
    [
        "postgres://user@host/db",
        "postgresql://user:pw@db.internal:5432/returnee",
        "postgresql+psycopg://user@host/db",
        "sqlite:////var/lib/returnee/returnee.sqlite3",
    ],
)
def test_a_postgresql_or_sqlite_database_url_is_accepted(url: str, tmp_path: Path) -> None:
    assert load_settings({"DATABASE_URL": url}, instance_path=tmp_path).database_url == url


LIVE_ONLY_FAILURES = [
    ("auth-token-missing-with-sid", live(TWILIO_AUTH_TOKEN=None), "TWILIO_AUTH_TOKEN"),
    ("sid-missing-with-auth-token", live(TWILIO_ACCOUNT_SID=None), "TWILIO_ACCOUNT_SID"),
    ("sid-too-short", live(TWILIO_ACCOUNT_SID="AC123"), "TWILIO_ACCOUNT_SID"),
    ("sid-wrong-prefix", live(TWILIO_ACCOUNT_SID="SK" + "a" * 32), "TWILIO_ACCOUNT_SID"),
    ("sid-not-hex", live(TWILIO_ACCOUNT_SID="AC" + "z" * 32), "TWILIO_ACCOUNT_SID"),
    ("no-sender", live(TWILIO_SMS_FROM=None), "TWILIO_SMS_FROM"),
    ("public-base-url-missing", live(PUBLIC_BASE_URL=None), "PUBLIC_BASE_URL"),
    ("secret-key-missing", live(SECRET_KEY=None), "SECRET_KEY"),
    ("secret-key-blank", live(SECRET_KEY="   "), "SECRET_KEY"),
    ("secret-key-short", live(SECRET_KEY="short-secret"), "SECRET_KEY"),
    ("no-smtp-host: alerts must reach caseworkers", live(SMTP_HOST=None), "SMTP_HOST"),
    ("no-smtp-from", live(SMTP_FROM=None), "SMTP_HOST"),
]

MALFORMED = [
    ("quiet hours without a dash", "QUIET_HOURS", "08:00"),
    ("quiet hours that end before they start", "QUIET_HOURS", "20:00-08:00"),
    ("quiet hours past 23:59", "QUIET_HOURS", "08:00-24:00"),
    ("a follow-up of zero months", "FOLLOW_UP_MONTHS", "0"),
    ("a missed-check-in time past four weeks", "CHECKIN_MISSED_DAYS", "29"),
    ("a template for an unknown kind", "WHATSAPP_TEMPLATES", "welcome=HX" + "a" * 32),
    ("a template for an unknown language", "WHATSAPP_TEMPLATES", "checkin:de=HX" + "a" * 32),
    ("a template that is not a ContentSid", "WHATSAPP_TEMPLATES", "checkin=MG" + "a" * 32),
    ("a nudge after the check-in is counted missed", "CHECKIN_NUDGE_HOURS", "200"),
    ("port-not-a-number", "PORT", "abc"),
    ("port-too-high", "PORT", "70000"),
    ("port-zero", "PORT", "0"),
    ("port-negative", "PORT", "-1"),
    ("twilio-api-base-url-ftp", "TWILIO_API_BASE_URL", "ftp://x"),
    ("rasa-url-not-a-url", "RASA_URL", "not a url"),
    ("public-base-url-without-scheme", "PUBLIC_BASE_URL", "returnee.example.org"),
    ("sms-from-too-short", "TWILIO_SMS_FROM", "12"),
    ("whatsapp-from-not-a-number", "TWILIO_WHATSAPP_FROM", "whatsapp:hello"),
    ("database-url-mysql", "DATABASE_URL", "mysql://x"),
    ("database-url-garbage", "DATABASE_URL", "::::"),
    ("messaging-service-sid-malformed", "TWILIO_MESSAGING_SERVICE_SID", "MG123"),
    ("send-rate-zero", "SEND_RATE_PER_SECOND", "0"),
    ("send-rate-words", "SEND_RATE_PER_SECOND", "fast"),
    ("send-rate-negative", "SEND_RATE_PER_SECOND", "-2"),
    ("default-office-lower-case", "DEFAULT_OFFICE", "jm"),
    ("crisis-sla-zero", "ALERT_SLA_CRISIS_SECONDS", "0"),
    ("crisis-sla-words", "ALERT_SLA_CRISIS_SECONDS", "soon"),
    ("other-sla-too-long", "ALERT_SLA_OTHER_SECONDS", "99999999"),
    ("handoff-zero", "HANDOFF_HOURS", "0"),
    ("smtp-port-words", "SMTP_PORT", "smtp"),
    ("smtp-from-not-an-address", "SMTP_FROM", "alerts"),
    ("smtp-starttls-maybe", "SMTP_STARTTLS", "maybe"),
]


@pytest.mark.parametrize(
    ("env", "variable"),
    [(env, variable) for _, env, variable in LIVE_ONLY_FAILURES],
    ids=[case_id for case_id, _, _ in LIVE_ONLY_FAILURES],
)
def test_an_incomplete_live_environment_fails_with_one_line_naming_the_variable(
    env: dict[str, str], variable: str, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env, instance_path=tmp_path)
    assert_one_line_naming(caught.value, variable)


@pytest.mark.parametrize("mode", ["demo", "live"])
@pytest.mark.parametrize(
    ("variable", "value"),
    [(variable, value) for _, variable, value in MALFORMED],
    ids=[case_id for case_id, _, _ in MALFORMED],
)
def test_a_malformed_variable_fails_with_one_line_naming_it(
    variable: str, value: str, mode: str, tmp_path: Path
) -> None:
    base = LIVE if mode == "live" else {}
    with pytest.raises(ConfigError) as caught:
        load_settings({**base, variable: value}, instance_path=tmp_path)
    assert_one_line_naming(caught.value, variable)


def test_a_value_with_a_newline_still_gives_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"RASA_URL": "ftp://a\nb"}, instance_path=tmp_path)
    assert_one_line_naming(caught.value, "RASA_URL")


def invoke_check_config(tmp_path: Path, **env: str) -> tuple[int, str, str]:
    """Run `returnee check-config` with only `env` set; (exit code, stdout, stderr)."""
    clean: dict[str, str | None] = dict.fromkeys(ALL_VARIABLES)
    clean["RETURNEE_INSTANCE_PATH"] = str(tmp_path)
    result = CliRunner().invoke(cli, ["check-config"], env={**clean, **env})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"TWILIO_ACCOUNT_SID": SID}, "TWILIO_AUTH_TOKEN"),
        ({**LIVE, "SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"PORT": "abc"}, "PORT"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"SEND_RATE_PER_SECOND": "fast"}, "SEND_RATE_PER_SECOND"),
        ({"DEFAULT_OFFICE": "XX"}, "CONTENT_DIR"),
        ({"CONTENT_DIR": "/nonexistent/content"}, "CONTENT_DIR"),
    ],
    ids=[
        "auth-token-missing",
        "secret-key-short",
        "port-abc",
        "database-mysql",
        "rate-fast",
        "default-office-without-content",
        "content-dir-missing",
    ],
)
def test_check_config_prints_one_line_naming_the_variable_and_exits_2(
    env: dict[str, str], variable: str, tmp_path: Path
) -> None:
    exit_code, stdout, stderr = invoke_check_config(tmp_path, **env)

    assert exit_code == 2
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"configuration error: {variable} ")


def test_check_config_says_demo_channel_for_an_empty_environment(tmp_path: Path) -> None:
    exit_code, stdout, stderr = invoke_check_config(tmp_path)
    assert exit_code == 0
    assert stdout == "configuration ok: demo channel (phone simulator), content for 9 countries\n"
    assert stderr == ""


def test_check_config_says_twilio_for_a_live_environment(tmp_path: Path) -> None:
    exit_code, stdout, _ = invoke_check_config(tmp_path, **LIVE, ALLOW_UNCONFIRMED_CONTENT="1")
    assert (exit_code, stdout) == (0, "configuration ok: Twilio, content for 9 countries\n")


def test_live_refuses_to_start_on_placeholders_and_unconfirmed_crisis_numbers_naming_each(
    tmp_path: Path,
) -> None:
    exit_code, stdout, stderr = invoke_check_config(tmp_path, **LIVE)
    assert (exit_code, stdout) == (2, "")
    expected = (
        "JM office.address (example)",
        "JM office.phone (example)",
        "BS emergency.helpline 322-2763 (unverified)",
        "ALLOW_UNCONFIRMED_CONTENT",
    )
    for item in expected:
        assert item in stderr
    assert "HT emergency.gbv" not in stderr  # not given in a crisis reply


def test_check_config_names_the_content_file_and_key_of_a_bad_content_edit(
    tmp_path: Path,
) -> None:
    import shutil

    from bot.content import DEFAULT_CONTENT_DIR

    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    jamaica = content / "countries" / "jm.yml"
    jamaica.write_text(jamaica.read_text().replace('open: "08:30"', 'open: "8h"', 1))
    exit_code, stdout, stderr = invoke_check_config(tmp_path, CONTENT_DIR=str(content))
    assert (exit_code, stdout) == (2, "")
    assert stderr.startswith(
        "configuration error: CONTENT_DIR content is invalid: countries/jm.yml"
    )
    assert "'8h' is not HH:MM" in stderr and len(stderr.splitlines()) == 1


def test_schedule_settings_default_to_daytime_twelve_months_and_no_templates(
    tmp_path: Path,
) -> None:
    settings = load_settings({}, instance_path=tmp_path)
    assert (settings.quiet_start, settings.quiet_end) == ("08:00", "20:00")
    assert (settings.follow_up_months, settings.checkin_nudge_hours) == (12, 72)
    assert settings.checkin_missed_days == 7 and settings.whatsapp_templates == ()


def test_whatsapp_templates_are_read_per_kind_and_language(tmp_path: Path) -> None:
    first, second = "HX" + "1" * 32, "HX" + "2" * 32
    env = {"WHATSAPP_TEMPLATES": f"checkin={first}, reminder:es={second}",
           "QUIET_HOURS": "07:30-21:00"}  # fmt: skip
    settings = load_settings(env, instance_path=tmp_path)
    assert dict(settings.whatsapp_templates) == {"checkin": first, "reminder:es": second}
    assert (settings.quiet_start, settings.quiet_end) == ("07:30", "21:00")
