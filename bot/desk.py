"""The desk: what answering a message needs (database, content, flow and alert rules)."""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from bot.casework.alerts import AlertDesk, AlertPolicy
from flows.content import Catalogue
from flows.conversation import Policy
from flows.plans import PlanBook
from flows.schedule import ReminderBook, SchedulePolicy
from flows.survey_book import SurveyBook


@dataclass(frozen=True)
class Desk:
    """Built once per process by bootstrap; passed to every handler."""

    sessions: sessionmaker[Session]
    catalogue: Catalogue
    alert_policy: AlertPolicy = field(default_factory=AlertPolicy)
    flow_policy: Policy = field(default_factory=Policy)
    reminders: ReminderBook = field(default_factory=lambda: ReminderBook((), ()))
    schedule: SchedulePolicy = field(default_factory=SchedulePolicy)
    # WhatsApp templates by message kind (`checkin`, `reminder:es`, ...): ContentSid
    templates: dict[str, str] = field(default_factory=dict)
    survey: SurveyBook | None = None  # content/survey.yml; None: no sustainability surveys
    plan: PlanBook = field(default_factory=PlanBook)  # content/plan.yml
    pseudonym_key: str = "demo-pseudonym-key"  # HMAC key of erased numbers and pseudonyms
    retention_months: int = 24  # message bodies older than this are redacted

    @property
    def alerts(self) -> AlertDesk:
        """The part of the desk that raising and escalating alerts reads."""
        return AlertDesk(self.catalogue, self.alert_policy)
