"""The gettext catalogs of the reply texts (flows/locale): complete in every language, the same
placeholders as English, within each reply's SMS segment budget, and a new folder is a new
language. A translator runs these with `make test` (or `.venv/bin/pytest tests/unit`)."""

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from flows import texts
from flows.catalog import (
    DOMAIN,
    LOCALE_DIR,
    CatalogError,
    catalog_path,
    entries,
    find_languages,
    kind_of,
    load,
    name,
    read_catalog,
    template,
    template_path,
)
from flows.onboarding import country_options
from flows.segments import count_segments
from flows.texts import (
    CATALOGS,
    DAY_KEYS,
    LABELS,
    LANGUAGES,
    MONTH_KEYS,
    PARTS,
    TEXTS,
    crisis_text,
    day_names,
    emergency_call,
    label,
    month_names,
    placeholders,
    render,
    text,
)
from storage.models import Contact
from tests.flow_world import CATALOGUE, CTX

CATALOG_FILES = [template_path(), *(catalog_path(language) for language in LANGUAGES)]
CATALOG_IDS = [str(path.relative_to(LOCALE_DIR)) for path in CATALOG_FILES]
TEMPLATE = entries(read_catalog(template_path()))
TEMPLATE_KEYS = [name(message) for message in TEMPLATE]
TEMPLATE_BY_KEY = dict(zip(TEMPLATE_KEYS, TEMPLATE, strict=True))
REPLY_LANGUAGE = [(key, language) for key in TEXTS for language in LANGUAGES]
REPLY_LANGUAGE_IDS = [f"{key}-{language}" for key, language in REPLY_LANGUAGE]
REFRESH = "run .venv/bin/python -m flows.catalog to remake it"
CRISIS_PARTS = {"crisis", "crisis_call_one", "crisis_call_two", "crisis_helpline",
                "emergency_generic"}  # fmt: skip


def formatted(template: str) -> set[str] | str:
    """The placeholders of a text, or why Python cannot fill it (a lone brace)."""
    try:
        return placeholders(template)
    except ValueError as error:
        return f"not a valid text with {{placeholders}}: {error}"


def problems(locale_dir: Path, language: str) -> list[str]:
    """What keeps a language's catalog from shipping: a message of the template missing,
    empty or fuzzy, one the template lacks, or placeholders unlike English."""
    keys = [name(message) for message in entries(read_catalog(template_path(locale_dir)))]
    english = {name(m): m.string for m in entries(read_catalog(catalog_path("en", locale_dir)))}
    found = {name(m): m for m in entries(read_catalog(catalog_path(language, locale_dir)))}
    wrong = [f"{key}: not in the catalog" for key in keys if key not in found]
    wrong += [f"{key}: not in replies.pot (remove it)" for key in found if key not in keys]
    for key, message in found.items():
        if message.fuzzy:
            wrong.append(f"{key}: fuzzy (check the text, then remove the fuzzy mark)")
        elif not isinstance(message.string, str) or not message.string.strip():
            wrong.append(f"{key}: not translated")
        elif key in english and formatted(message.string) != formatted(str(english[key])):
            wrong.append(f"{key}: placeholders {formatted(message.string)}, English has "
                         f"{formatted(str(english[key]))}")  # fmt: skip
    return wrong


# --- Every file parses and says what it is ---------------------------------------------------


@pytest.mark.parametrize("path", CATALOG_FILES, ids=CATALOG_IDS)
def test_every_catalog_parses_strictly(path: Path) -> None:
    assert entries(read_catalog(path))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_has_the_headers_translation_tools_need(language: str) -> None:
    path = catalog_path(language)
    catalog = read_catalog(path)
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert catalog.charset == "utf-8"
    assert f'"Language: {language}\\n"' in header
    assert re.search(r'"Content-Type: text/plain; charset=utf-8\\n"', header, re.IGNORECASE)
    assert re.search(r'"Plural-Forms: nplurals=\d+; plural=', header)
    assert not catalog.fuzzy, "the header is marked fuzzy"


