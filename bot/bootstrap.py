"""Build the concrete objects from settings; nothing is created at import time."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.channels import DemoSender, TwilioSender
from bot.config import Settings
from bot.outbox import Dispatcher, DispatchPolicy
from bot.ports import Sender
from bot.twilio_client import make_twilio_client
from nlu.client import RasaClient
from storage.db import make_engine, make_session_factory


@dataclass
class Services:
    """Everything a process needs, built once per process."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    sender: Sender
    nlu: RasaClient | None = None

    def dispatcher(self, policy: DispatchPolicy | None = None) -> Dispatcher:
        """An outbox dispatcher with the configured rate and attempt bound."""
        policy = policy or DispatchPolicy(
            rate_per_second=self.settings.send_rate_per_second,
            max_attempts=self.settings.max_send_attempts,
            lease=timedelta(seconds=self.settings.outbox_lease_seconds),
            backoff_base=self.settings.outbox_retry_base_seconds,
        )
        return Dispatcher(self.sessions, self.sender, policy)

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
    """Wire the database and the channel for one process."""
    engine = make_engine(settings.database_url)
    sender = sender or build_sender(settings)
    return Services(settings, engine, make_session_factory(engine), sender, build_nlu(settings))


def build_nlu(settings: Settings) -> RasaClient | None:
    """The Rasa client, or None when RASA_URL is unset (rules and lexicon still work)."""
    if not settings.rasa_url:
        return None
    return RasaClient(
        settings.rasa_url, settings.rasa_auth_token, read_timeout=settings.nlu_read_timeout
    )
