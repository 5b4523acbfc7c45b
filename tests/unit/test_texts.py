"""Reply texts: complete in every language, short enough, and pointing at working keywords."""

import pytest

from flows.keywords import Keyword, match_keyword
from flows.segments import count_segments
from flows.texts import DEFAULT_LANGUAGE, LANGUAGES, TEXTS, language_for_region, text

KEY_LANGUAGE = [(key, language) for key in TEXTS for language in LANGUAGES]
KEY_LANGUAGE_IDS = [f"{key}-{language}" for key, language in KEY_LANGUAGE]


def test_the_four_languages_are_english_spanish_french_and_kreyol() -> None:
    assert set(LANGUAGES) == {"en", "es", "fr", "ht"}
    assert DEFAULT_LANGUAGE == "en"


@pytest.mark.parametrize("key", TEXTS)
def test_every_text_has_exactly_the_four_languages(key: str) -> None:
    assert set(TEXTS[key]) == set(LANGUAGES)


@pytest.mark.parametrize(("key", "language"), KEY_LANGUAGE, ids=KEY_LANGUAGE_IDS)
def test_every_text_is_non_empty(key: str, language: str) -> None:
    assert text(key, language).strip()


@pytest.mark.parametrize(("key", "language"), KEY_LANGUAGE, ids=KEY_LANGUAGE_IDS)
def test_every_text_fits_in_two_sms_segments(key: str, language: str) -> None:
    assert 1 <= count_segments(text(key, language)).segments <= 2


@pytest.mark.parametrize(("key", "language"), KEY_LANGUAGE, ids=KEY_LANGUAGE_IDS)
def test_every_text_stays_in_gsm7(key: str, language: str) -> None:
    assert count_segments(text(key, language)).encoding == "GSM-7"


@pytest.mark.parametrize(("key", "language"), KEY_LANGUAGE, ids=KEY_LANGUAGE_IDS)
def test_text_returns_the_text_of_that_language(key: str, language: str) -> None:
    assert text(key, language) == TEXTS[key][language]


@pytest.mark.parametrize("language", ["de", "pt", "", "EN", "xx"], ids=repr)
def test_text_falls_back_to_english_for_an_unknown_language(language: str) -> None:
    assert text("menu", language) == TEXTS["menu"]["en"]
    assert text("help", language) == TEXTS["help"]["en"]


def test_text_of_an_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        text("no_such_text", "en")


@pytest.mark.parametrize(
    ("region", "language"),
    [
        ("HT", "ht"),
        ("DO", "es"),
        ("JM", "en"),
        ("TT", "en"),
        ("US", "en"),
        (None, "en"),
        ("", "en"),
    ],
    ids=repr,
)
def test_language_for_region_guesses_from_the_number(region: str | None, language: str) -> None:
    assert language_for_region(region) == language


def keywords_named_in(message: str) -> set[Keyword]:
    """The keywords a text tells the reader to send (words written in capitals)."""
    words = (word.strip(".,;:!?") for word in message.split())
    matches = (match_keyword(word) for word in words if len(word) > 1 and word.isupper())
    return {match.keyword for match in matches if match is not None}


@pytest.mark.parametrize(
    ("key", "keywords"),
    [
        ("handoff", {Keyword.STOP}),
        ("help", {Keyword.STOP, Keyword.START}),
        ("stop_confirmation", {Keyword.START}),
        ("start_confirmation", {Keyword.HELP, Keyword.STOP}),
        ("media_unsupported", {Keyword.HELP}),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_keyword_a_text_tells_the_reader_to_send_really_works(
    key: str, keywords: set[Keyword], language: str
) -> None:
    assert keywords_named_in(text(key, language)) == keywords