@pytest.mark.parametrize("path", CATALOG_FILES, ids=CATALOG_IDS)
def test_no_catalog_names_a_message_twice_or_uses_context_or_plurals(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    ids = [line for line in lines if line.startswith("msgid ")]
    assert len(ids) == len(set(ids))
    assert not [line for line in lines if line.startswith(("msgctxt", "msgid_plural"))]


def test_the_languages_are_the_folders_english_first() -> None:
    folders = {path.parents[1].name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    assert find_languages() == LANGUAGES and LANGUAGES[0] == "en" and set(LANGUAGES) == folders


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_code_fits_the_contacts_language_column(language: str) -> None:
    assert len(language) <= Contact.__table__.c.language.type.length


# --- The template is English's messages, for translators --------------------------------------


def words(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def test_the_template_has_the_english_messages_notes_and_texts_in_order() -> None:
    made = entries(template(read_catalog(catalog_path("en"))))
    assert [name(message) for message in made] == TEMPLATE_KEYS
    stale = [
        name(ours)
        for ours, fresh in zip(TEMPLATE, made, strict=True)
        if words(ours.auto_comments) != words(fresh.auto_comments)
    ]
    assert not stale, f"replies.pot is older than en/replies.po for {stale}: {REFRESH}"


def test_the_template_has_no_translations() -> None:
    assert all(message.string == "" for message in TEMPLATE)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_every_template_message_says_its_kind_use_budget_and_placeholders(key: str) -> None:
    message = TEMPLATE_BY_KEY[key]
    notes, _ = words(message.auto_comments).split(" English: ")
    assert kind_of(message) == CATALOGS.kinds[key]
    assert len(notes.split(".")) > 2, "say where the message is used"
    if CATALOGS.kinds[key] == "reply":
        assert re.search(r"at most \d+ SMS segments", notes)
    for placeholder in placeholders(CATALOGS.messages[key]["en"]):
        assert f"{{{placeholder}}}:" in notes, f"no note says what {{{placeholder}}} is"


def test_the_parts_are_the_ones_the_texts_module_puts_together() -> None:
    assert set(PARTS) == set(DAY_KEYS) | set(MONTH_KEYS) | CRISIS_PARTS
    assert set(TEXTS) | set(LABELS) | set(PARTS) == set(TEMPLATE_KEYS)


# --- Every language is complete, with English's placeholders ----------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_template_is_translated_in_every_catalog(language: str) -> None:
    wrong = problems(LOCALE_DIR, language)
    assert not wrong, f"{catalog_path(language)}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_every_language_has_every_message(key: str) -> None:
    assert set(CATALOGS.messages[key]) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_distinct_day_and_month_names(language: str) -> None:
    assert len(set(day_names(language))) == 7 and len(set(month_names(language))) == 12


# --- Every reply within its segment budget, in GSM-7 ------------------------------------------


def longest(items: list[str]) -> str:
    return max(items, key=len)


def sample_values(language: str) -> dict[str, str]:
    """Plausible, long-ish values for every placeholder, in `language`."""
    days, months = day_names(language), month_names(language)
    whens = ("when_now", "when_today", "when_tomorrow", "when_day")
    return {
        "menu": text("menu", language),
        "when": longest([render(k, language, day=days[2], time="08:30") for k in whens]),
        "options": country_options(CTX, language),
        "service": longest([label(key, language) for key in CATALOGUE.countries["JM"].services]),
        "partner": "HEART/NSTA Trust", "where": "12 King St, Kingston",
        "hours": f"{days[0]}-{days[4]} 08:30-16:30", "office": "Kingston Hub",
        "bring": ", ".join(label(k, language) for k in ("id_card", "birth_certificate",
                                                        "passport_photos")),
        "address": "12 King St, Kingston", "phone": "+1 876 555 0100", "time": "16:30",
        "day": days[2], "code": "K7Q2", "kind": label("alert_request_human", language),
        "who": "Marcia Brown", "country": CATALOGUE.countries["TT"].name(language),
        "snippet": "I need to talk to someone", "caseworker": "Marcia Brown",
        "what": longest([label(k, language) for k in LABELS if k.startswith("milestone_")]),
        "date": "10", "month": months[11], "cost": "JMD 2,500",
        "call": emergency_call(language, CATALOGUE.countries["JM"].emergency),
        "document": longest([label(k, language) for k in LABELS if k.startswith("doc_")]),
    }  # fmt: skip


def gsm7(piece: str) -> bool:
    return count_segments(piece).encoding == "GSM-7"


def filled(key: str, language: str) -> str:
    values = sample_values(language)
    if key == "reminder":
        day, month = day_names(language)[3], month_names(language)[11]
        values["when"] = render("reminder_when", language, day=day, date="10", month=month,
                                time="14:00")  # fmt: skip
        values["where"] = "Youth Centre, 12 King St"
    return render(key, language, **values)


@pytest.mark.parametrize(("key", "language"), REPLY_LANGUAGE, ids=REPLY_LANGUAGE_IDS)
def test_every_reply_filled_in_stays_within_its_segment_budget_in_gsm7(
    key: str, language: str
) -> None:
    budget = CATALOGS.budgets[key]
    for body in (text(key, language), filled(key, language)):
        count = count_segments(body)
        assert count.encoding == "GSM-7", f"a letter outside GSM-7 in {body!r}"
        assert count.segments <= budget, f"{count.segments} segments > {budget}: {body!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_crisis_reply_stays_within_its_budget_in_gsm7(language: str) -> None:
    budget = CATALOGS.budgets["crisis"]
    countries = [CATALOGUE.countries[code].emergency for code in CATALOGUE.order]
    for numbers in [*countries, None]:
        count = count_segments(crisis_text(language, numbers))
        assert count.encoding == "GSM-7" and count.segments <= budget


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_and_part_is_in_gsm7(language: str) -> None:
    pieces = {key: CATALOGS.messages[key][language] for key in (*LABELS, *PARTS)}
    outside = {key: piece for key, piece in pieces.items() if not gsm7(piece)}
    assert not outside


# --- A new folder is a new language --------------------------------------------------------

PAPIAMENTO = """\
# Reply texts of the Returnee Assistant, Papiamento (a test's tiny catalog).
msgid ""
msgstr ""
"Language: pap\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "greeting"
msgstr "Bon dia! Kon nos por yuda bo? {menu}"

msgid "day_mon"
msgstr "Dlu"

#, fuzzy
msgid "goodbye_reply"
msgstr "Ayo"
"""


@pytest.fixture
def locale_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    return copy


def add_papiamento(locale_dir: Path) -> None:
    path = catalog_path("pap", locale_dir)
    path.parent.mkdir(parents=True)
    path.write_text(PAPIAMENTO, encoding="utf-8")


def test_a_new_language_folder_is_picked_up_and_falls_back_to_english(
    locale_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_papiamento(locale_copy)
    catalogs = load(locale_copy)

    assert catalogs.languages == ("en", "es", "fr", "ht", "pap")
    assert catalogs.messages["greeting"]["pap"] == "Bon dia! Kon nos por yuda bo? {menu}"
    assert catalogs.messages["day_mon"]["pap"] == "Dlu"
    assert "pap" not in catalogs.messages["consent"]  # not translated yet
    assert "pap" not in catalogs.messages["goodbye_reply"]  # fuzzy: not used
    assert catalogs.kinds == CATALOGS.kinds  # English says what each message is

    monkeypatch.setattr(texts, "TEXTS", catalogs.of_kind("reply"))
    monkeypatch.setattr(texts, "PARTS", catalogs.of_kind("part"))
    assert texts.render("greeting", "pap", menu="MENU") == "Bon dia! Kon nos por yuda bo? MENU"
    assert texts.text("consent", "pap") == texts.text("consent", "en")
    assert texts.day_names("pap")[:2] == ("Dlu", "Tue")


def test_the_check_names_what_a_new_language_still_lacks(locale_copy: Path) -> None:
    add_papiamento(locale_copy)
    wrong = problems(locale_copy, "pap")

    assert "consent: not in the catalog" in wrong
    assert "goodbye_reply: fuzzy (check the text, then remove the fuzzy mark)" in wrong
    assert not [line for line in wrong if line.startswith(("greeting", "day_mon"))]
    assert len(wrong) == len(TEMPLATE_KEYS) - 2


def test_pybabel_init_as_the_readme_says_makes_a_catalog_the_check_accepts_once_translated(
    locale_copy: Path,
) -> None:
    pot, folder = str(template_path(locale_copy)), str(locale_copy)
    CommandLineInterface().run(["pybabel", "-q", "init", "-D", DOMAIN, "-l", "pap", "-i", pot,
                                "-d", folder])  # fmt: skip
    path = catalog_path("pap", locale_copy)
    assert load(locale_copy).languages[-1] == "pap"
    assert len(problems(locale_copy, "pap")) == len(TEMPLATE_KEYS)  # all still empty

    with path.open("rb") as file:
        catalog: Catalog = read_po(file)
    for message in entries(catalog):  # a "translation": the English text
        message.string = CATALOGS.messages[name(message)]["en"]
    with path.open("wb") as file:
        write_po(file, catalog)

    assert problems(locale_copy, "pap") == []
    assert load(locale_copy).messages["consent"]["pap"] == text("consent", "en")


def test_a_translation_with_other_placeholders_is_named(locale_copy: Path) -> None:
    path = catalog_path("es", locale_copy)
    broken = path.read_text(encoding="utf-8").replace(
        "Gracias, su registro esta listo. {menu}", "Gracias, su registro esta listo. {menú}"
    )
    path.write_text(broken.replace("{code} {kind}: {who}", "{code} {kind: {who}"), encoding="utf-8")
    wrong = problems(locale_copy, "es")

    assert "onboarding_done: placeholders {'menú'}, English has {'menu'}" in wrong
    assert [line for line in wrong if line.startswith("alert_sms: placeholders not a valid")]


def test_a_catalog_that_does_not_parse_is_named_with_its_line(locale_copy: Path) -> None:
    path = catalog_path("fr", locale_copy)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace('msgid "menu"', 'msgid menu"'), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"fr/LC_MESSAGES/replies\.po: line \d+ .*msgid menu"):
        load(locale_copy)
    # Babel alone would read a missing closing quote as a text one letter shorter.
    unclosed = good.replace('avec un des numeros."', "avec un des numeros.")
    path.write_text(unclosed, encoding="utf-8")
    with pytest.raises(CatalogError, match="a quote missing"):
        load(locale_copy)


def test_without_an_english_catalog_nothing_loads(locale_copy: Path) -> None:
    shutil.rmtree(locale_copy / "en")
    with pytest.raises(CatalogError, match=r"en/LC_MESSAGES/replies\.po is missing"):
        load(locale_copy)


def test_english_without_a_text_does_not_load(locale_copy: Path) -> None:
    path = catalog_path("en", locale_copy)
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace('msgstr "Please reply with one of the numbers."', 'msgstr ""'),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(CatalogError, match="no English text for invalid_choice"):
        load(locale_copy)


@pytest.mark.parametrize(
    ("template", "said"),
    [("{{literal}} {real}", {"real"}), ("no placeholders", set()), ("a { b", "not a valid")],
    ids=repr,
)
def test_formatted_reads_placeholders_as_render_fills_them(template: str, said: object) -> None:
    result = formatted(template)
    assert result == said or (isinstance(said, str) and said in str(result))
