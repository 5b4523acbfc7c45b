"""What the pages show, computed from the database: rows for templates, and the chart; and how
they say it in the caseworker's language (labels of stored values, times, other modules' texts)."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import (  # type: ignore[import-untyped]
    get_locale,
    get_translations,
    gettext,
    lazy_pgettext,
)
from markupsafe import escape
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException

from bot.casework.caseload import ThreadMessage
from dashboard.refusals import Patterns, patterns_of
from storage import schedule_repo as plan
from storage.casework import Alert, CheckIn
from storage.models import Contact
from storage.schedule import Milestone, ScheduleEntry

SCORES = {"good": 3, "okay": 2, "struggling": 1}


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated where it is shown."""
    return message


# Stored values as the pages name them, by what they are (the context tells translators
# "open" of an alert from "planned" of a reminder). An unknown value shows with spaces.
LABELS = {
    "alert kind": {
        "crisis": lazy_pgettext("alert kind", "crisis"),
        "request_human": lazy_pgettext("alert kind", "request human"),
        "handoff_message": lazy_pgettext("alert kind", "handoff message"),
        "struggling": lazy_pgettext("alert kind", "struggling"),
        "reschedule": lazy_pgettext("alert kind", "reschedule"),
        "missed_checkins": lazy_pgettext("alert kind", "missed checkins"),
        "undeliverable": lazy_pgettext("alert kind", "undeliverable"),
        "new_number": lazy_pgettext("alert kind", "new number"),
        "referral_failed": lazy_pgettext("alert kind", "no help from a partner"),
    },
    "alert status": {
        "open": lazy_pgettext("alert status", "open"),
        "acknowledged": lazy_pgettext("alert status", "acknowledged"),
        "resolved": lazy_pgettext("alert status", "resolved"),
    },
    "milestone kind": {
        "counselling": lazy_pgettext("milestone kind", "counselling"),
        "vocational_training": lazy_pgettext("milestone kind", "vocational training"),
        "business_training": lazy_pgettext("milestone kind", "business training"),
        "job_interview": lazy_pgettext("milestone kind", "job interview"),
        "grant_application_due": lazy_pgettext("milestone kind", "grant application due"),
        "grant_disbursement": lazy_pgettext("milestone kind", "grant disbursement"),
        "business_visit": lazy_pgettext("milestone kind", "business visit"),
        "drug_rehab": lazy_pgettext("milestone kind", "drug rehab"),
        "health": lazy_pgettext("milestone kind", "health"),
    },
    "milestone status": {
        "planned": lazy_pgettext("milestone status", "planned"),
        "done": lazy_pgettext("milestone status", "done"),
        "missed": lazy_pgettext("milestone status", "missed"),
        "cancelled": lazy_pgettext("milestone status", "cancelled"),
    },
    "milestone answer": {
        "coming": lazy_pgettext("milestone answer", "coming"),
        "change": lazy_pgettext("milestone answer", "change"),
    },
    "reminder state": {
        "planned": lazy_pgettext("reminder state", "planned"),
        "sent": lazy_pgettext("reminder state", "sent"),
        "done": lazy_pgettext("reminder state", "done"),
        "skipped": lazy_pgettext("reminder state", "skipped"),
        "dropped": lazy_pgettext("reminder state", "dropped"),
        "cancelled": lazy_pgettext("reminder state", "cancelled"),
        "failed": lazy_pgettext("reminder state", "failed"),
    },
    "consent": {
        "unknown": lazy_pgettext("consent", "unknown"),
        "given": lazy_pgettext("consent", "given"),
        "declined": lazy_pgettext("consent", "declined"),
    },
    "message status": {
        "received": lazy_pgettext("message status", "received"),
        "pending": lazy_pgettext("message status", "pending"),
        "accepted": lazy_pgettext("message status", "accepted"),
        "scheduled": lazy_pgettext("message status", "scheduled"),
        "queued": lazy_pgettext("message status", "queued"),
        "sending": lazy_pgettext("message status", "sending"),
        "sent": lazy_pgettext("message status", "sent"),
        "delivered": lazy_pgettext("message status", "delivered"),
        "undelivered": lazy_pgettext("message status", "undelivered"),
        "failed": lazy_pgettext("message status", "failed"),
        "cancelled": lazy_pgettext("message status", "cancelled"),
        "read": lazy_pgettext("message status", "read"),
    },
    "author": {
        "returnee": lazy_pgettext("author", "returnee"),
        "bot": lazy_pgettext("author", "bot"),
        "caseworker": lazy_pgettext("author", "caseworker"),
    },
    "check-in": {
        "good": lazy_pgettext("check-in", "good"),
        "okay": lazy_pgettext("check-in", "okay"),
        "struggling": lazy_pgettext("check-in", "struggling"),
        "missed": lazy_pgettext("check-in", "missed"),
        "waiting": lazy_pgettext("check-in", "no answer yet"),
    },
    "need": {  # flows/replies.py's need_* labels, in English as the check-in records them
        "someone to talk to": lazy_pgettext("need", "someone to talk to"),
        "work": lazy_pgettext("need", "work"),
        "money": lazy_pgettext("need", "money"),
        "housing": lazy_pgettext("need", "housing"),
        "health": lazy_pgettext("need", "health"),
        "other": lazy_pgettext("need", "other"),
    },
    "role": {
        "caseworker": lazy_pgettext("role", "caseworker"),
        "supervisor": lazy_pgettext("role", "supervisor"),
        "admin": lazy_pgettext("role", "admin"),
    },
    "language": {  # a returnee's language
        "en": lazy_pgettext("language", "English"),
        "es": lazy_pgettext("language", "Spanish"),
        "fr": lazy_pgettext("language", "French"),
        "ht": lazy_pgettext("language", "Haitian Creole"),
    },
    "sex": {  # registration demographics
        "female": lazy_pgettext("sex", "female"),
        "male": lazy_pgettext("sex", "male"),
        "other": lazy_pgettext("sex", "other"),
    },
    "return type": {
        "forced": lazy_pgettext("return type", "forced (deported)"),
        "voluntary": lazy_pgettext("return type", "voluntary"),
    },
    "chart": {  # the wellbeing chart's levels, short
        "good": lazy_pgettext("chart", "good"),
        "okay": lazy_pgettext("chart", "okay"),
        "hard": lazy_pgettext("chart", "hard"),
        "none": lazy_pgettext("chart", "none"),
    },
}
# Each language in its own name, for the caseworker choosing theirs.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "ht": "Kreyòl ayisyen"}

