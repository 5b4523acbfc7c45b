"""The regional dataset on a real database: a seeded programme exported through the API (JSON
and CSV) and the CLI, checked for figures counted by hand, for the absence of every name,
number, message text, note and exact date, for keyed pseudonyms, suppression under 5, erased
returnees, refusals, and against its Frictionless Data Package."""

import csv
import hashlib
import hmac
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from frictionless import FrictionlessException, Package, validate
from sqlalchemy import select

from bot.bootstrap import Services
from bot.reports import regional
from bot.reports.quarters import Quarter
from cli.main import cli
from storage.models import Contact
from storage.staff import AuditEntry
from tests.integration.regional_world import NOW, World, add_staff, seed
from tests.integration.test_api import call
from webhooks import create_app

# Everything that names, reaches or quotes a seeded returnee: none may leave in an export.
SECRETS = ["Marcia Zephyrine", "Brown-Lattimore", "+1876555", "8765551", "+50937", "3700100",
           "the docks at midnight", "CONFIDENTIAL-NOTE", "Kemar owes money", "GOAL-TEXT-PRIVATE",
           "REFERRAL-OUTCOME-PRIVATE", "Half Way Tree", "ALERT-REASON-PRIVATE", "1990-05-17",
           "2026-10-20", "Olive"]  # fmt: skip
EXACT_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def app(services: Services) -> Flask:
    """The web app with the clock pinned to NOW."""
    return create_app(services, {"TESTING": True, "NOW": NOW})


@pytest.fixture
def world(services: Services) -> World:
    """The seeded programme (tests/integration/regional_world.py)."""
    return seed(services)


def export(client: FlaskClient, token: str, **query: str) -> Any:
    return call(client, "GET", "/exports/regional", token, query_string=query)


def pseudonym(key: str, contact_id: int) -> str:
    """Computed here, independently: HMAC-SHA256 of `returnee:<id>` with the key."""
    return hmac.new(key.encode(), f"returnee:{contact_id}".encode(), hashlib.sha256).hexdigest()


def by_pseudonym(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["pseudonym"]: row for row in rows}


# What is in it


def test_the_followed_returnees_row_holds_the_quarters_figures_counted_by_hand(
    client: FlaskClient, world: World, services: Services
) -> None:
    body = export(client, world.admin_token, quarter="2026Q4").json
    row = by_pseudonym(body["returnees"])[pseudonym(services.desk.pseudonym_key,
                                                    world.ids["jm0"])]  # fmt: skip
    assert row == {
        "pseudonym": row["pseudonym"], "quarter": "2026Q4", "country": "JM",
        "return_type": "forced", "deporting_country": None, "age_band": "35-44",
        "sex": "female", "quarter_of_return": "2026Q4",
        "services_counselling_session": 2, "services_training_enrolled": 1,
        "services_training_completed": 0, "services_job_placed": 0, "services_rehab_started": 0,
        "services_rehab_completed": 0, "services_documents_obtained": 0,
        "services_grant_approved": 1, "services_grant_disbursed": 0,
        "referrals_made": 2, "referrals_completed": 2,
        "score_economic": 0.6, "score_social": 0.3, "score_psychosocial": 0.5,
        "score_overall": 0.55,
    }  # fmt: skip


def test_the_age_band_follows_the_birth_date_at_the_quarters_end_else_the_recorded_band(
    client: FlaskClient, world: World, services: Services
) -> None:
    with services.sessions.begin() as session:
        contact = session.get(Contact, world.ids["jm1"])
        assert contact is not None
        contact.birth_date = date(2002, 1, 1)  # 24 at the end of Q4
    rows = by_pseudonym(export(client, world.admin_token, quarter="2026Q4").json["returnees"])
    bands = {name: rows[pseudonym(services.desk.pseudonym_key, world.ids[name])]["age_band"]
             for name in ("jm1", "vol1", "vol2")}  # fmt: skip
    assert bands == {"jm1": "18-24", "vol1": "45-54", "vol2": None}
    with services.sessions.begin() as session:
        contact = session.get(Contact, world.ids["jm1"])
        assert contact is not None
        contact.birth_date = date(2001, 12, 31)  # 24 today, 25 on the quarter's last day
    rows = by_pseudonym(export(client, world.admin_token, quarter="2026Q4").json["returnees"])
    assert rows[pseudonym(services.desk.pseudonym_key, world.ids["jm1"])]["age_band"] == "25-34"


def test_the_quarter_holds_the_returnees_back_by_its_end_and_never_the_erased_or_declined(
    client: FlaskClient, world: World, services: Services
) -> None:
    key = services.desk.pseudonym_key
    q4 = by_pseudonym(export(client, world.admin_token, quarter="2026Q4").json["returnees"])
    wanted = {pseudonym(key, world.ids[n]) for n in (*(f"jm{i}" for i in range(6)), "vol1",
                                                     "vol2", "ht")}  # fmt: skip
    assert set(q4) == wanted
    q3 = by_pseudonym(export(client, world.admin_token, quarter="2026Q3").json["returnees"])
    assert set(q3) == {pseudonym(key, world.ids["ht"])}
    assert q3[pseudonym(key, world.ids["ht"])]["quarter_of_return"] == "2026Q3"
    assert pseudonym(key, world.ids["erased"]) not in q4 | q3


