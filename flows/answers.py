"""The words a prompt offers, read without the model: yes and no, "no code", country names,
and the documents a returnee asks about. Every language, typos and creole spellings too."""

import re
import unicodedata

YES, NO = "yes", "no"

_YES = {
    "1", "yes", "y", "ye", "yea", "yeah", "yeh", "yep", "yup", "yess", "ya", "ok", "okay",
    "oki", "k", "sure", "agree", "i agree", "accept", "i accept", "yes i agree", "yes please",
    "yes pls", "alright", "aright", "ah yes", "yah", "yeah man", "yes man", "yes mon",
    "si", "sii", "sip", "claro", "dale", "de acuerdo", "acepto", "esta bien", "ta bien",
    "si acepto", "si claro", "okey", "oui", "ouais", "d accord", "dac", "j accepte",
    "oui d accord", "wi", "wii", "wi wi", "dako", "mwen dako", "m dako", "wi m dako", "oke",
}  # fmt: skip
_NO = {
    "2", "no", "n", "nope", "nah", "naw", "no thanks", "no thank you", "i dont agree",
    "i do not agree", "dont agree", "not agree", "no way", "no sir", "nuh", "nuh true",
    "no gracias", "no acepto", "no quiero", "non", "non merci", "je refuse", "pas d accord",
    "non mesi", "m pa dako", "mwen pa dako", "pa dako", "non non",
}  # fmt: skip

# "I have no registration code", in every language (the code step also takes NO).
_NO_CODE = re.compile(
    r"^(?:(?:i |mi |me |ah |we )?(?:\w+ ){0,3}?(?:no|nuh|nah|na|not|any|none|neva|never)"
    r"(?: registration| reg)? (?:code|cod|kode|number)(?: at all| sorry| pls| please| yet)?"
    r"|(?:i |mi |me )?(?:dont|don t|do not|doh|nuh|never) (?:have|got|get|gat|receive|received)"
    r" (?:a |one |any |no )?(?:code|cod)(?: \w+)?"
    r"|(?:yo )?no tengo(?: (?:ningun |el |un )?(?:codigo|code))?|sin codigo|no hay codigo"
    r"|(?:je n ai )?pas de code|je n en ai pas|aucun code|pas de code merci"
    r"|(?:m|mwen) pa (?:gen|genyen|konn|janm gen) (?:okenn )?(?:kod|code)|pa gen kod"
    r"|(?:m|mwen) pa genyen|none|skip|no code|nocode|non|no|nope|nah|n)$"
)

# Country names and short forms, in the four languages and as returnees write them.
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "GY": ("guyana", "guyane", "giyana", "gy", "guy", "gt", "georgetown"),
    "BS": ("bahamas", "the bahamas", "bahama", "bahamas islands", "bs", "nassau", "bahamyen"),
    "HT": ("haiti", "ayiti", "aiti", "haity", "ht", "hti", "port au prince", "okap"),
    "JM": ("jamaica", "jamaique", "jamayik", "jamaika", "jamdown", "yaad", "yard", "ja", "jm",
           "jam", "kingston"),
    "TT": ("trinidad", "tobago", "trinidad and tobago", "trinidad y tobago", "trinite",
           "trinidad tobago", "trini", "tt", "tnt", "t t", "port of spain"),
    "BB": ("barbados", "barbade", "bajan", "bim", "bb", "bdos", "bridgetown"),
    "GD": ("grenada", "granada", "grenade", "grenad", "gd", "st georges"),
    "AG": ("antigua", "antigua and barbuda", "antigua y barbuda", "antigua et barbuda",
           "barbuda", "ag", "anu"),
    "DO": ("dominican republic", "republica dominicana", "rep dominicana", "republique dominicaine",
           "repiblik dominikn", "dominicana", "dominican", "rd", "r d", "do", "dr", "dom rep",
           "santo domingo", "dominikani", "dominiken", "sendomeng"),
}  # fmt: skip
_COUNTRY_LEAD = re.compile(
    r"^(?:i am in|i m in|im in|in|mi deh a|mi deh inna|mi inna|mi in|me in|me deh|me deh in"
    r"|am in|estoy en|toy en|en|je suis en|je suis a|je suis au|a|au|m nan|mwen nan|m ap"
    r" viv nan|m lakay|nan) "
)
_ARTICLE = re.compile(r"^(?:the|la|el|le|l) ")