# Texts of other modules that the pages show: the refusals of bot/ (registration, replies,
# milestones), the reasons of alerts and reminders, and werkzeug's and Flask-WTF's error
# descriptions. Each is written as its module says it in English, with what varies named;
# `say` shows it in the page's language, and one not listed here stays as it is.
MESSAGES = (
    N_("%(field)s: contains a NUL character, which is not allowed"),
    N_("name: 2 to 200 characters"),
    N_("country: empty is not a programme country"),
    N_("country: %(country)s is not a programme country"),
    N_("country: %(country)s is not one of your offices"),
    N_("language: %(language)s is not one of %(languages)s"),
    N_("phone: %(phone)s is not a phone number"),
    N_("returned_on: %(date)s is not a date (YYYY-MM-DD)"),
    N_("birth_date: %(value)s is not a date (YYYY-MM-DD)"),
    N_("birth_date: %(value)s is in the future"),
    N_("birth_date: %(value)s is before 1900"),
    N_("age_band: %(value)s is not one of %(values)s"),
    N_("age_band: %(value)s does not match the birth date (%(band)s)"),
    N_("sex: %(value)s is not one of %(values)s"),
    N_("return_type: %(value)s is not one of %(values)s"),
    N_("deporting_country: %(value)s is not an ISO 3166 country code (two letters, like US)"),
    N_("phone: %(phone)s already belongs to a returnee"),
    N_("phone: %(phone)s is not available"),
    N_("registered, code %(code)s"),
    N_("the message is empty"),
    N_("the message is longer than 1,600 characters"),
    N_("no number to write to: the returnee opted out"),
    N_("the returnee opted out"),
    N_("the name is empty"),
    N_("the name must be printable text of at most 200 characters"),
    N_("unknown milestone type %(kind)s; one of %(kinds)s"),
    N_("no returnee %(id)s"),
    N_("date and time: use YYYY-MM-DD HH:MM"),
    N_("date: the year must be between 2000 and 2100"),
    N_("place: at most 200 characters"),
    N_("status must be one of %(statuses)s"),
    N_("unknown action %(action)s"),
    # Why an alert was raised.
    N_("crisis message"),
    N_("asked for a person"),
    N_("check-in: struggling"),
    N_("says things are hard"),
    N_("wrote while a caseworker has the conversation"),
    N_("messages to this number fail (error %(code)s)"),
    N_("new number %(number)s sent this case's registration code"),
    N_("no answer to the check-ins of %(first)s and %(second)s"),
    # What happened to a reminder.
    N_("a later reminder of the milestone is due"),
    N_("stale"),
    N_("stale before the next allowed time"),
    N_("paused"),
    N_("quiet hours"),
    N_("milestone changed"),
    N_("milestone no longer planned"),
    N_("no such returnee"),
    N_("no consent or every number opted out"),
    N_("opted out"),
    N_("answered"),
    N_("no number"),
    N_("failed repeatedly; see the logs"),
    # Error pages: werkzeug's descriptions, and Flask-WTF's refusals of a form.
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_(
        "The requested URL was not found on the server. If you entered the URL manually please "
        "check your spelling and try again."
    ),
    N_("The method is not allowed for the requested URL."),
    N_("The data value transmitted exceeds the capacity limit."),
    N_("This user has exceeded an allotted request count. Try again later."),
    N_(
        "The server encountered an internal error and was unable to complete your request. "
        "Either the server is overloaded or there is an error in the application."
    ),
    N_("The CSRF token is missing."),
    N_("The CSRF session token is missing."),
    N_("The CSRF token has expired."),
    N_("The CSRF token is invalid."),
    N_("The CSRF tokens do not match."),
    N_("The referrer header is missing."),
    N_("The referrer does not match the host."),
)
_PATTERNS = patterns_of(MESSAGES)
# werkzeug's names of the errors the dashboard answers.
ERROR_NAMES = {
    "Bad Request": N_("Bad Request"),
    "Unauthorized": N_("Unauthorized"),
    "Not Found": N_("Not Found"),
    "Method Not Allowed": N_("Method Not Allowed"),
    "Request Entity Too Large": N_("Request Entity Too Large"),
    "Too Many Requests": N_("Too Many Requests"),
    "Internal Server Error": N_("Internal Server Error"),
}
# Times as each language writes them (English as before: ISO dates).
DATE_TIME = {"en": "%Y-%m-%d %H:%M", "es": "%d/%m/%Y %H:%M", "fr": "%d/%m/%Y %H:%M"}
DAY = {"en": "%Y-%m-%d", "es": "%d/%m/%Y", "fr": "%d/%m/%Y"}


