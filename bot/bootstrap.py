"""Build the concrete objects from settings; nothing is created at import time."""

from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.casework.alerts import AlertPolicy
from bot.config import ConfigError, Settings
from bot.content import (
    CRISIS_NUMBERS,
    DEFAULT_CONTENT_DIR,
    concerns,
    load_catalogue,
    load_reminder_book,
)
from bot.desk import Desk
from bot.messaging.channels.demo import DemoSender
from bot.messaging.channels.twilio import TwilioSender
from bot.messaging.channels.twilio_client import make_twilio_client
from bot.messaging.emails import DemoMailer, EmailDispatcher, Mailer, SmtpMailer, SmtpSettings
from bot.messaging.outbox import Dispatcher, DispatchPolicy
from bot.messaging.ports import Sender
from bot.schedule.survey_file import load_plan_book, load_survey_book
from flows.content import Catalogue, ContentError
from flows.conversation import Policy
from flows.schedule import FollowUp, QuietHours, SchedulePolicy
from nlu.client import RasaClient
from storage.db import make_engine, make_session_factory


@dataclass
class Services:
    """Everything a process needs, built once per process."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    sender: Sender
    desk: Desk
    mailer: Mailer
    nlu: RasaClient | None = None

    def dispatch_policy(self) -> DispatchPolicy:
        """The configured rate, attempt bound and backoff."""
        return DispatchPolicy(
            rate_per_second=self.settings.send_rate_per_second,
            max_attempts=self.settings.max_send_attempts,
            lease=timedelta(seconds=self.settings.outbox_lease_seconds),
            backoff_base=self.settings.outbox_retry_base_seconds,
        )

    def dispatcher(self, policy: DispatchPolicy | None = None) -> Dispatcher:
        """An outbox dispatcher with the configured rate and attempt bound."""
        return Dispatcher(self.sessions, self.sender, policy or self.dispatch_policy())

    def email_dispatcher(self) -> EmailDispatcher:
        """The email outbox's dispatcher (alert emails to caseworkers)."""
        return EmailDispatcher(self.sessions, self.mailer, self.dispatch_policy())

    def nlu_state(self) -> str:
        """ok, down, or not configured (RASA_URL unset)."""
        if self.nlu is None:
            return "not configured"
        return "ok" if self.nlu.ready() else "down"

    def database_ok(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False


def build_sender(settings: Settings) -> Sender:
    """Twilio with credentials, otherwise the local demo channel."""
    if settings.demo_channel:
        return DemoSender()
    assert settings.twilio_account_sid and settings.twilio_auth_token
    client = make_twilio_client(
        settings.twilio_account_sid, settings.twilio_auth_token, settings.twilio_api_base_url
    )
    return TwilioSender(
        client,
        sms_from=settings.twilio_sms_from,
        messaging_service_sid=settings.twilio_messaging_service_sid,
        whatsapp_from=settings.twilio_whatsapp_from,
        public_base_url=settings.public_base_url,
    )


def bootstrap(settings: Settings, sender: Sender | None = None) -> Services:
    """Wire the database, the content, the channel and the mailer for one process."""
    engine = make_engine(settings.database_url)
    sessions = make_session_factory(engine)
    desk = build_desk(settings, sessions)
    sender = sender or build_sender(settings)
    return Services(
        settings, engine, sessions, sender, desk, build_mailer(settings), build_nlu(settings)
    )


def build_desk(settings: Settings, sessions: sessionmaker[Session]) -> Desk:
    """The content and the flow and alert rules; a bad content file stops the process."""
    directory = Path(settings.content_dir) if settings.content_dir else DEFAULT_CONTENT_DIR
    try:
        catalogue = load_catalogue(directory, settings.default_office)
        reminders = load_reminder_book(directory)
        survey = load_survey_book(directory)
        plan = load_plan_book(directory)
    except ContentError as error:
        raise ConfigError("CONTENT_DIR", f"content is invalid: {error}") from None
    if not settings.demo_channel and not settings.allow_unconfirmed_content:
        refuse_unconfirmed(catalogue)
    alert_policy = AlertPolicy(
        crisis_sla=timedelta(seconds=settings.alert_sla_crisis_seconds),
        other_sla=timedelta(seconds=settings.alert_sla_other_seconds),
        message_sla=timedelta(seconds=settings.alert_sla_message_seconds),
        default_office=settings.default_office,
    )
    flow_policy = Policy(
        handoff=timedelta(hours=settings.handoff_hours),
        # A check-in takes its answer until it is counted missed (and after a nudge, as long
        # again): a late "2" is an answer, never a menu choice.
        checkin=timedelta(days=settings.checkin_missed_days),
    )
    return Desk(sessions, catalogue, alert_policy, flow_policy, reminders,
                schedule_policy(settings), dict(settings.whatsapp_templates), survey,
                plan, settings.pseudonym_key, settings.retention_months)  # fmt: skip


def refuse_unconfirmed(catalogue: Catalogue) -> None:
    """With real returnees on the line, no placeholder address or phone and no crisis number
    nobody confirmed: name each one (ALLOW_UNCONFIRMED_CONTENT=1 lets a pilot run)."""
    blocking = [c for c in concerns(catalogue) if c.what == "example" or c.key.split()[0] in
                CRISIS_NUMBERS]  # fmt: skip
    if blocking:
        items = "; ".join(f"{c.country} {c.key} ({c.what})" for c in blocking)
        raise ConfigError(
            "CONTENT_DIR",
            f"content is not confirmed for returnees: {items}. "
            "Replace or confirm them, or set ALLOW_UNCONFIRMED_CONTENT=1 for a pilot",
        )


def schedule_policy(settings: Settings) -> SchedulePolicy:
    """Quiet hours, follow-up period and check-in timings from the settings."""
    return SchedulePolicy(
        quiet=QuietHours(time.fromisoformat(settings.quiet_start),
                         time.fromisoformat(settings.quiet_end)),
        follow_up=FollowUp(settings.follow_up_months),
        nudge_after=timedelta(hours=settings.checkin_nudge_hours),
        missed_after=timedelta(days=settings.checkin_missed_days),
    )  # fmt: skip


def build_mailer(settings: Settings) -> Mailer:
    """SMTP when configured, otherwise the demo mailbox in the instance folder."""
    if settings.smtp_host and settings.smtp_from:
        return SmtpMailer(SmtpSettings(
            settings.smtp_host, settings.smtp_port, settings.smtp_from, settings.smtp_username,
            settings.smtp_password, settings.smtp_starttls,
        ))  # fmt: skip
    return DemoMailer(Path(settings.demo_mail_dir))


def build_nlu(settings: Settings) -> RasaClient | None:
    """The Rasa client, or None when RASA_URL is unset (rules and lexicon still work)."""
    if not settings.rasa_url:
        return None
    return RasaClient(
        settings.rasa_url, settings.rasa_auth_token, read_timeout=settings.nlu_read_timeout
    )
