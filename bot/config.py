"""Settings from environment variables; a bad one stops start-up with one line naming it."""

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.messaging.channels.twilio import twilio_address
from bot.messaging.channels.twilio_client import TWILIO_DEFAULT_BASE
from bot.phones import InvalidNumber
from flows.texts import LANGUAGES
from storage.db import normalise_url

DEMO_SECRET_KEY = "demo-only-secret-key-not-for-production"  # noqa: S105


class ConfigError(Exception):
    """A setting is missing or malformed; str() is the one line to show the operator."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"configuration error: {name} {problem}")
        self.name = name


@dataclass(frozen=True)
class Settings:
    """Validated configuration of every process."""

    database_url: str
    twilio_account_sid: str | None
    twilio_auth_token: str | None
    twilio_api_base_url: str
    twilio_sms_from: str | None
    twilio_messaging_service_sid: str | None
    twilio_whatsapp_from: str | None
    public_base_url: str | None
    rasa_url: str | None
    secret_key: str
    port: int
    send_rate_per_second: float = 1.0
    max_send_attempts: int = 6
    outbox_lease_seconds: int = 120
    outbox_retry_base_seconds: float = 5.0
    rasa_auth_token: str | None = None
    nlu_read_timeout: float = 0.8
    content_dir: str | None = None  # None: the content/ folder shipped with the code
    default_office: str | None = None  # ISO alpha-2; alerts from unknown numbers go here
    alert_sla_crisis_seconds: int = 900
    alert_sla_other_seconds: int = 86400
    alert_sla_message_seconds: int = 7200
    # A pilot may run on content an office has not finished confirming (see README).
    allow_unconfirmed_content: bool = False
    handoff_hours: int = 72
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None
    smtp_starttls: bool = False
    demo_mail_dir: str = "instance/mail"  # alert emails land here without SMTP (demo)
    quiet_start: str = "08:00"  # scheduled messages go out between these local times
    quiet_end: str = "20:00"
    follow_up_months: int = 12
    checkin_nudge_hours: int = 72
    checkin_missed_days: int = 7
    referral_stale_days: int = 21  # an open referral not updated for this long is flagged
    # Message bodies older than this are redacted by the clock (erasure and retention).
    retention_months: int = 24
    # The key of the regional dataset's pseudonyms and the erased numbers' hashes (HMAC-SHA256):
    # PSEUDONYM_KEY, else SECRET_KEY. Keep it: a new key makes new pseudonyms.
    pseudonym_key: str = ""
    # WhatsApp templates outside the 24-hour window: {"checkin": "HX...", "reminder:es": ...}
    whatsapp_templates: tuple[tuple[str, str], ...] = ()

    @property
    def demo_channel(self) -> bool:
        """True without Twilio credentials: replies go to the local phone simulator."""
        return self.twilio_account_sid is None


def instance_path_from(env: Mapping[str, str]) -> Path:
    """The folder for local state (the SQLite file): RETURNEE_INSTANCE_PATH or ./instance."""
    return Path(env.get("RETURNEE_INSTANCE_PATH", "instance")).resolve()


def default_database_url(instance_path: Path) -> str:
    """The embedded default: a SQLite file in the instance folder."""
    return f"sqlite:///{instance_path / 'returnee.sqlite3'}"


def load_settings(
    env: Mapping[str, str] | None = None, instance_path: Path | None = None
) -> Settings:
    """Read and validate every setting; raise ConfigError naming the first bad one."""
    env = os.environ if env is None else env
    instance = instance_path or instance_path_from(env)
    get = _Reader(env)
    sid, token = get.optional("TWILIO_ACCOUNT_SID"), get.optional("TWILIO_AUTH_TOKEN")
    live = _check_credentials(sid, token)
    settings = Settings(
        database_url=_database_url(get.optional("DATABASE_URL") or default_database_url(instance)),
        twilio_account_sid=sid,
        twilio_auth_token=token,
        twilio_api_base_url=get.url("TWILIO_API_BASE_URL") or TWILIO_DEFAULT_BASE,
        twilio_sms_from=get.phone("TWILIO_SMS_FROM"),
        twilio_messaging_service_sid=get.matching(
            "TWILIO_MESSAGING_SERVICE_SID", r"MG[0-9a-f]{32}"
        ),
        twilio_whatsapp_from=get.phone("TWILIO_WHATSAPP_FROM"),
        public_base_url=get.url("PUBLIC_BASE_URL"),
        rasa_url=get.url("RASA_URL"),
        secret_key=get.optional("SECRET_KEY") or ("" if live else DEMO_SECRET_KEY),
        port=get.integer("PORT", 5000, 1, 65535),
        send_rate_per_second=get.positive_float("SEND_RATE_PER_SECOND", 1.0),
        max_send_attempts=get.integer("MAX_SEND_ATTEMPTS", 6, 1, 50),
        outbox_lease_seconds=get.integer("OUTBOX_LEASE_SECONDS", 120, 2, 3600),
        outbox_retry_base_seconds=get.positive_float("OUTBOX_RETRY_BASE_SECONDS", 5.0),
        rasa_auth_token=get.optional("RASA_AUTH_TOKEN"),
        nlu_read_timeout=get.positive_float("NLU_READ_TIMEOUT_SECONDS", 0.8),
        content_dir=get.optional("CONTENT_DIR"),
        default_office=get.matching("DEFAULT_OFFICE", r"[A-Z]{2}"),
        alert_sla_crisis_seconds=get.integer("ALERT_SLA_CRISIS_SECONDS", 900, 1, 86400),
        alert_sla_other_seconds=get.integer("ALERT_SLA_OTHER_SECONDS", 86400, 1, 30 * 86400),
        alert_sla_message_seconds=get.integer("ALERT_SLA_MESSAGE_SECONDS", 7200, 60, 7 * 86400),
        allow_unconfirmed_content=get.flag("ALLOW_UNCONFIRMED_CONTENT"),
        handoff_hours=get.integer("HANDOFF_HOURS", 72, 1, 24 * 30),
        smtp_host=get.optional("SMTP_HOST"),
        smtp_port=get.integer("SMTP_PORT", 25, 1, 65535),
        smtp_username=get.optional("SMTP_USERNAME"),
        smtp_password=get.optional("SMTP_PASSWORD"),
        smtp_from=get.matching("SMTP_FROM", r"[^@\s]+@[^@\s]+"),
        smtp_starttls=get.flag("SMTP_STARTTLS"),
        demo_mail_dir=str(instance / "mail"),
        retention_months=get.integer("RETENTION_MONTHS", 24, 1, 240),
        pseudonym_key=get.optional("PSEUDONYM_KEY")
        or get.optional("SECRET_KEY")
        or DEMO_SECRET_KEY,
        **_schedule_settings(get),
    )
    if live:
        _check_live(settings)
    return settings


TEMPLATE_KINDS = ("checkin", "checkin_nudge", "reminder", "referral_follow_up")


def _schedule_settings(get: "_Reader") -> dict[str, Any]:
    """Quiet hours, the follow-up period, nudge and missed-check-in times, WhatsApp templates."""
    window = get.optional("QUIET_HOURS") or "08:00-20:00"
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)", window)
    if match is None or window[:5] >= window[6:]:
        raise ConfigError("QUIET_HOURS", "must be HH:MM-HH:MM, the start before the end "
                          "(the hours messages may go out, local time)")  # fmt: skip
    nudge = get.integer("CHECKIN_NUDGE_HOURS", 72, 1, 24 * 14)
    missed = get.integer("CHECKIN_MISSED_DAYS", 7, 1, 28)
    if nudge >= missed * 24:
        raise ConfigError("CHECKIN_NUDGE_HOURS", f"the nudge ({nudge} h) must come before the "
                          f"check-in counts as missed (CHECKIN_MISSED_DAYS={missed})")  # fmt: skip
    return {
        "quiet_start": window[:5], "quiet_end": window[6:],
        "follow_up_months": get.integer("FOLLOW_UP_MONTHS", 12, 1, 120),
        "checkin_nudge_hours": nudge, "checkin_missed_days": missed,
        "whatsapp_templates": _templates(get.optional("WHATSAPP_TEMPLATES")),
        "referral_stale_days": get.integer("REFERRAL_STALE_DAYS", 21, 1, 365),
    }  # fmt: skip


def _templates(raw: str | None) -> tuple[tuple[str, str], ...]:
    """`kind=HX...` pairs, comma-separated; a kind may name a language (`reminder:es`)."""
    pairs = []
    for item in (raw or "").split(","):
        if not item.strip():
            continue
        kind, _, sid = (part.strip() for part in item.partition("="))
        base, _, language = kind.partition(":")
        if base not in TEMPLATE_KINDS or language not in ("", *LANGUAGES):
            raise ConfigError("WHATSAPP_TEMPLATES", f"{kind!r} is not one of {TEMPLATE_KINDS} "
                              f"(optionally :{', :'.join(LANGUAGES)})")  # fmt: skip
        if not re.fullmatch(r"HX[0-9a-f]{32}", sid):
            raise ConfigError("WHATSAPP_TEMPLATES", f"{kind}: a ContentSid is HX and 32 hex digits")
        pairs.append((kind, sid))
    return tuple(pairs)


def _check_credentials(sid: str | None, token: str | None) -> bool:
    if sid is None and token is None:
        return False
    if sid is None:
        raise ConfigError("TWILIO_ACCOUNT_SID", "is missing (TWILIO_AUTH_TOKEN is set)")
    if token is None:
        raise ConfigError("TWILIO_AUTH_TOKEN", "is missing (TWILIO_ACCOUNT_SID is set)")
    if not re.fullmatch(r"AC[0-9a-f]{32}", sid):
        raise ConfigError("TWILIO_ACCOUNT_SID", "must be AC followed by 32 hex digits")
    return True


def _check_live(settings: Settings) -> None:
    """With real Twilio, a sender, the public URL and a real secret are required."""
    if not (settings.twilio_sms_from or settings.twilio_messaging_service_sid):
        raise ConfigError("TWILIO_SMS_FROM", "or TWILIO_MESSAGING_SERVICE_SID is required")
    if not settings.public_base_url:
        raise ConfigError("PUBLIC_BASE_URL", "is required with Twilio credentials")
    if len(settings.secret_key) < 16:
        raise ConfigError("SECRET_KEY", "is required with Twilio credentials (16+ characters)")
    if not (settings.smtp_host and settings.smtp_from):  # alerts must reach caseworkers by email
        raise ConfigError("SMTP_HOST", "and SMTP_FROM are required with Twilio credentials")


def _database_url(url: str) -> str:
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise ConfigError("DATABASE_URL", "is not a database URL") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError("DATABASE_URL", "must be sqlite:// or postgresql://") from None
    return url


class _Reader:
    """Typed access to the environment; every failure names its variable."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def optional(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def url(self, name: str) -> str | None:
        value = self.optional(name)
        if value is None:
            return None
        parsed = urlparse(value)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigError(name, f"must be an http(s) URL, got {value!r}")
        return value.rstrip("/")

    def phone(self, name: str) -> str | None:
        value = self.optional(name)
        if value is None:
            return None
        try:
            return twilio_address(value).e164  # "whatsapp:+1876..." is accepted too
        except InvalidNumber:
            raise ConfigError(
                name, "must be a phone number in E.164 form, like +18761234567"
            ) from None

    def matching(self, name: str, pattern: str) -> str | None:
        value = self.optional(name)
        if value is not None and not re.fullmatch(pattern, value):
            raise ConfigError(name, f"must match {pattern}")
        return value

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        value = self.optional(name)
        if value is None:
            return default
        if not value.isdigit() or not low <= int(value) <= high:
            raise ConfigError(name, f"must be a whole number from {low} to {high}")
        return int(value)

    def flag(self, name: str) -> bool:
        value = (self.optional(name) or "false").lower()
        if value not in ("true", "false", "1", "0", "yes", "no"):
            raise ConfigError(name, "must be true or false")
        return value in ("true", "1", "yes")

    def positive_float(self, name: str, default: float) -> float:
        value = self.optional(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0 < number <= 1000:
            raise ConfigError(name, "must be a number above 0 and at most 1000")
        return number