def language() -> str:
    """The language of this page: en, es or fr (see dashboard.auth.select_locale)."""
    return str(get_locale() or "en")


def label(value: str | None, kind: str) -> str:
    """A stored value (an alert's kind, a reminder's state...) as the page names it."""
    found = LABELS.get(kind, {}).get(value or "")
    return str(found) if found is not None else (value or "").replace("_", " ")


def say(message: str | None, patterns: Patterns = _PATTERNS) -> str:
    """A text of another module (see MESSAGES, or the patterns given) in the page's language."""
    for pattern, known in patterns:
        found = pattern.fullmatch(message or "")
        if found:
            return str(gettext(known, **found.groupdict()))
    return message or ""


def error_name(error: HTTPException) -> str:
    """The error's name (Not Found...) in the page's language."""
    known = ERROR_NAMES.get(error.name)
    return str(gettext(known)) if known else error.name


def when(moment: datetime, zone: str | ZoneInfo | None) -> str:
    """A date and time in `zone`, with the zone's abbreviation: 2026-12-02 10:00 EST."""
    local = moment.astimezone(zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone or "UTC"))
    return f"{local.strftime(DATE_TIME.get(language(), DATE_TIME['en']))} {local:%Z}"


def day(moment: date | datetime) -> str:
    """A date as the page's language writes it."""
    return moment.strftime(DAY.get(language(), DAY["en"]))


def weekday_time(moment: datetime) -> str:
    """A near date with its day's name, without the year: Tue 08 Dec 09:00."""
    if language() == "en":
        return f"{moment:%a %d %b %H:%M}"
    return str(format_datetime(moment.replace(tzinfo=None), "EEE d MMM HH:mm", locale=language()))


