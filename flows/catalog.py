"""The gettext catalogs of the reply texts: flows/locale/<language>/LC_MESSAGES/replies.po.

Each message's msgid is the name the code uses ("consent", "menu"), its msgstr the text. The
English catalog is the source: the first `#.` comment of each message says its kind
("Reply:", "Label:" or "Part:"), the next ones where it is used, what its placeholders stand
for and its SMS segment budget, and the last one ("English: ...") repeats the English text
for translators. replies.pot, the template translators start from, is made from it:
`.venv/bin/python -m flows.catalog`.

The languages are the folders that hold a catalog, English first: adding a folder adds a
language. A message missing, empty or fuzzy in a language is left out (the reply falls back
to English); `tests/unit/test_catalogs.py` makes sure no catalog ships like that.
"""

import io
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "replies"
SOURCE_LANGUAGE = "en"
KINDS = ("reply", "label", "part")
ENGLISH_NOTE = "English:"
TEMPLATE_HEADER = """\
# Reply texts of the Returnee Assistant, template.
# Each msgid is the name the code uses: translate the msgstr only.
# Keep every {placeholder} as it is. GSM-7 letters only: é è ñ ò ü are
# fine, á í ó ú ê are not (one of them doubles the cost of a reply).
# README.md, "Adding a language", says how to check a catalog."""
_BUDGET = re.compile(r"at most (\d+) SMS segments?")
# A line of a catalog: a keyword and a quoted string, or a quoted string that continues one.
# Babel's parser quietly drops a character where a quote is missing; this does not.
_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"')


class CatalogError(ValueError):
    """A catalog that cannot be used: unreadable, or English without a message's kind."""


@dataclass(frozen=True)
class Catalogs:
    """Every language's texts, by message name then language."""

    languages: tuple[str, ...]  # English first
    kinds: dict[str, str]  # message name -> "reply", "label" or "part"
    budgets: dict[str, int]  # message name -> SMS segments, where the comments give one
    messages: dict[str, dict[str, str]]  # message name -> language -> text

    def of_kind(self, kind: str) -> dict[str, dict[str, str]]:
        """The messages of one kind, in catalog order."""
        return {key: texts for key, texts in self.messages.items() if self.kinds[key] == kind}


def catalog_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Where the catalog of `language` lives."""
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path(locale_dir: Path = LOCALE_DIR) -> Path:
    """Where the translators' template lives."""
    return locale_dir / f"{DOMAIN}.pot"


def find_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """The languages that have a catalog: English first, then by code."""
    found = sorted(path.parents[1].name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    if SOURCE_LANGUAGE not in found:
        raise CatalogError(f"{catalog_path(SOURCE_LANGUAGE, locale_dir)} is missing")
    return (SOURCE_LANGUAGE, *(language for language in found if language != SOURCE_LANGUAGE))


def read_catalog(path: Path) -> Catalog:
    """One catalog file (UTF-8), parsed strictly: a syntax error names the file and line."""
    try:
        content = path.read_text(encoding="utf-8")
        for number, line in enumerate(content.splitlines(), start=1):
            line = line.strip()
            if line and not line.startswith("#") and not _LINE.fullmatch(line):
                raise CatalogError(f"{path}: line {number} is not msgid/msgstr and a quoted "
                                   f"string (a quote missing?): {line}")  # fmt: skip
        return read_po(io.StringIO(content), abort_invalid=True)
    except (OSError, PoFileError, UnicodeDecodeError) as error:
        raise CatalogError(f"{path}: {error}") from error


def entries(catalog: Catalog) -> list[Message]:
    """The messages of a catalog, without its header."""
    return [message for message in catalog if message.id]


def name(message: Message) -> str:
    """The msgid of a simple (singular) message."""
    if not isinstance(message.id, str):
        raise CatalogError(f"{message.id!r}: plural messages are not used")
    return message.id


def translation(message: Message) -> str:
    """The msgstr of a message, or "" where it is empty, fuzzy or plural."""
    return message.string if isinstance(message.string, str) and not message.fuzzy else ""


def notes(message: Message) -> list[str]:
    """The `#.` comment lines before the "English:" one."""
    lines = list(message.auto_comments)
    starts = [i for i, line in enumerate(lines) if line.startswith(ENGLISH_NOTE)]
    return lines[: starts[0]] if starts else lines


def kind_of(message: Message) -> str:
    """The kind its first `#.` comment gives: reply, label or part."""
    first = message.auto_comments[0] if message.auto_comments else ""
    kind = first.split(":", 1)[0].strip().lower()
    if kind not in KINDS:
        raise CatalogError(f"{name(message)}: the first #. comment must start with Reply:, "
                           f"Label: or Part:, not {first!r}")  # fmt: skip
    return kind


def budget_of(message: Message) -> int | None:
    """The SMS segments its comments allow ("at most 2 SMS segments"), if they say."""
    found = _BUDGET.search(" ".join(notes(message)))
    return int(found.group(1)) if found else None


def load(locale_dir: Path = LOCALE_DIR) -> Catalogs:
    """Read every catalog under `locale_dir`; English must have every message."""
    languages = find_languages(locale_dir)
    read = {lang: entries(read_catalog(catalog_path(lang, locale_dir))) for lang in languages}
    english = read[SOURCE_LANGUAGE]
    kinds = {name(message): kind_of(message) for message in english}
    budgets = {
        name(message): budget for message in english if (budget := budget_of(message)) is not None
    }
    empty = [name(message) for message in english if not translation(message)]
    if empty:
        path = catalog_path(SOURCE_LANGUAGE, locale_dir)
        raise CatalogError(f"{path}: no English text for {', '.join(empty)}")
    messages: dict[str, dict[str, str]] = {key: {} for key in kinds}
    for language, catalog in read.items():
        for message in catalog:
            text = translation(message)
            if text and isinstance(message.id, str) and message.id in messages:
                messages[message.id][language] = text
    return Catalogs(languages, kinds, budgets, messages)


def template(english: Catalog) -> Catalog:
    """replies.pot: English's messages and notes, the English text as the last note."""
    revised = english.revision_date  # the template is as new as the English texts
    pot = Catalog(
        domain=DOMAIN, project=english.project, version=english.version,
        header_comment=TEMPLATE_HEADER, msgid_bugs_address=english.msgid_bugs_address,
        creation_date=revised if isinstance(revised, datetime) else None, charset="utf-8",
    )  # fmt: skip
    for message in entries(english):
        note = f"{ENGLISH_NOTE} {translation(message)}"
        pot.add(name(message), "", auto_comments=[*notes(message), note])
    return pot


def write_template(locale_dir: Path = LOCALE_DIR) -> Path:
    """Write replies.pot from the English catalog."""
    buffer = io.BytesIO()
    write_po(buffer, template(read_catalog(catalog_path(SOURCE_LANGUAGE, locale_dir))))
    path = template_path(locale_dir)
    path.write_bytes(buffer.getvalue())
    return path


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_template()}\n")
