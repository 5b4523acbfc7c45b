"""Flow texts and labels: every language, the same placeholders, and digits the flows accept."""

import pytest

from flows.answers import NO, YES, yes_no
from flows.checkin import ANSWERS, NEEDS
from flows.content import BRING_ITEMS, DAYS, SERVICES
from flows.dialogue import JOIN_WORDS
from flows.keywords import Keyword, match_keyword
from flows.texts import (
    LABELS,
    LANGUAGES,
    PARTS,
    TEXTS,
    day_names,
    label,
    month_names,
    placeholders,
    render,
    text,
)

FLOW_TEXTS = TEXTS
FLOW_KEY_LANGUAGE = [(key, lang) for key in FLOW_TEXTS for lang in LANGUAGES]


def words(message: str) -> set[str]:
    """The words of a message, without surrounding punctuation."""
    return {word.strip(".,;:!?()") for word in message.split()}


@pytest.mark.parametrize("key", FLOW_TEXTS)
def test_every_flow_text_has_exactly_the_languages(key: str) -> None:
    assert set(FLOW_TEXTS[key]) == set(LANGUAGES)


@pytest.mark.parametrize(
    ("key", "language"), FLOW_KEY_LANGUAGE, ids=[f"{k}-{lang}" for k, lang in FLOW_KEY_LANGUAGE]
)
def test_every_flow_text_uses_the_same_placeholders_as_english(key: str, language: str) -> None:
    assert placeholders(FLOW_TEXTS[key][language]) == placeholders(FLOW_TEXTS[key]["en"])


@pytest.mark.parametrize("key", LABELS)
def test_every_label_has_every_language_and_no_placeholders(key: str) -> None:
    assert set(LABELS[key]) == set(LANGUAGES)
    for language in LANGUAGES:
        assert LABELS[key][language].strip()
        assert placeholders(LABELS[key][language]) == placeholders(LABELS[key]["en"]) == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_seven_distinct_day_names_monday_first(language: str) -> None:
    assert len(day_names(language)) == 7 == len(set(day_names(language)))
    assert day_names(language) == tuple(PARTS[f"day_{day}"][language] for day in DAYS)


def test_day_names_start_on_monday_and_fall_back_to_english() -> None:
    assert day_names("en")[0] == "Mon" and day_names("es")[6] == "Dom"
    assert day_names("de") == day_names("en") == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def test_texts_labels_and_parts_do_not_shadow_each_other() -> None:
    # One msgid is one message (tests/unit/test_catalogs.py checks no catalog repeats one).
    assert not set(TEXTS) & set(LABELS) and not set(PARTS) & (set(TEXTS) | set(LABELS))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_twelve_distinct_month_names(language: str) -> None:
    assert len(month_names(language)) == 12 == len(set(month_names(language)))


def test_month_names_start_in_january_and_fall_back_to_english() -> None:
    assert month_names("en")[0] == "Jan" and month_names("es")[11] == "dic"
    assert month_names("de") == month_names("en")


@pytest.mark.parametrize(
    ("template", "names"),
    [
        ("no placeholders", set()),
        ("{when}", {"when"}),
        ("{service}: {partner}, {where}. {partner}", {"service", "partner", "where"}),
        ("{{literal}} and {real}", {"real"}),
        ("", set()),
    ],
    ids=lambda value: repr(sorted(value) if isinstance(value, set) else value),  # stable per run
)
def test_placeholders_names_the_fields_of_a_template(template: str, names: set[str]) -> None:
    assert placeholders(template) == names


def test_render_fills_the_placeholders_and_needs_all_of_them() -> None:
    assert render("when_now", "en", time="16:30") == "today before 16:30"
    assert render("when_day", "fr", day="Lun", time="08:30") == "Lun apres 08:30"
    with pytest.raises(KeyError):
        render("when_now", "en")


def test_render_of_a_text_without_placeholders_is_the_text() -> None:
    assert render("menu", "ht") == text("menu", "ht") == FLOW_TEXTS["menu"]["ht"]


@pytest.mark.parametrize("key", [*SERVICES, *BRING_ITEMS, *(f"need_{d}" for d in NEEDS)])
def test_every_service_bring_item_and_need_has_a_label(key: str) -> None:
    assert key in LABELS and all(label(key, language).strip() for language in LANGUAGES)


@pytest.mark.parametrize("kind", ["crisis", "request_human", "struggling"])
def test_every_alert_kind_of_the_flows_has_a_label(kind: str) -> None:
    assert label(f"alert_{kind}", "en").strip()


def test_label_falls_back_to_english_and_rejects_an_unknown_key() -> None:
    assert label("housing", "de") == label("housing", "en") == "Housing"
    with pytest.raises(KeyError):
        label("no_such_label", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_join_word_a_declined_contact_is_told_really_restarts_onboarding(
    language: str,
) -> None:
    assert words(text("consent_declined", language)) & JOIN_WORDS


@pytest.mark.parametrize("key", ["consent", "handoff"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_stop_word_a_flow_text_names_really_stops(key: str, language: str) -> None:
    named = [match_keyword(word) for word in words(text(key, language)) if word.isupper()]
    assert Keyword.STOP in {match.keyword for match in named if match}


@pytest.mark.parametrize(
    ("key", "digits"),
    [
        ("choose_language", ["1", "2", "3", "4"]),
        ("consent", ["1", "2"]),
        ("checkin_question", list(ANSWERS)),
        ("checkin_need", list(NEEDS)),
        ("ask_code", []),
        ("menu", [str(n) for n in range(12)]),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_digit_a_question_offers_is_in_its_text(
    key: str, digits: list[str], language: str
) -> None:
    assert set(digits) <= words(text(key, language))


@pytest.mark.parametrize(
    ("key", "offered"),
    [("consent", (YES, NO)), ("consent_again", (YES, NO)), ("country_confirm", (YES, NO)),
     ("ask_code", (NO,)), ("code_unknown", (NO,))],
)  # fmt: skip
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_yes_or_no_word_a_question_offers_is_understood_without_the_model(
    key: str, offered: tuple[str, ...], language: str
) -> None:
    capitals = [w.strip(".,?") for w in text(key, language).split() if w.strip(".,?").isupper()]
    said = {yes_no(word) for word in capitals if len(word) > 1}
    assert set(offered) <= said, capitals