def script_texts() -> dict[str, str | dict[str, str]]:
    """The texts app.js shows, in the page's language, with %(name)s where a value goes; a
    plural has a text for each of the language's plural categories (one, many, other: the
    names Intl.PluralRules picks, as the catalogs' CLDR Plural-Forms do)."""
    t = get_translations()
    samples = {"one": 1, "many": 1_000_000, "other": 2}  # a number of each category in en/es/fr
    return {
        "characters": {category: str(t.ngettext("%(count)s character", "%(count)s characters", n))
                       for category, n in samples.items()},
        "parts": {category: str(t.ngettext("%(count)s SMS part", "%(count)s SMS parts", n))
                  for category, n in samples.items()},
        "sla_left": str(t.gettext("SLA: %(time)s left")),
        "sla_overdue": str(t.gettext("SLA: overdue by %(time)s")),
        "hours": str(t.gettext("%(hours)s h %(minutes)s min")),
        "minutes": str(t.gettext("%(minutes)s min %(seconds)s s")),
        "stopped": str(t.gettext("Stopped: %(reason)s")),
        "progress": {category: str(t.ngettext(
            "%(done)s of %(count)s row: %(ok)s registered, %(bad)s with errors",
            "%(done)s of %(count)s rows: %(ok)s registered, %(bad)s with errors", n,
        )) for category, n in samples.items()},
    }  # fmt: skip


@dataclass(frozen=True)
class MilestoneView:
    """A milestone with its local time and the reminders it will send (or sent)."""

    row: Milestone
    local: str  # YYYY-MM-DD HH:MM, as a form field takes it
    reminders: list[tuple[str, str, str | None]]  # (local time, state, reason)
    shown: str = ""  # its local time as the page's language writes it


def milestones(session: Session, contact: Contact, zone: ZoneInfo) -> list[MilestoneView]:
    """The returnee's milestones by date, each with its reminders."""
    found = []
    for row in plan.milestones_of(session, contact.id):
        reminders = [(_local(e, zone), e.state, e.reason) for e in plan.entries_of(session, row.id)]
        at = row.at.astimezone(zone)
        shown = at.strftime(DATE_TIME.get(language(), DATE_TIME["en"]))
        found.append(MilestoneView(row, f"{at:%Y-%m-%d %H:%M}", reminders, shown))
    return found


def _local(entry: ScheduleEntry, zone: ZoneInfo) -> str:
    return weekday_time(entry.fire_at.astimezone(zone))


def wellbeing_chart(checkins: list[CheckIn], width: int = 320, height: int = 90) -> str:
    """An inline SVG line of check-in answers over time (3 good, 2 okay, 1 struggling, 0 missed)."""
    asked = [(c.asked_at or c.answered_at, SCORES.get(c.answer or "", 0)) for c in checkins]
    points = [(at, score) for at, score in asked if at is not None]
    if not points:
        return ""
    step = (width - 40) / max(1, len(points) - 1)
    xy = [(30 + i * step, height - 10 - score * (height - 25) / 3) for i, (_, score) in
          enumerate(points)]  # fmt: skip
    line = " ".join(f"{x:.0f},{y:.0f}" for x, y in xy)
    answers = [label(a, "check-in") for a in ("missed", "struggling", "okay", "good")]
    dots = "".join(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="3"><title>{escape(day(at))}: '
                   f'{escape(answers[s])}</title></circle>'
                   for (x, y), (at, s) in zip(xy, points, strict=True))  # fmt: skip
    levels = ((3, "good"), (2, "okay"), (1, "hard"), (0, "none"))
    labels = "".join(f'<text x="0" y="{height - 7 - s * (height - 25) / 3:.0f}">'
                     f'{escape(label(name, "chart"))}</text>' for s, name in levels)  # fmt: skip
    title = escape(gettext("wellbeing over time"))
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{title}"><g class="labels">{labels}</g>'
            f'<polyline points="{line}" fill="none"/>{dots}</svg>')  # fmt: skip


@dataclass(frozen=True)
class AlertCard:
    """One alert in the queue, with what the card shows about it."""

    alert: Alert
    left: int  # seconds of SLA left
    contact: Contact | None
    said: str  # the message that raised it
    unread: int  # messages no caseworker has seen
    zone: str  # the office's time zone
    acknowledged_by: str | None


def queue_version(queue: list[Alert]) -> str:
    """Changes when an alert comes, changes state, or gets a newer message."""
    marks = ",".join(
        f"{a.id}:{a.status}:{a.inbound_id or 0}" for a in sorted(queue, key=lambda a: a.id)
    )
    return hashlib.sha256(marks.encode()).hexdigest()[:16]


def thread_version(thread: list[ThreadMessage]) -> str:
    """Changes when a message comes or goes, or a delivery status changes."""
    marks = ",".join(f"{m.at.isoformat()}:{m.direction}:{m.status}" for m in thread[-20:])
    return hashlib.sha256(marks.encode()).hexdigest()[:16]


def sla_left(alert: Alert, now: datetime) -> int:
    """Seconds until the alert's SLA runs out (negative: overdue)."""
    return int((alert.sla_due_at - now).total_seconds())
