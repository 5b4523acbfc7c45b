"""Reply texts in the four languages. Spanish and French skip accents GSM-7 lacks (á, í, ó, ú, ê)
so a reply stays in cheap, basic-phone-safe GSM-7 segments."""

import string

from flows.answer_texts import ANSWER_LABELS, ANSWER_TEXTS
from flows.content import Emergency
from flows.replies import DAY_NAMES, FLOW_TEXTS
from flows.replies import LABELS as REPLY_LABELS
from flows.schedule_texts import MILESTONE_LABELS, MONTH_NAMES, SCHEDULE_TEXTS

LANGUAGES = ("en", "es", "fr", "ht")
DEFAULT_LANGUAGE = "en"

# Languages by the region of the number: the best first guess before the returnee chooses.
REGION_LANGUAGE = {"HT": "ht", "DO": "es"}

BASE_TEXTS: dict[str, dict[str, str]] = {
    "help": {
        "en": "Returnee Assistant: free information and support from the reintegration "
        "programme. A caseworker can contact you. Reply STOP to stop messages, START to "
        "restart.",
        "es": "Asistente para Retornados: informacion y apoyo gratis del programa de "
        "reintegracion. Un trabajador social puede contactarle. BAJA para no recibir mas "
        "mensajes, ALTA para volver.",
        "fr": "Assistant Retour: information et soutien gratuits du programme de "
        "reintegration. Un travailleur social peut vous contacter. STOP pour arreter les "
        "messages, START pour reprendre.",
        "ht": "Asistan Retounen: enfomasyon ak sipo gratis pwogram reyentegrasyon an. Yon "
        "asistan sosyal ka kontakte w. KANPE pou sispann mesaj yo, KOMANSE pou rekomanse.",
    },
    "stop_confirmation": {
        "en": "You will get no more messages from the Returnee Assistant. Reply START to "
        "come back.",
        "es": "Ya no recibira mensajes del Asistente para Retornados. Responda ALTA para volver.",
        "fr": "Vous ne recevrez plus de messages de l'Assistant Retour. Repondez START pour "
        "revenir.",
        "ht": "Ou p ap resevwa mesaj Asistan Retounen ankò. Reponn KOMANSE pou retounen.",
    },
    "start_confirmation": {
        "en": "Welcome back to the Returnee Assistant. Tell us what you need, or reply HELP. "
        "STOP to end.",
        "es": "Bienvenido de nuevo al Asistente para Retornados. Diganos que necesita o "
        "responda AYUDA. BAJA para salir.",
        "fr": "Bon retour a l'Assistant Retour. Dites-nous votre besoin ou repondez AIDE. "
        "STOP pour arreter.",
        "ht": "Byenvini ankò nan Asistan Retounen. Di nou sa w bezwen oswa reponn EDE. "
        "KANPE pou sispann.",
    },
    "media_unsupported": {
        "en": "Sorry, we can only read text. Please type your question in words. HELP for help.",
        "es": "Lo sentimos, solo leemos texto. Escriba su pregunta con palabras. AYUDA para ayuda.",
        "fr": "Desole, nous lisons seulement le texte. Ecrivez votre question avec des mots. "
        "AIDE pour l'aide.",
        "ht": "Padon, nou li tèks sèlman. Tanpri ekri kesyon w lan ak mo. EDE pou ed.",
    },
}


TEXTS: dict[str, dict[str, str]] = {**BASE_TEXTS, **FLOW_TEXTS, **SCHEDULE_TEXTS, **ANSWER_TEXTS}
LABELS: dict[str, dict[str, str]] = {**REPLY_LABELS, **MILESTONE_LABELS, **ANSWER_LABELS}

# Who to call where we know no numbers (a country outside the programme, or an unknown one):
# better a generic line than another country's number.
GENERIC = {
    "en": "your local emergency number",
    "es": "al numero de emergencias local",
    "fr": "le numero d'urgence local",
    "ht": "nimewo ijans lokal la",
}


