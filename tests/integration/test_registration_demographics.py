"""The registration demographics the regional dataset counts (birth date or age band, sex,
return type, deporting country; all optional) through the form, the CSV import and the API,
on a real database: stored when valid, refused naming the field when not, nothing saved."""

import io
import re
from datetime import date
from typing import Any

import pytest

from bot.casework.staff import issue_token
from storage.casework import Caseworker
from storage.models import Contact
from storage.staff import AuditEntry
from tests.helpers import db_rows
from tests.integration.test_api import call
from tests.integration.test_dashboard import (  # noqa: F401  (world is a fixture)
    NOW,
    post,
    sign_in,
    token_of,
    world,
)
from tests.integration.test_dashboard_languages import catalogs  # noqa: F401  (a fixture)

BAD = [
    ({"birth_date": "2027-01-05"}, "birth_date: 2027-01-05 is in the future"),
    ({"birth_date": "1990-02-30"}, "birth_date: 1990-02-30 is not a date (YYYY-MM-DD)"),
    ({"age_band": "20-30"}, "age_band: 20-30 is not one of 0-17, 18-24, 25-34"),
    ({"birth_date": "1990-05-17", "age_band": "18-24"},
     "age_band: 18-24 does not match the birth date (35-44)"),
    ({"deporting_country": "XX"}, "deporting_country: XX is not an ISO 3166 country code"),
    ({"sex": "f"}, "sex: f is not one of female, male, other"),
    ({"return_type": "deported"}, "return_type: deported is not one of forced, voluntary"),
]  # fmt: skip


def demographics(contact: Contact) -> tuple[Any, ...]:
    return (contact.birth_date, contact.age_band, contact.sex, contact.return_type,
            contact.deporting_country)  # fmt: skip


# The form


def test_the_form_records_the_demographics_and_derives_the_age_band_from_the_birth_date(
    world: Any,  # noqa: F811
) -> None:
    services, app, _ = world
    client = sign_in(app, "marcia@office.test")
    page = client.get("/dashboard/register").get_data(as_text=True)
    assert 'name="birth_date"' in page and re.search(r'<option value="US"\s*>United States<', page)
    done = post(client, "/dashboard/register", "/dashboard/register", name="Kemar Lewis",
                country="JM", birth_date="1990-05-17", sex="male", return_type="forced",
                deporting_country="us")  # fmt: skip
    assert done.status_code == 302
    [kemar] = db_rows(services, Contact, Contact.name == "Kemar Lewis")
    assert demographics(kemar) == (date(1990, 5, 17), "35-44", "male", "forced", "US")
    post(client, "/dashboard/register", "/dashboard/register", name="Ann Reid", country="JM")
    [ann] = db_rows(services, Contact, Contact.name == "Ann Reid")
    assert demographics(ann) == (None, None, None, None, None)  # all optional


@pytest.mark.parametrize(("fields", "says"), BAD)
def test_the_form_refuses_a_bad_value_naming_it_and_registers_no_one(
    world: Any, fields: dict[str, str], says: str,  # noqa: F811
) -> None:  # fmt: skip
    services, app, _ = world
    client = sign_in(app, "marcia@office.test")
    reply = post(client, "/dashboard/register", "/dashboard/register", name="Kemar Lewis",
                 country="JM", **fields)  # fmt: skip
    assert reply.status_code == 400
    assert says in reply.get_data(as_text=True)
    assert db_rows(services, Contact, Contact.name == "Kemar Lewis") == []


@pytest.mark.usefixtures("catalogs")
def test_a_spanish_speaking_caseworker_reads_the_refusal_in_spanish(world: Any) -> None:  # noqa: F811
    services, app, ids = world
    with services.sessions.begin() as session:
        person = session.get(Caseworker, ids["marcia"])
        assert person is not None
        person.language = "es"
    client = sign_in(app, "marcia@office.test")
    assert "Fecha de nacimiento" in client.get("/dashboard/register").get_data(as_text=True)
    reply = post(client, "/dashboard/register", "/dashboard/register", name="Kemar Lewis",
                 country="JM", birth_date="2027-01-05")  # fmt: skip
    assert "birth_date: 2027-01-05 está en el futuro" in reply.get_data(as_text=True)


# The CSV import


