"""What the dashboard's templates call: times in the office's zone, dates, labels and texts
in the caseworker's language."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask
from werkzeug.exceptions import HTTPException

from dashboard import views


def local_time(moment: datetime | None, zone: str | None) -> str:
    """A time as the office reads it: its own zone, with the zone's abbreviation, written as
    the caseworker's language writes it (2026-12-02 10:00 EST; 02/12/2026 10:00 EST)."""
    if moment is None:
        return "-"
    return views.when(moment, ZoneInfo(zone or "UTC"))


def day(moment: date | datetime) -> str:
    """A date as the caseworker's language writes it."""
    return views.day(moment)


def label(value: str | None, kind: str) -> str:
    """A stored value (an alert's status, a reminder's state...) in the caseworker's language."""
    return views.label(value, kind)


def say(message: str | None) -> str:
    """A text of another module (a refusal, an alert's reason) in the caseworker's language."""
    return views.say(message)


def error_name(error: HTTPException) -> str:
    """An error's name in the caseworker's language."""
    return views.error_name(error)


def page_language_code() -> str:
    """The language of the page being shown, for <html lang> and the script's plurals."""
    return views.language()


def script_texts() -> dict[str, str | dict[str, str]]:
    """The texts app.js shows, in the page's language."""
    return views.script_texts()


def language_names() -> dict[str, str]:
    """Each language the assistant speaks, in its own name."""
    return views.LANGUAGE_NAMES


def install(app: Flask) -> None:
    """The dashboard's filters and globals, for every template of the app."""
    app.add_template_filter(local_time, "local")
    app.add_template_filter(day, "day")
    app.add_template_filter(label, "label")
    app.add_template_filter(say, "say")
    app.add_template_filter(error_name, "error_name")
    app.add_template_global(page_language_code, "page_language")
    app.add_template_global(script_texts, "script_texts")
    app.add_template_global(language_names, "language_names")
