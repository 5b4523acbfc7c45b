"""Alert emails: written to an email outbox with the alert, sent by the worker over SMTP."""

import abc
import smtplib
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.clock import utcnow
from bot.logs import get_logger
from bot.messaging.outbox import DispatchPolicy, backoff_seconds, drain
from flows.content import Catalogue
from storage import casework_repo as cases
from storage.casework import Alert, Caseworker, OutboundEmail
from storage.states import DispatchState

log = get_logger("emails")


def enqueue_email(
    session: Session, *, key: str, alert_id: int | None, to_address: str, subject: str,
    body: str, now: datetime,
) -> None:  # fmt: skip
    """Write an email outbox row in the caller's transaction (a repeated key adds nothing)."""
    cases.enqueue_email(
        session, idempotency_key=key, alert_id=alert_id, to_address=to_address,
        subject=subject[:200], body=body, created_at=now, dispatch_state=DispatchState.PENDING,
        attempts=0, next_attempt_at=now,
    )  # fmt: skip


def alert_email(
    catalogue: Catalogue, alert: Alert, caseworker: Caseworker, text: str, escalation: bool
) -> tuple[str, str]:
    """Subject and plain-text body of an alert email (staff-only: it holds the message)."""
    country = catalogue.get(alert.office)
    place = country.name("en") if country else "unknown office"
    heading = "ESCALATED, not acknowledged in time: " if escalation else ""
    subject = f"[Returnee Assistant] {heading}{alert.kind.replace('_', ' ')} alert {alert.code}"
    lines = [
        f"Hello {caseworker.name},", "",
        f"{heading}{alert.kind.replace('_', ' ')} alert {alert.code} ({place}).",
        f"Returnee number: {alert.e164}", f"Reason: {alert.reason}",
        f"Raised at: {alert.created_at:%Y-%m-%d %H:%M} UTC",
        f"Acknowledge by: {alert.sla_due_at:%Y-%m-%d %H:%M} UTC", "",
        "Message:", text or "(none)", "",
        f"Reply ACK {alert.code} by SMS from your registered phone to acknowledge, and",
        f"DONE {alert.code} when you have finished, to hand the returnee back to the bot.",
    ]  # fmt: skip
    return subject, "\n".join(lines) + "\n"


class Mailer(abc.ABC):
    """A way to deliver one email (SMTP, or the local demo mailbox)."""

    @abc.abstractmethod
    def send(self, to_address: str, subject: str, body: str, message_id: str) -> None:
        """Deliver, or raise MailError."""


class MailError(Exception):
    """The email was not taken; `retryable` says whether to try again later."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send email."""

    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0


class SmtpMailer(Mailer):
    """Plain SMTP with optional STARTTLS and login."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, to_address: str, subject: str, body: str, message_id: str) -> None:
        """Send one message; 4xx and connection trouble are retryable, 5xx are not."""
        s = self.settings
        message = _message(s.sender, to_address, subject, body, message_id)
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
                if s.starttls:
                    smtp.starttls()
                if s.username and s.password:
                    smtp.login(s.username, s.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise MailError(f"recipient refused {codes}", all(c < 500 for c in codes)) from error
        except smtplib.SMTPResponseException as error:
            raise MailError(f"SMTP {error.smtp_code}", error.smtp_code < 500) from error
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(type(error).__name__, retryable=True) from error


class DemoMailer(Mailer):
    """The demo mailbox: each email becomes a .eml file under the instance folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, to_address: str, subject: str, body: str, message_id: str) -> None:
        """Write the email where `make run` users can read it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        message = _message("demo@returnee.invalid", to_address, subject, body, message_id)
        (self.directory / f"{message_id}.eml").write_bytes(bytes(message))
        log.info("emails.demo_written", to=to_address, subject=subject)


def _message(sender: str, to: str, subject: str, body: str, message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Message-ID"] = f"<{message_id}@returnee-assistant>"
    message.set_content(body)
    return message


class EmailDispatcher:
    """Claims due emails, sends each, retries with backoff; the same lease rules as SMS."""

    def __init__(
        self, sessions: sessionmaker[Session], mailer: Mailer, policy: DispatchPolicy
    ) -> None:
        self.sessions, self.mailer, self.policy = sessions, mailer, policy
        self.owner = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"

    def run_once(self, now: datetime | None = None) -> int:
        """Send one batch of due emails; return how many were tried."""
        now = now or utcnow()
        with self.sessions.begin() as session:
            rows = cases.claim_emails(session, now, self.owner, self.policy.lease, 10)
            jobs = [(r.id, r.to_address, r.subject, r.body) for r in rows]
        for job in jobs:
            self._send(now, *job)
        return len(jobs)

    def _send(self, now: datetime, email_id: int, to: str, subject: str, body: str) -> None:
        error: MailError | None = None
        try:
            self.mailer.send(to, subject, body, f"email-{email_id}")
        except MailError as failure:
            error = failure
        with self.sessions.begin() as session:
            row = session.get(OutboundEmail, email_id, with_for_update=True)
            if row is None or row.lease_owner != self.owner:
                return
            row.lease_owner = None
            if error is None:
                row.dispatch_state, row.sent_at, row.error_message = DispatchState.SENT, now, None
            elif error.retryable and row.attempts < self.policy.max_attempts:
                wait = backoff_seconds(row.attempts, self.policy, lambda: 0.5)
                row.dispatch_state, row.error_message = DispatchState.PENDING, str(error)[:300]
                row.next_attempt_at = now + timedelta(seconds=wait)
            else:
                row.dispatch_state, row.error_message = DispatchState.FAILED, str(error)[:300]
        if error is not None:
            log.warning("emails.send_failed", email_id=email_id, retryable=error.retryable)

    def run_forever(self, stop: threading.Event, idle_sleep: float = 1.0) -> None:
        """Send until `stop` is set."""
        drain(self.run_once, stop, idle_sleep, "emails.batch_failed")
