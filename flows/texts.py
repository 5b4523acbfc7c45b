"""Reply texts in every language, read once from the gettext catalogs in flows/locale.

Each language has flows/locale/<language>/LC_MESSAGES/replies.po, whose msgids are the names
used here ("consent", "menu") and whose msgstrs are the texts, with {placeholders} filled by
`render`. Spanish and French skip accents GSM-7 lacks (á, í, ó, ú, ê) so a reply stays in
cheap, basic-phone-safe GSM-7 segments. A language, or a message, a catalog lacks falls back
to English. `flows.catalog` reads the files; README.md "Adding a language" says how to add one.
"""

import string

from flows.catalog import Catalogs, load
from flows.content import DAYS, Emergency

CATALOGS: Catalogs = load()

LANGUAGES: tuple[str, ...] = CATALOGS.languages  # English first; the same as content.LANGUAGES
DEFAULT_LANGUAGE = "en"

# Languages by the region of the number: the best first guess before the returnee chooses.
REGION_LANGUAGE = {"HT": "ht", "DO": "es"}

# Whole replies (filled by `render`) and the short labels put inside them.
TEXTS: dict[str, dict[str, str]] = CATALOGS.of_kind("reply")
LABELS: dict[str, dict[str, str]] = CATALOGS.of_kind("label")
# The pieces this module puts together: day and month names, and the crisis reply.
PARTS: dict[str, dict[str, str]] = CATALOGS.of_kind("part")

DAY_KEYS = tuple(f"day_{day}" for day in DAYS)  # Monday first
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_KEYS = tuple(f"month_{month}" for month in MONTHS)  # January first

# Crisis replies: {call} is who to call now, {helpline} an optional sentence.
CRISIS_TEMPLATES = PARTS["crisis"]
# Who to call where we know no numbers (a country outside the programme, or an unknown one):
# better a generic line than another country's number.
GENERIC = PARTS["emergency_generic"]


def _pick(by_language: dict[str, str], language: str) -> str:
    return by_language.get(language) or by_language[DEFAULT_LANGUAGE]


def text(key: str, language: str) -> str:
    """The text `key` in `language`, falling back to English for an unknown language."""
    return _pick(TEXTS[key], language)


def render(key: str, language: str, **values: str) -> str:
    """The text `key` in `language` with its placeholders filled."""
    return text(key, language).format(**values)


def placeholders(template: str) -> set[str]:
    """The names of the placeholders in a text."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def label(key: str, language: str) -> str:
    """A short label (service, document, alert kind) in `language`."""
    return _pick(LABELS[key], language)


def part(key: str, language: str) -> str:
    """A piece of a reply (a day name, a line of the crisis reply) in `language`."""
    return _pick(PARTS[key], language)


def day_names(language: str) -> tuple[str, ...]:
    """Day abbreviations in `language`, Monday first."""
    return tuple(part(key, language) for key in DAY_KEYS)


def month_names(language: str) -> tuple[str, ...]:
    """Short month names in `language`, January first."""
    return tuple(part(key, language) for key in MONTH_KEYS)


def language_for_region(region: str | None) -> str:
    """First-guess language for a number's region (ISO 3166 alpha-2)."""
    return REGION_LANGUAGE.get(region or "", DEFAULT_LANGUAGE)


def emergency_call(language: str, numbers: Emergency | None) -> str:
    """Who to call now: "119 (police) or 110 (ambulance)", or the generic line. A number
    nobody has confirmed is never given to someone in danger."""
    police = numbers.police.number if numbers and numbers.police.verified else None
    ambulance = numbers.ambulance.number if numbers and numbers.ambulance.verified else None
    if police is None and ambulance is None:
        return part("emergency_generic", language)
    if police is None or ambulance is None or police == ambulance:
        return part("crisis_call_one", language).format(p=police or ambulance)
    return part("crisis_call_two", language).format(p=police, a=ambulance)


def crisis_text(language: str, numbers: Emergency | None) -> str:
    """The crisis reply with the (confirmed) emergency numbers of the returnee's country."""
    line = numbers.helpline if numbers is not None else None
    helpline = ""
    if line is not None and line.verified:
        helpline = " " + part("crisis_helpline", language).format(h=line.number)
    return part("crisis", language).format(call=emergency_call(language, numbers),
                                           helpline=helpline)  # fmt: skip
