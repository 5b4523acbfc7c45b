"""Read and validate the country content files; refuse to start on a bad one."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from flows.content import Catalogue, ContentError, Country, parse_country
from flows.schedule import ReminderBook, parse_reminder_book

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
# The emergency numbers a crisis reply gives (the others are for operators and caseworkers).
CRISIS_NUMBERS = ("emergency.police", "emergency.ambulance", "emergency.helpline")
# The order the onboarding menu lists countries in (then any others, alphabetically).
MENU_ORDER = ("GY", "BS", "HT", "JM", "TT", "BB", "GD", "AG", "DO")


def load_catalogue(directory: Path = DEFAULT_CONTENT_DIR, default: str | None = None) -> Catalogue:
    """Every `countries/*.yml` in `directory`, validated; ContentError names file and key."""
    files = sorted((directory / "countries").glob("*.yml"))
    if not files:
        raise ContentError(str(directory / "countries"), "(files)", "no country files found")
    countries: dict[str, Country] = {}
    for path in files:
        country = _load(path, directory)
        countries[country.code] = country
    ordered = sorted(countries, key=lambda c: (MENU_ORDER.index(c) if c in MENU_ORDER else 99, c))
    if default is not None and default not in countries:
        raise ContentError(str(directory), "DEFAULT_OFFICE", f"no content file for {default}")
    return Catalogue({code: countries[code] for code in ordered}, default=default)


def load_reminder_book(directory: Path = DEFAULT_CONTENT_DIR) -> ReminderBook:
    """`reminders.yml` in `directory`, validated; ContentError names the rule and key."""
    path = directory / "reminders.yml"
    if not path.exists():
        raise ContentError(str(path), "(file)", "is missing")
    return parse_reminder_book(_read_yaml(path, "reminders.yml"), "reminders.yml")


def _read_yaml(path: Path, source: str) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        raise ContentError(source, where, "is not valid YAML") from None


def _load(path: Path, directory: Path) -> Country:
    source = str(path.relative_to(directory))
    country = parse_country(_read_yaml(path, source), source)
    if path.stem.upper() != country.code:
        raise ContentError(source, "country", f"{country.code} does not match the file name")
    return country


@dataclass(frozen=True)
class Concern:
    """A fact an office must confirm, or a placeholder it must replace, before launch."""

    country: str
    key: str
    what: str  # unverified|example


def concerns(catalogue: Catalogue) -> list[Concern]:
    """Unconfirmed emergency numbers and example details, for operators to see."""
    found: list[Concern] = []
    for country in catalogue.countries.values():
        numbers = vars(country.emergency)
        for name, number in numbers.items():
            if number is not None and not number.verified:
                found.append(Concern(country.code, f"emergency.{name} {number.number}",
                                     "unverified"))  # fmt: skip
        found += [
            Concern(country.code, f"office.{key}", "example") for key in country.office.example
        ]
        for service in country.services.values():
            found += [Concern(country.code, f"services.{service.key}.{key}", "example")
                      for key in service.example]  # fmt: skip
    return found