def test_the_csv_import_takes_the_demographics_and_names_each_bad_row(world: Any) -> None:  # noqa: F811
    services, app, _ = world
    client = sign_in(app, "marcia@office.test")
    csv_text = ("name,country,birth_date,age_band,sex,return_type,deporting_country\n"
                "Ann Reid,JM,,25-34,Female,Voluntary,gb\n"
                "Bob Grant,JM,2000-01-01,,,forced,\n"
                "Cy Brown,JM,2030-01-01,,,,\n"
                "Di Clarke,JM,,,,,ZZ\n"
                "Ed Shaw,JM,,,x,,\n")  # fmt: skip
    token = token_of(client.get("/dashboard/import").get_data(as_text=True))
    reply = client.post("/dashboard/import", content_type="multipart/form-data", data={
        "csrf_token": token, "file": (io.BytesIO(csv_text.encode()), "list.csv")})  # fmt: skip
    page = reply.get_data(as_text=True)
    for problem in ("2030-01-01 is in the future", "ZZ is not an ISO 3166 country code",
                    "sex: x is not one of female, male, other"):  # fmt: skip
        assert problem in page
    stored = {c.name: demographics(c) for c in db_rows(services, Contact)}
    assert stored["Ann Reid"] == (None, "25-34", "female", "voluntary", "GB")
    assert stored["Bob Grant"] == (date(2000, 1, 1), "25-34", None, "forced", None)
    assert not {"Cy Brown", "Di Clarke", "Ed Shaw"} & set(stored)


# The API


@pytest.fixture
def token(world: Any) -> str:  # noqa: F811
    services, _, ids = world
    with services.sessions.begin() as session:
        return issue_token(session, ids["marcia"], "sync", NOW)


def test_the_api_sets_and_clears_demographics_and_audits_both(world: Any, token: str) -> None:  # noqa: F811
    services, app, ids = world
    client, path = app.test_client(), f"/returnees/{ids['jm']}/demographics"
    done = call(client, "PATCH", path, token, json={"birth_date": "1990-05-17", "sex": "female",
                                                    "deporting_country": "us"})  # fmt: skip
    assert done.status_code == 200
    assert done.json == {"contact_id": ids["jm"], "birth_date": "1990-05-17",
                         "age_band": "35-44", "sex": "female", "return_type": None,
                         "deporting_country": "US"}  # fmt: skip
    moved = call(client, "PATCH", path, token, json={"birth_date": "2001-06-01", "sex": None})
    assert (moved.json["age_band"], moved.json["sex"]) == ("25-34", None)  # the band follows
    assert call(client, "GET", path, token).json == moved.json
    actions = [(e.action, e.contact_id, e.channel) for e in db_rows(services, AuditEntry)]
    assert actions == [("change_demographics", ids["jm"], "api")] * 2 + [
        ("view_demographics", ids["jm"], "api")]  # fmt: skip


@pytest.mark.parametrize(("fields", "says"), [
    *BAD, ({"age": "30"}, "unknown field 'age'"), ({}, "give one or more of birth_date"),
    ({"sex": 1}, "sex: must be text or null"),
])  # fmt: skip
def test_the_api_refuses_a_bad_value_with_400_naming_it_and_saves_nothing(
    world: Any, token: str, fields: dict[str, Any], says: str,  # noqa: F811
) -> None:  # fmt: skip
    services, app, ids = world
    path = f"/returnees/{ids['jm']}/demographics"
    body = {"sex": "male", **fields} if fields else {}  # a good field is not kept either
    reply = call(app.test_client(), "PATCH", path, token, json=body)
    assert reply.status_code == 400 and says in reply.json["error"]
    [contact] = db_rows(services, Contact, Contact.id == ids["jm"])
    assert demographics(contact) == (None, None, None, None, None)
    assert db_rows(services, AuditEntry) == []


def test_another_offices_returnee_is_not_found_by_the_api(world: Any, token: str) -> None:  # noqa: F811
    services, app, ids = world
    reply = call(app.test_client(), "PATCH", f"/returnees/{ids['ht']}/demographics", token,
                 json={"sex": "male"})  # fmt: skip
    assert reply.status_code == 404
    [contact] = db_rows(services, Contact, Contact.id == ids["ht"])
    assert contact.sex is None