# Documents a returnee asks for by name ("how do I get my birth certificate").
DOCUMENT_WORDS: dict[str, tuple[str, ...]] = {
    "birth_certificate": ("birth certificate", "birth cert", "birth paper", "birth papers",
                          "acta de nacimiento", "acta nacimiento", "partida de nacimiento",
                          "acte de naissance", "extrait de naissance", "batiste", "batistè",
                          "ak nesans", "papye nesans", "birth certifcate", "birth certificat"),
    "national_id": ("national id", "id card", "identity card", "voter id", "voters id",
                    "cedula", "carnet", "carte d identite", "carte nationale", "cin",
                    "kat idantite", "kat idantifikasyon", "nif card", "nids", "national id card",
                    "mi id", "my id", "an id", "the id", "new id", "id"),
    "passport": ("passport", "pasaporte", "passeport", "paspo", "paspò", "passpo"),
    "police_record": ("police record", "police report", "police certificate", "police clearance",
                      "certificate of character", "record policial", "record de policia",
                      "buena conducta", "certificado de no antecedentes", "casier judiciaire",
                      "casier", "dosye polis", "papye polis", "police rekod", "criminal record"),
    "drivers_licence": ("driver licence", "driver license", "drivers licence", "drivers license",
                        "driving licence", "driving license", "driver s licence",
                        "driver s license", "licencia de conducir", "licencia", "permis de"
                        " conduire", "permis", "lisans", "lisans kondwi", "permi kondwi"),
    "tax_number": ("trn", "tax number", "tax id", "tin", "nis", "nis number", "nis card",
                   "nib", "bir number", "rnc", "numero fiscal", "nif", "numero de impuesto",
                   "social security", "national insurance"),
}  # fmt: skip
_NO_ID = re.compile(
    r"\b(?:no|nuh|nah|without|widout|lost|lose|los|dont have|don t have|doh have|ain t got"
    r"|aint got|nuh have|sin|no tengo|perdi|pas de|sans|perdu|pa gen|pedi|pa genyen)"
    r" (?:\w+ ){0,2}?(?:id|ids|identification|cedula|identite|idantite|kat|papers|papel|papeles"
    r"|papye|documents?|documentos?)\b"
)


def fold(text: str) -> str:
    """Lower-case, accents dropped, punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def yes_no(body: str) -> str | None:
    """YES or NO to a yes/no question, in any language, or None if it is neither."""
    words = fold(body)
    if words in _YES:
        return YES
    if words in _NO:
        return NO
    return None


def no_code(body: str) -> bool:
    """The returnee says they have no registration code."""
    return bool(_NO_CODE.match(fold(body)))


def country_named(body: str, known: tuple[str, ...]) -> str | None:
    """The country (ISO alpha-2, one of `known`) a short answer names, if exactly one."""
    words = _ARTICLE.sub("", _COUNTRY_LEAD.sub("", fold(body)))
    exact = [code for code in known if words in COUNTRY_NAMES.get(code, ())]
    if exact:
        return exact[0]
    if len(words.split()) > 8:
        return None
    padded = f" {words} "
    named = {code for code in known for name in COUNTRY_NAMES.get(code, ())
             if len(name) >= 4 and f" {name} " in padded}  # fmt: skip
    return named.pop() if len(named) == 1 else None


def document_named(body: str) -> str | None:
    """The document a message asks about by name, if one; the most specific wins."""
    words = f" {fold(body)} "
    found = [(len(name), key) for key, names in DOCUMENT_WORDS.items() for name in names
             if f" {fold(name)} " in words]  # fmt: skip
    return max(found)[1] if found else None


def says_no_id(body: str) -> bool:
    """The returnee says they have no ID ("I don't have an ID", "no tengo cedula")."""
    return bool(_NO_ID.search(fold(body)))
