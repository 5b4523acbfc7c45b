"""Compliance keywords (STOP, START, HELP and their equivalents), matched exactly."""

import enum
import unicodedata
from dataclasses import dataclass


class Keyword(enum.Enum):
    """What a compliance keyword asks for."""

    STOP = "stop"
    START = "start"
    HELP = "help"


@dataclass(frozen=True)
class KeywordMatch:
    """A matched keyword and the language it was written in (None: any language)."""

    keyword: Keyword
    language: str | None


# Carrier-standard English words work in every language; the others also pick the reply
# language. YES re-subscribes only an opted-out number (otherwise it is just "yes").
_WORDS: dict[str, KeywordMatch] = {}
for _words, _kw, _lang in (
    ("STOP STOPALL UNSUBSCRIBE CANCEL END QUIT", Keyword.STOP, None),
    ("BAJA PARAR DETENER CANCELAR", Keyword.STOP, "es"),
    ("ARRET ARRETER DESABONNER DESINSCRIRE", Keyword.STOP, "fr"),
    ("KANPE SISPANN DEZABONE", Keyword.STOP, "ht"),
    ("START YES UNSTOP", Keyword.START, None),
    ("ALTA INICIAR", Keyword.START, "es"),
    ("DEMARRER REPRENDRE", Keyword.START, "fr"),
    ("KOMANSE REKOMANSE", Keyword.START, "ht"),
    ("HELP INFO", Keyword.HELP, None),
    ("AYUDA", Keyword.HELP, "es"),
    ("AIDE", Keyword.HELP, "fr"),
    ("EDE ED", Keyword.HELP, "ht"),
):
    for _word in _words.split():
        _WORDS[_word] = KeywordMatch(_kw, _lang)


def _is_edge_noise(ch: str) -> bool:
    """Punctuation, symbols-as-quotes and spaces a phone keyboard adds (“ ” … NBSP ¿ ¡)."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PZC"


def normalise_word(text: str) -> str:
    """Upper-case, fold accents and strip surrounding punctuation: ' “Arrêt”! ' -> 'ARRET'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    start, end = 0, len(bare)
    while start < end and _is_edge_noise(bare[start]):
        start += 1
    while end > start and _is_edge_noise(bare[end - 1]):
        end -= 1
    return bare[start:end].upper()


def match_keyword(text: str) -> KeywordMatch | None:
    """The compliance keyword the whole message is, or None (several words never match)."""
    word = normalise_word(text)
    if not word or any(ch.isspace() for ch in word):
        return None
    return _WORDS.get(word)
