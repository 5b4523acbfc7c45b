"""Compliance keywords: every word matches alone, in any case, with punctuation, accents folded."""

import pytest

from flows import keywords
from flows.keywords import Keyword, KeywordMatch, match_keyword, normalise_word

STOP, START, HELP = Keyword.STOP, Keyword.START, Keyword.HELP

# The expected table, written out independently of the module's own table.
EXPECTED: dict[str, tuple[Keyword, str | None]] = {
    # Carrier-standard English words: no language of their own.
    "STOP": (STOP, None),
    "STOPALL": (STOP, None),
    "UNSUBSCRIBE": (STOP, None),
    "CANCEL": (STOP, None),
    "END": (STOP, None),
    "QUIT": (STOP, None),
    "START": (START, None),
    "YES": (START, None),
    "UNSTOP": (START, None),
    "HELP": (HELP, None),
    "INFO": (HELP, None),
    # Spanish.
    "BAJA": (STOP, "es"),
    "PARAR": (STOP, "es"),
    "DETENER": (STOP, "es"),
    "CANCELAR": (STOP, "es"),
    "ALTA": (START, "es"),
    "INICIAR": (START, "es"),
    "AYUDA": (HELP, "es"),
    # French.
    "ARRET": (STOP, "fr"),
    "ARRETER": (STOP, "fr"),
    "DESABONNER": (STOP, "fr"),
    "DESINSCRIRE": (STOP, "fr"),
    "DEMARRER": (START, "fr"),
    "REPRENDRE": (START, "fr"),
    "AIDE": (HELP, "fr"),
    # Haitian Kreyòl.
    "KANPE": (STOP, "ht"),
    "SISPANN": (STOP, "ht"),
    "DEZABONE": (STOP, "ht"),
    "KOMANSE": (START, "ht"),
    "REKOMANSE": (START, "ht"),
    "EDE": (HELP, "ht"),
    "ED": (HELP, "ht"),
}

# How a person might type a word: the case and the punctuation around it vary.
SPELLINGS = {
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "alternating": lambda w: "".join(ch.lower() if i % 2 else ch.upper() for i, ch in enumerate(w)),
    "spaces": lambda w: f"  {w.lower()}  ",
    "full-stop": lambda w: f"{w.lower()}.",
    "exclamation-and-spaces": lambda w: f" {w.title()}! ",
    "spanish-question": lambda w: f"¿{w.title()}?",
    "tab-and-newline": lambda w: f"\t{w}\r\n",
    "quoted": lambda w: f'"{w.lower()}"',
    "repeated-punctuation": lambda w: f"{w}!!!",
}


def test_the_expected_table_covers_every_word_in_the_module_table() -> None:
    module_table = {
        word: (match.keyword, match.language) for word, match in keywords._WORDS.items()
    }
    assert module_table == EXPECTED


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("word", EXPECTED)
def test_every_keyword_matches_in_any_case_with_surrounding_punctuation(
    word: str, spelling: str
) -> None:
    keyword, language = EXPECTED[word]
    assert match_keyword(SPELLINGS[spelling](word)) == KeywordMatch(keyword, language)


@pytest.mark.parametrize(
    ("message", "keyword", "language"),
    [
        ("stop.", STOP, None),
        (" Stop! ", STOP, None),
        ("ARRÊT", STOP, "fr"),
        ("arrêt", STOP, "fr"),
        ("Arrêter!", STOP, "fr"),
        ("désabonner", STOP, "fr"),
        ("DÉSINSCRIRE", STOP, "fr"),
        ("Démarrer", START, "fr"),
        ("Kanpe", STOP, "ht"),
        ("kanpé", STOP, "ht"),
        ("Édé", HELP, "ht"),
        ("¡Ayuda!", HELP, "es"),
        ("Bája", STOP, "es"),
        ("ＳＴＯＰ", STOP, None),
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else None,
)
def test_accents_are_folded_and_the_language_is_reported(
    message: str, keyword: Keyword, language: str | None
) -> None:
    assert match_keyword(message) == KeywordMatch(keyword, language)


@pytest.mark.parametrize(
    "message",
    [
        "please stop",
        "stop it",
        "help me",
        "STOP STOP",
        "yes please",
        "arrêt svp",
        "stop\tnow",
        "stop\nplease",
        "sto p",
        "Kanpe tanpri",
    ],
)
def test_a_message_of_several_words_never_matches(message: str) -> None:
    assert match_keyword(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "stopp",
        "halp",
        "",
        "   ",
        "!!!",
        "sto",
        "stops",
        "helpful",
        "unstoppable",
        "S.T.O.P",
        "yess",
    ],
    ids=repr,
)
def test_a_near_miss_or_empty_message_does_not_match(message: str) -> None:
    assert match_keyword(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "“STOP”",  # smart double quotes, as iOS Smart Punctuation types them
        "‘stop’",  # smart single quotes
        "Stop…",  # "..." auto-replaced by one ellipsis character
        "stop\u00a0",  # trailing no-break space
        "Arrêt\u00a0!",  # French typography: no-break space before "!"
    ],
    ids=[
        "smart-double-quotes",
        "smart-single-quotes",
        "ellipsis",
        "trailing-nbsp",
        "french-nbsp-before-exclamation",
    ],
)
def test_typographic_punctuation_a_phone_keyboard_inserts_around_a_keyword_is_stripped(
    message: str,
) -> None:
    match = match_keyword(message)
    assert match is not None
    assert match.keyword is Keyword.STOP


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [(" Arrêt! ", "ARRET"), ("¿ayuda?", "AYUDA"), ("kanpé", "KANPE"), ("", "")],
    ids=repr,
)
def test_normalise_word_upper_cases_strips_accents_and_surrounding_punctuation(
    raw: str, normalised: str
) -> None:
    assert normalise_word(raw) == normalised
