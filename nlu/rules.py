"""Exact rules in front of the model: menu digits and single keywords (basic phones)."""

import unicodedata

from nlu.client import Entity, ParseResult

# The main menu by digit, so a returnee can always navigate with the keypad alone.
MENU_DIGITS: dict[str, str] = {
    "1": "ask_counselling",
    "2": "ask_vocational_training",
    "3": "ask_business_training",
    "4": "ask_job",
    "5": "ask_grant",
    "6": "ask_drug_rehab",
    "7": "ask_documents",
    "8": "ask_health",
    "9": "ask_housing",
    "10": "ask_office",
    "11": "ask_appointment",
    "0": "request_human",
}

KEYWORD_INTENTS: dict[str, str] = {
    word: intent
    for words, intent in (
        ("menu meni options opciones opcion", "ask_menu"),
        ("agent caseworker person persona humain moun agente", "request_human"),
    )
    for word in words.split()
}

LANGUAGE_WORDS: dict[str, str] = {
    word: code
    for words, code in (
        ("english ingles anglais angle", "en"),
        ("espanol spanish espagnol panyol", "es"),
        ("francais french frances franse", "fr"),
        ("kreyol creole kreol creol ayisyen", "ht"),
    )
    for word in words.split()
}


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().strip(".!?¿¡").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def match_rule(text: str) -> ParseResult | None:
    """A digit or a single keyword decides the intent without the model."""
    word = _bare(text)
    if word in MENU_DIGITS:
        return ParseResult(text, MENU_DIGITS[word], 1.0, source="rule")
    if word in KEYWORD_INTENTS:
        return ParseResult(text, KEYWORD_INTENTS[word], 1.0, source="rule")
    if word in LANGUAGE_WORDS:
        entity = Entity("language", LANGUAGE_WORDS[word])
        return ParseResult(text, "change_language", 1.0, entities=(entity,), source="rule")
    return None
