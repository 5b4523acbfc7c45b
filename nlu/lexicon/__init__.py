"""Crisis lexicon: danger-to-life phrases in every language, matched without the model."""

import re
import unicodedata
from dataclasses import dataclass

from nlu.lexicon.english import ANY, ENGLISH
from nlu.lexicon.harmless import DENIALS, DOUBT, IDIOMS
from nlu.lexicon.others import FRENCH, KREYOL, SPANISH, THEMES


@dataclass(frozen=True)
class CrisisMatch:
    """The pattern that fired and its language (en, es, fr, ht, or any)."""

    pattern: str
    language: str


PATTERNS: list[tuple[str, str]] = [
    *(("any", pattern) for pattern in ANY),
    *(("en", pattern) for pattern in ENGLISH),
    *(("es", pattern) for pattern in SPANISH),
    *(("fr", pattern) for pattern in FRENCH),
    *(("ht", pattern) for pattern in KREYOL),
    *THEMES,
]

COMPILED = [(language, re.compile(pattern)) for language, pattern in PATTERNS]


def _fold(text: str) -> str:
    """Lower-case with accents dropped: "Tèt" -> "tet"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spaced(text: str) -> str:
    """Punctuation, symbols and runs of whitespace turned into single spaces."""
    return re.sub(r"[\W_]+", " ", text).strip()


def normalise(text: str) -> str:
    """Lower-case, fold accents, squeeze long letter runs, punctuation to single spaces."""
    return _spaced(re.sub(r"([a-z])\1{2,}", r"\1\1", _fold(text)))


def _readings(text: str) -> list[str]:
    """The normalised text, then (if letters were stretched) the one-letter reading of it."""
    readings = [normalise(text)]
    single = _spaced(re.sub(r"([a-z])\1{2,}", r"\1", _fold(text)))
    if single != readings[0]:
        readings.append(single)
    return readings


def _without_idioms(text: str) -> str:
    """The normalised text with harmless idioms ("heat killing me", "glue gun") and denials
    ("not in danger") blanked."""
    for idiom in IDIOMS:
        text = idiom.sub(" ", text)
    for denial in DENIALS:
        text = denial.sub(_unless_doubted, text)
    return text


def _unless_doubted(match: re.Match[str]) -> str:
    """Blank a denial, but keep one that follows a doubt ("cant promise i wont hurt myself")."""
    return match.group(0) if DOUBT.search(match.string[: match.start()]) else " "


def match_crisis(text: str) -> CrisisMatch | None:
    """The first crisis pattern the message matches, or None."""
    for reading in _readings(text):
        clean = _without_idioms(reading)
        for language, regex in COMPILED:
            if regex.search(clean):
                return CrisisMatch(regex.pattern, language)
    return None


# Taking a message back: "it was a mistake", "I was only asking", "wrong number".
_RETRACTIONS = re.compile(
    r"\b(?:(?:it|that|dat|this|dis) (?:was|is|s|wuz|did)? ?(?:a |an )?(?:mistake|error|joke"
    r"|accident)"
    r"|by (?:mistake|accident)|(?:just|jus|only|onli) (?:asking|askin|a ask|ask|joking|jokin"
    r"|kidding|playing|playin|a joke|a question)|wrong (?:message|number|text|person|chat)"
    r"|ignore (?:that|dat|the last|my last|it)|didn t mean (?:it|that)|did not mean (?:it|that)"
    r"|(?:fue|era) (?:un |una )?(?:error|equivocacion|broma)|me equivoque|sin querer|por error"
    r"|solo (?:preguntaba|estaba preguntando|era una pregunta|bromeaba)|(?:numero|mensaje)"
    r" equivocado|(?:c etait|c est) (?:une )?(?:erreur|blague)|par erreur|je plaisantais"
    r"|juste une question|mauvais (?:numero|message)|se (?:te )?(?:yon )?(?:ere|fot|blag)\b"
    r"|pa (?:t )?(?:fe )?(?:espre|ekspre)|m (?:te )?(?:jis|jus|senpleman) (?:ap )?(?:mande"
    r"|poze yon kesyon)|m t ap (?:jwe|fe blag)|move nimewo)\b"
)


def retracts(text: str) -> bool:
    """The message denies a danger ("not in danger") or takes a message back ("it was a
    mistake", "I was only asking"), and names no plan or harm of its own."""
    if match_crisis(text) is not None:
        return False
    reading = normalise(text)
    return _RETRACTIONS.search(reading) is not None or any(
        denial.search(reading) for denial in DENIALS
    )


def harmless_reading(text: str) -> str | None:
    """The message without its harmless idioms and denials ("dying of hunger", "not in
    danger"), when it has any: what the model should judge, so that a manner of speech does
    not read as a crisis. None when there is nothing to take out."""
    reading = normalise(text)
    clean = " ".join(_without_idioms(reading).split())
    return clean if clean != reading else None