def test_aggregate_cells_under_five_are_withheld_and_flagged(
    client: FlaskClient, world: World
) -> None:
    body = export(client, world.admin_token, quarter="2026Q4").json
    assert body["suppression_threshold"] == 5
    assert body["by_country_return_type"] == [
        {"quarter": "2026Q4", "country": "HT", "return_type": "forced", "returnees": None,
         "suppressed": True},
        {"quarter": "2026Q4", "country": "JM", "return_type": "forced", "returnees": 6,
         "suppressed": False},
        {"quarter": "2026Q4", "country": "JM", "return_type": "voluntary", "returnees": None,
         "suppressed": True},
    ]  # fmt: skip
    cells = {(r["age_band"], r["sex"]): (r["returnees"], r["suppressed"])
             for r in body["by_age_band_sex"]}  # fmt: skip
    assert cells == {("35-44", "female"): (6, False), ("45-54", "male"): (None, True),
                     ("unknown", "unknown"): (None, True)}  # fmt: skip
    services_cells = {r["service"]: (r["returnees"], r["services"], r["suppressed"])
                      for r in body["by_service"]}  # fmt: skip
    assert services_cells == {
        "training_enrolled": (5, 5, False), "counselling_session": (None, None, True),
        "grant_approved": (None, None, True), "rehab_started": (None, None, True),
    }  # fmt: skip


def test_no_name_number_message_note_or_exact_date_leaves_in_any_format(
    client: FlaskClient, world: World
) -> None:
    outputs = [export(client, world.admin_token, quarter="2026Q4").get_data(as_text=True)]
    for table in regional.TABLES:
        outputs.append(export(client, world.admin_token, quarter="2026Q4", format="csv",
                              table=table).get_data(as_text=True))  # fmt: skip
    for text in outputs:
        for secret in SECRETS:
            assert secret not in text
        assert EXACT_DATE.search(text) is None
    assert "JM" in outputs[0] and "forced" in outputs[0]  # the output is not simply empty


# Pseudonyms


def test_the_pseudonym_is_stable_across_exports_and_another_key_gives_others(
    client: FlaskClient, world: World, services: Services
) -> None:
    first = [r["pseudonym"] for r in export(client, world.admin_token, quarter="2026Q4").json[
        "returnees"]]  # fmt: skip
    second = [r["pseudonym"] for r in export(client, world.admin_token, quarter="2026Q4").json[
        "returnees"]]  # fmt: skip
    assert first == second and len(set(first)) == 9
    with services.sessions.begin() as session:
        other = regional.build(session, Quarter(2026, 4), "another deployment's key")
    others = [r["pseudonym"] for r in other.tables["returnees"]]
    assert len(others) == 9 and not set(others) & set(first)
    assert others == [pseudonym("another deployment's key", r) for r in sorted(
        world.ids[n] for n in (*(f"jm{i}" for i in range(6)), "vol1", "vol2", "ht"))]  # fmt: skip


# CSV and the Data Package


def test_the_csv_is_the_json_table_with_empty_cells_for_nothing(
    client: FlaskClient, world: World
) -> None:
    body = export(client, world.admin_token, quarter="2026Q4").json
    reply = export(client, world.admin_token, quarter="2026Q4", format="csv",
                   table="by_country_return_type")  # fmt: skip
    assert reply.mimetype == "text/csv"
    assert 'filename="regional-2026Q4-by_country_return_type.csv"' in reply.headers[
        "Content-Disposition"]  # fmt: skip
    assert reply.get_data(as_text=True).splitlines() == [
        "quarter,country,return_type,returnees,suppressed", "2026Q4,HT,forced,,true",
        "2026Q4,JM,forced,6,false", "2026Q4,JM,voluntary,,true"]  # fmt: skip
    table = export(client, world.admin_token, quarter="2026Q4", format="csv")
    people = list(csv.DictReader(io.StringIO(table.get_data(as_text=True))))
    assert [p["pseudonym"] for p in people] == [r["pseudonym"] for r in body["returnees"]]


def descriptor_errors(descriptor: dict[str, Any]) -> list[str]:
    """What frictionless finds wrong with a Data Package descriptor."""
    try:
        return [error.message for error in Package.metadata_validate(descriptor)]
    except FrictionlessException as error:
        return [error.error.message]


