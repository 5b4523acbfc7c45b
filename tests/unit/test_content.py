"""Country content: the nine files load, and a bad edit names its file and key."""

import copy
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import DEFAULT_CONTENT_DIR, Concern, concerns, load_catalogue
from flows.content import BRING_ITEMS, LANGUAGES, SERVICES, ContentError, parse_country
from tests.flow_world import CATALOGUE

JM_DATA = yaml.safe_load((DEFAULT_CONTENT_DIR / "countries" / "jm.yml").read_text("utf-8"))
DELETE = object()


def jm_data(**replacements: Any) -> dict[str, Any]:
    """The Jamaica file's data with keys (path parts joined by __) set, or deleted with DELETE."""
    data = copy.deepcopy(JM_DATA)
    for dotted, value in replacements.items():
        *parents, last = dotted.split("__")
        node = data
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return data


def write(directory: Path, name: str, content: Any) -> Path:
    countries = directory / "countries"
    countries.mkdir(exist_ok=True)
    path = countries / name
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content), "utf-8")
    return path


def load_error(directory: Path, default: str | None = None) -> ContentError:
    with pytest.raises(ContentError) as raised:
        load_catalogue(directory, default=default)
    return raised.value


def test_all_nine_country_files_load_in_menu_order() -> None:
    assert CATALOGUE.order == ("GY", "BS", "HT", "JM", "TT", "BB", "GD", "AG", "DO")
    assert CATALOGUE.default == "JM"


@pytest.mark.parametrize("code", CATALOGUE.order)
def test_every_country_has_every_service_and_a_name_in_every_language(code: str) -> None:
    country = CATALOGUE.countries[code]
    assert tuple(country.services) == SERVICES
    assert all(country.name(language) for language in LANGUAGES)
    assert all(item in BRING_ITEMS for s in country.services.values() for item in s.bring)


def test_the_jamaica_file_is_read_as_typed_data() -> None:
    jm = CATALOGUE.countries["JM"]
    assert (jm.office.name, jm.office.phone) == ("IOM Kingston", "876-555-0100")
    assert jm.office.hours.days == frozenset(range(5))
    assert (jm.office.hours.open, jm.office.hours.close) == (time(8, 30), time(16, 30))
    assert jm.services["grants"].partner is None and jm.services["grants"].hours is None
    assert jm.services["housing"].hours is not None
    assert jm.services["housing"].hours.days == frozenset(range(7))
    assert jm.emergency.helpline is not None and jm.emergency.helpline.name == "888-NEW-LIFE"


@pytest.mark.parametrize("code", [None, "", "XX", "jm"])
def test_a_country_the_deployment_lacks_is_none(code: str | None) -> None:
    assert CATALOGUE.get(code) is None


BAD_EDITS = [  # id, the edit, the key named, part of the problem
    ("missing service", {"services__health": DELETE}, "services", "missing health"),
    ("unknown service", {"services__karate": JM_DATA["services"]["health"]}, "services.karate",
     "unknown service"),
    ("bad time", {"services__health__hours__open": "8h"}, "services.health.hours.open",
     "'8h' is not HH:MM"),
    ("unquoted time", {"office__hours__close": 510}, "office.hours.close", "510 is not HH:MM"),
    ("close before open", {"services__health__hours__close": "07:00"},
     "services.health.hours.close", "must be later than open"),
    ("backwards day range", {"office__hours__days": "fri-mon"}, "office.hours.days",
     "'fri-mon' runs backwards"),
    ("unknown day", {"office__hours__days": "mon-fry"}, "office.hours.days", "not a day"),
    ("unknown bring item", {"services__health__bring": ["id_card", "shoes"]},
     "services.health.bring", "unknown 'shoes'"),
    ("partner too long", {"services__counselling__partner": "P" * 31},
     "services.counselling.partner", "has 31 characters, at most 30"),
    ("address too long", {"office__address": "A" * 51}, "office.address", "at most 50"),
    ("bad time zone", {"time_zone": "Mars/Olympus"}, "time_zone", "not an IANA time zone"),
    ("unknown partner kind", {"services__health__kind": "army"}, "services.health.kind",
     "'army' is not one of"),
    ("police number missing", {"emergency__police": DELETE}, "emergency.police",
     "must be a mapping"),
    ("unmarked number", {"emergency__ambulance__verified": "yes"}, "emergency.ambulance.verified",
     "must be true or false"),
    ("name missing in a language", {"names__ht": DELETE}, "names.ht", "missing or empty"),
    ("lower-case code", {"country": "jm"}, "country", "not an ISO alpha-2 code"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "key", "problem"), [b[1:] for b in BAD_EDITS],
                         ids=[b[0] for b in BAD_EDITS])  # fmt: skip
def test_a_bad_edit_is_refused_naming_the_file_and_key(
    tmp_path: Path, edit: dict[str, Any], key: str, problem: str
) -> None:
    write(tmp_path, "jm.yml", jm_data(**edit))

    error = load_error(tmp_path)

    assert (error.source, error.key) == ("countries/jm.yml", key)
    assert str(error).startswith(f"countries/jm.yml: {key}: ") and problem in str(error)


@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        ("- country: JM\n- names: {}\n", "(top level)", "must be a mapping"),
        ("", "(top level)", "must be a mapping"),
        ("country: JM\nnames: {en: [Jamaica\noffice: x\n", "line ", "is not valid YAML"),
        ("country: JM\n  names: x\n bad: indent\n", "line ", "is not valid YAML"),
    ],
    ids=["a-list", "empty-file", "unclosed-bracket", "bad-indent"],
)
def test_a_file_that_is_not_a_country_mapping_is_refused(
    tmp_path: Path, content: str, key: str, problem: str
) -> None:
    write(tmp_path, "jm.yml", content)

    error = load_error(tmp_path)

    assert error.source == "countries/jm.yml" and error.key.startswith(key)
    assert str(error).startswith("countries/jm.yml: ") and problem in str(error)


def test_a_file_named_after_another_country_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "tt.yml", jm_data())

    assert str(load_error(tmp_path)) == (
        "countries/tt.yml: country: JM does not match the file name"
    )


def test_a_default_office_without_a_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "jm.yml", jm_data())

    error = load_error(tmp_path, default="TT")

    assert error.key == "DEFAULT_OFFICE" and "no content file for TT" in str(error)


def test_an_empty_content_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "countries").mkdir()
    assert "no country files found" in str(load_error(tmp_path))


def test_countries_outside_the_menu_order_come_after_it_alphabetically(tmp_path: Path) -> None:
    for code in ("KN", "JM", "AI"):
        write(tmp_path, f"{code.lower()}.yml", jm_data(country=code))

    assert load_catalogue(tmp_path).order == ("JM", "AI", "KN")


def test_parse_country_reads_data_without_files() -> None:
    country = parse_country(jm_data(), "inline")
    assert country.code == "JM" and country.time_zone == "America/Jamaica"
    with pytest.raises(ContentError, match=r"^inline: services: missing counselling$"):
        parse_country(jm_data(services__counselling=DELETE), "inline")


def test_concerns_list_unconfirmed_numbers_and_example_details() -> None:
    found = concerns(CATALOGUE)

    assert Concern("BS", "emergency.helpline 322-2763", "unverified") in found
    assert Concern("HT", "emergency.gbv 8919", "unverified") in found
    assert Concern("JM", "office.address", "example") in found
    assert Concern("JM", "services.counselling.where", "example") in found
    assert not any(c.country == "JM" and c.what == "unverified" for c in found)
    assert not any(c.key.startswith("emergency.ambulance 116") for c in found)