def text(key: str, language: str) -> str:
    """The text `key` in `language`, falling back to English for an unknown language."""
    by_language = TEXTS[key]
    return by_language.get(language) or by_language[DEFAULT_LANGUAGE]


def render(key: str, language: str, **values: str) -> str:
    """The text `key` in `language` with its placeholders filled."""
    return text(key, language).format(**values)


def placeholders(template: str) -> set[str]:
    """The names of the placeholders in a text."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def label(key: str, language: str) -> str:
    """A short label (service, document, alert kind) in `language`."""
    by_language = LABELS[key]
    return by_language.get(language) or by_language[DEFAULT_LANGUAGE]


def day_names(language: str) -> tuple[str, ...]:
    """Day abbreviations in `language`, Monday first."""
    return DAY_NAMES.get(language) or DAY_NAMES[DEFAULT_LANGUAGE]


def month_names(language: str) -> tuple[str, ...]:
    """Short month names in `language`, January first."""
    return MONTH_NAMES.get(language) or MONTH_NAMES[DEFAULT_LANGUAGE]


def language_for_region(region: str | None) -> str:
    """First-guess language for a number's region (ISO 3166 alpha-2)."""
    return REGION_LANGUAGE.get(region or "", DEFAULT_LANGUAGE)


# Crisis replies: {call} is who to call now, {helpline} an optional sentence.
CRISIS_TEMPLATES = {
    "en": "We are worried about you. If you are in danger now, call {call}.{helpline} "
    "A caseworker will contact you as soon as possible.",
    "es": "Nos preocupa su seguridad. Si esta en peligro ahora, llame {call}.{helpline} "
    "Un trabajador social le contactara lo antes posible.",
    "fr": "Nous sommes inquiets pour vous. Si vous etes en danger maintenant, appelez "
    "{call}.{helpline} Un travailleur social vous contactera au plus vite.",
    "ht": "Nou enkyete pou ou. Si ou an danje kounye a, rele {call}.{helpline} "
    "Yon asistan sosyal ap kontakte w pi vit posib.",
}
_CALL = {  # police, ambulance
    "en": ("{p} (police) or {a} (ambulance)", "{p}"),
    "es": ("al {p} (policia) o al {a} (ambulancia)", "al {p}"),
    "fr": ("le {p} (police) ou le {a} (ambulance)", "le {p}"),
    "ht": ("{p} (polis) oswa {a} (anbilans)", "{p}"),
}
_HELPLINE = {
    "en": " Help line: {h}.",
    "es": " Linea de ayuda: {h}.",
    "fr": " Ecoute: {h}.",
    "ht": " Liy ed: {h}.",
}


def emergency_call(language: str, numbers: Emergency | None) -> str:
    """Who to call now: "119 (police) or 110 (ambulance)", or the generic line. A number
    nobody has confirmed is never given to someone in danger."""
    language = language if language in _CALL else DEFAULT_LANGUAGE
    police = numbers.police.number if numbers and numbers.police.verified else None
    ambulance = numbers.ambulance.number if numbers and numbers.ambulance.verified else None
    if police is None and ambulance is None:
        return GENERIC[language]
    both, single = _CALL[language]
    if police is None or ambulance is None or police == ambulance:
        return single.format(p=police or ambulance)
    return both.format(p=police, a=ambulance)


def crisis_text(language: str, numbers: Emergency | None) -> str:
    """The crisis reply with the (confirmed) emergency numbers of the returnee's country."""
    language = language if language in CRISIS_TEMPLATES else DEFAULT_LANGUAGE
    line = numbers.helpline if numbers is not None else None
    helpline = _HELPLINE[language].format(h=line.number) if line and line.verified else ""
    return CRISIS_TEMPLATES[language].format(call=emergency_call(language, numbers),
                                             helpline=helpline)  # fmt: skip