def test_the_data_package_descriptor_is_valid_and_names_every_column_of_the_json() -> None:
    descriptor = json.loads(regional.PACKAGE.read_text(encoding="utf-8"))
    assert descriptor_errors(descriptor) == []
    assert [r["name"] for r in descriptor["resources"]] == list(regional.TABLES)
    broken = json.loads(json.dumps(descriptor))
    broken["resources"][0]["schema"]["primaryKey"] = ["name"]  # no such column
    assert descriptor_errors(broken) != []  # the check can fail


def test_an_exported_package_validates_against_its_schema_and_a_spoiled_one_does_not(
    world: World, services: Services, tmp_path: Path
) -> None:
    with services.sessions.begin() as session:
        dataset = regional.build(session, Quarter(2026, 4), services.desk.pseudonym_key)
    for table, rows in dataset.tables.items():
        assert all(list(row) == list(regional.COLUMNS[table]) for row in rows)
    regional.write_package(dataset, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    path = tmp_path / "by_country_return_type.csv"
    path.write_text(path.read_text() + "2026Q4,JM,forced,3,false\n")  # under 5, not withheld
    spoiled = validate(str(tmp_path / "datapackage.json"))
    assert not spoiled.valid
    assert "constraint" in json.dumps(spoiled.flatten(["type"]))


# Refusals


@pytest.mark.parametrize(("query", "says"), [
    ({"quarter": "2026Q5"}, "has no quarter 5"),
    ({"quarter": "2026-4"}, "is not a quarter"),
    ({"quarter": "Q4 2026"}, "is not a quarter"),
    ({"quarter": "2027Q1"}, "is in the future"),
    ({}, "quarter is required"),
    ({"quarter": "2026Q4", "format": "xlsx"}, "format must be one of json, csv"),
    ({"quarter": "2026Q4", "format": "csv", "table": "people"}, "table must be one of"),
])  # fmt: skip
def test_a_malformed_or_future_quarter_is_refused_with_a_reason(
    client: FlaskClient, world: World, services: Services, query: dict[str, str], says: str
) -> None:
    reply = export(client, world.admin_token, **query)
    assert reply.status_code == 400
    assert says in reply.json["error"]
    assert reply.json["field"] in {"quarter", "format", "table"}
    with services.sessions.begin() as session:
        assert session.scalars(select(AuditEntry).where(
            AuditEntry.action == "export_regional")).all() == []  # fmt: skip


def test_a_caseworker_or_a_supervisor_is_refused_and_nothing_is_audited(
    client: FlaskClient, world: World, services: Services
) -> None:
    supervisor = add_staff(services, "Desmond", "supervisor", "JM")
    for token in (world.caseworker_token, supervisor):
        reply = export(client, token, quarter="2026Q4")
        assert reply.status_code == 403
        assert reply.json == {"error": "the regional dataset is for admins only"}
    assert export(client, "", quarter="2026Q4").status_code == 401
    with services.sessions.begin() as session:
        assert session.scalars(select(AuditEntry).where(
            AuditEntry.action == "export_regional")).all() == []  # fmt: skip


def test_each_export_is_audited_once_per_office_in_it(
    client: FlaskClient, world: World, services: Services
) -> None:
    export(client, world.admin_token, quarter="2026Q4", format="csv", table="by_service")
    with services.sessions.begin() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "export_regional"))
        found = [(r.office, r.channel, r.detail, r.contact_id) for r in rows]
    detail = "2026Q4 by_service (csv): 9 returnees"
    assert found == [("HT", "api", detail, None), ("JM", "api", detail, None)]


# The CLI


def test_the_cli_writes_the_package_that_validates_and_names_no_one(
    world: World, services: Services, database_url: str, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": database_url, "RETURNEE_INSTANCE_PATH": str(tmp_path),
           "TWILIO_ACCOUNT_SID": None, "TWILIO_AUTH_TOKEN": None, "LOG_LEVEL": "WARNING",
           "PSEUDONYM_KEY": services.desk.pseudonym_key}  # fmt: skip
    out = tmp_path / "regional"
    done = CliRunner().invoke(cli, ["export", "regional", "--quarter", "2026Q4", "--out",
                                    str(out)], env=env)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "9 returnees" in done.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"{t}.csv" for t in regional.TABLES), "datapackage.json"])  # fmt: skip
    assert validate(str(out / "datapackage.json")).valid
    text = "".join(p.read_text() for p in out.iterdir())
    assert not [s for s in SECRETS if s in text] and EXACT_DATE.search(text) is None
    assert pseudonym(services.desk.pseudonym_key, world.ids["jm0"]) in text
    with services.sessions.begin() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.channel == "cli"))
    assert (entry.action, entry.caseworker_id) == ("export_regional", None)
    future = CliRunner().invoke(cli, ["export", "regional", "--quarter", "2099Q1", "--out",
                                      str(tmp_path / "x")], env=env)  # fmt: skip
    assert future.exit_code == 2 and "is in the future" in future.output
    assert not (tmp_path / "x").exists()
