"""The registration demographics the programme report and the regional dataset count, all
optional: birth date or age band, sex, return type (forced / voluntary), deporting country."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.casework.erasure import AGE_BANDS, age_band
from flows.vocabulary import ReturnType, Sex
from storage.models import Contact

FIELDS = ("birth_date", "age_band", "sex", "return_type", "deporting_country")
AGE_BAND_NAMES = (*(band for _, band in AGE_BANDS), "65+")
SEXES = tuple(str(s) for s in Sex)
RETURN_TYPES = tuple(str(r) for r in ReturnType)
# ISO 3166-1 alpha-2, the 249 officially assigned codes.
_ISO_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW
"""
COUNTRY_CODES = frozenset(_ISO_CODES.split())
EARLIEST_BIRTH = date(1900, 1, 1)


class DemographicsError(ValueError):
    """A demographic field that cannot be taken; str() says which and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Demographics:
    """What registration records for the statistics; None where it was not given."""

    birth_date: date | None = None
    age_band: str | None = None
    sex: str | None = None
    return_type: str | None = None
    deporting_country: str | None = None


def parse_demographics(raw: Mapping[str, object], today: date) -> Demographics:
    """Validate the fields (a form, a CSV row or a JSON body); the age band is derived from the
    birth date (on `today`) when only the date is given. DemographicsError names the field."""
    born = _birth_date(_text(raw, "birth_date"), today)
    band = _choice(raw, "age_band", AGE_BAND_NAMES, lambda text: text.replace(" ", ""))
    derived = age_band(born, today) if born is not None else None
    if band is not None and derived is not None and band != derived:
        raise DemographicsError("age_band", f"{band} does not match the birth date ({derived})")
    return Demographics(born, band or derived, _choice(raw, "sex", SEXES, str.lower),
                        _choice(raw, "return_type", RETURN_TYPES, str.lower),
                        _country(_text(raw, "deporting_country")))  # fmt: skip


def current(contact: Contact) -> dict[str, str | None]:
    """The contact's demographics as text, as a form or a JSON body would give them."""
    born = contact.birth_date.isoformat() if contact.birth_date else None
    return {"birth_date": born, "age_band": contact.age_band, "sex": contact.sex,
            "return_type": contact.return_type,
            "deporting_country": contact.deporting_country}  # fmt: skip


def apply(contact: Contact, found: Demographics) -> None:
    """Store the demographics on the contact."""
    contact.birth_date, contact.age_band = found.birth_date, found.age_band
    contact.sex, contact.return_type = found.sex, found.return_type
    contact.deporting_country = found.deporting_country


def _text(raw: Mapping[str, object], name: str) -> str | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DemographicsError(name, "must be text or null")
    return value.strip() or None


def _choice(
    raw: Mapping[str, object], name: str, allowed: tuple[str, ...], clean: Callable[[str], str]
) -> str | None:
    text = _text(raw, name)
    if text is None:
        return None
    value = clean(text)
    if value not in allowed:
        raise DemographicsError(name, f"{text} is not one of {', '.join(allowed)}")
    return str(value)


def _birth_date(text: str | None, today: date) -> date | None:
    if text is None:
        return None
    try:
        born = date.fromisoformat(text)
    except ValueError:
        raise DemographicsError("birth_date", f"{text} is not a date (YYYY-MM-DD)") from None
    if born > today:
        raise DemographicsError("birth_date", f"{text} is in the future")
    if born < EARLIEST_BIRTH:
        raise DemographicsError("birth_date", f"{text} is before 1900")
    return born


def _country(text: str | None) -> str | None:
    if text is None:
        return None
    if text.upper() not in COUNTRY_CODES:
        raise DemographicsError("deporting_country", f"{text} is not an ISO 3166 country code "
                                "(two letters, like US)")  # fmt: skip
    return text.upper()
