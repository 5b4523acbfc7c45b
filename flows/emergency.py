"""Emergency numbers by country, from shared/country-facts.md (collected 2026-11-23).

`verified=False` keeps the source's [UNCONF] mark visible to operators until an office
confirms the number. A crisis reply must show the right number: check before launch.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EmergencyNumbers:
    """Who to call now in one country."""

    police: str
    ambulance: str
    helpline: str | None  # suicide / mental-health line
    verified: bool


EMERGENCY: dict[str, EmergencyNumbers] = {
    "GY": EmergencyNumbers("911", "913", "915", True),
    "BS": EmergencyNumbers("919", "919", None, True),  # crisis line status [UNCONF]
    "HT": EmergencyNumbers("114", "116", "2919-9000", False),  # police 114 [UNCONF]
    "JM": EmergencyNumbers("119", "110", "888-639-5433", True),
    "TT": EmergencyNumbers("999", "990", "800-2673", True),
    "BB": EmergencyNumbers("211", "511", "536-4500", True),
    "GD": EmergencyNumbers("911", "911", None, True),  # 440-6849 [UNCONF], left out
    "AG": EmergencyNumbers("911", "911", None, True),
    "DO": EmergencyNumbers("911", "911", None, True),  # 809-200-1400 becoming 811 in 2026
}

# Who to call where we know no numbers (a country outside the programme, or an unknown one):
# better a generic line than another country's number.
GENERIC = {
    "en": "your local emergency number",
    "es": "al numero de emergencias local",
    "fr": "le numero d'urgence local",
    "ht": "nimewo ijans lokal la",
}


def emergency_for(region: str | None) -> EmergencyNumbers | None:
    """The emergency numbers of the returnee's country, if we know them."""
    return EMERGENCY.get(region or "")
