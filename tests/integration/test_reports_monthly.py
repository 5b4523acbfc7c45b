"""The monthly programme report on a real database: every figure of a seeded programme
(tests/integration/monthly_seed.py) against values counted by hand, the API and its
refusals, the page's CSV and XLSX downloads, and the CLI."""

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from bot.bootstrap import Services
from bot.casework.staff import hash_password, issue_token
from bot.content import load_catalogue
from bot.reports import monthly, monthly_files
from cli.main import cli
from storage.casework import Caseworker
from storage.staff import AuditEntry
from tests.integration import monthly_seed
from tests.integration.test_api import call
from webhooks import create_app

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
ZEROS_TO_AUGUST = [0] * 8

JAMAICA_NOVEMBER = {
    "office": "JM", "month": "2026-11", "time_zone": "America/Jamaica",
    "period": {"start": "2026-11-01T05:00:00Z", "end": "2026-12-01T05:00:00Z"},
    # J1, J2, J3 and J4 (23:30 on 30 November in Kingston); not J7 (no country), not J8 (merged)
    "registered": {"total": 4, "by_return_type": {"forced": 2, "unknown": 1, "voluntary": 1},
                   "by_deporting_country": {"GB": 1, "US": 2, "unknown": 1}},
    "consented": 3,  # J1, J2, J4
    "reached": 3, "wrote_in": 2,  # J1, J5 (erased), J4; J2's text was undelivered
    "messages": {"sent": 4, "received": 3},
    "opt_outs": 1, "erasures": 1,  # J6's STOP; J5's erasure is not an opt-out
    "checkins": {"sent": 4, "answered": 3, "by_answer": {"good": 1, "okay": 1, "struggling": 1}},
    "alerts": [
        {"kind": "crisis", "raised": 3, "acknowledged": 3, "median_minutes_to_acknowledge": 6.0},
        {"kind": "request_human", "raised": 1, "acknowledged": 0,
         "median_minutes_to_acknowledge": None},
        {"kind": "struggling", "raised": 2, "acknowledged": 2,
         "median_minutes_to_acknowledge": 75.0},  # (30 + 120) / 2
    ],
    "referrals": [
        {"service": "counselling", "partner_kind": "ngo", "made": 2, "completed": 1},
        {"service": "documents", "partner_kind": "government", "made": 1, "completed": 1},
    ],
    "services": [{"kind": "counselling_session", "delivered": 1},
                 {"kind": "documents_obtained", "delivered": 1},
                 {"kind": "grant_approved", "delivered": 1},
                 {"kind": "grant_disbursed", "delivered": 2}],
    "grants": [{"business_type": "hen_rearing", "approved": 1, "disbursed": 1},
               {"business_type": "phone_cards", "approved": 0, "disbursed": 1}],
    "sustainability": {"surveys": 3, "median": {"economic": 0.5, "social": 0.625,
                                                "psychosocial": 0.5, "overall": 0.5}},
    # J1-J6 registered by the end of November; served: J1, J2, J5, J6; plans done: J1, J5
    "funnel": {"registered": 6, "first_service": 4, "plan_completed": 2},
}  # fmt: skip
JAMAICA_TRENDS = {
    "months": ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
               "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"],
    "registered": [*ZEROS_TO_AUGUST, 0, 1, 1, 4],  # J6 in September, J5 in October
    "reached": [*ZEROS_TO_AUGUST, 0, 0, 1, 3],
    "checkins_sent": [*ZEROS_TO_AUGUST, 0, 0, 1, 4],
    "checkins_answered": [*ZEROS_TO_AUGUST, 0, 0, 1, 3],
    "alerts": [*ZEROS_TO_AUGUST, 0, 0, 1, 6],
    "referrals_made": [*ZEROS_TO_AUGUST, 0, 0, 1, 3],
    "referrals_completed": [*ZEROS_TO_AUGUST, 0, 0, 0, 2],
    "services_delivered": [*ZEROS_TO_AUGUST, 0, 0, 1, 5],
    "opt_outs": [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1],  # J6's old number in August
}  # fmt: skip
EVERY_OFFICE_NOVEMBER = {
    **JAMAICA_NOVEMBER, "office": "all", "time_zone": "UTC",
    "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"},
    # J1, J2, J3, H1 and H2 (03:30 UTC on 1 November); J4 is December in UTC
    "registered": {"total": 5, "by_return_type": {"forced": 4, "voluntary": 1},
                   "by_deporting_country": {"CA": 1, "GB": 1, "US": 3}},
    "consented": 4, "reached": 3, "wrote_in": 3, "messages": {"sent": 4, "received": 4},
    "checkins": {"sent": 5, "answered": 4, "by_answer": {"good": 1, "okay": 2, "struggling": 1}},
    "alerts": [
        JAMAICA_NOVEMBER["alerts"][0], JAMAICA_NOVEMBER["alerts"][1],
        {"kind": "struggling", "raised": 3, "acknowledged": 3,
         "median_minutes_to_acknowledge": 45.0},  # 30, 45, 120
    ],
    "referrals": [*JAMAICA_NOVEMBER["referrals"],
                  {"service": "housing", "partner_kind": "church", "made": 1, "completed": 0}],
    "services": [{"kind": "counselling_session", "delivered": 1},
                 {"kind": "training_enrolled", "delivered": 1},
                 *JAMAICA_NOVEMBER["services"][1:]],
    "funnel": {"registered": 7, "first_service": 5, "plan_completed": 2},
}  # fmt: skip


@dataclass(frozen=True)
class World:
    """The seeded programme, an app with the clock at NOW, and staff with their API tokens."""

    services: Services
    app: Flask
    ids: dict[str, int]
    tokens: dict[str, str]


def add_staff(services: Services, key: str, office: str, role: str) -> str:
    with services.sessions.begin() as session:
        person = Caseworker(name=key.title(), phone=f"+1876555{9100 + len(key)}{len(office)}"
                            f"{role[0] == 'a':d}", email=f"{key}@office.test", office=office,
                            role=role, language="en", created_at=NOW,
                            password_hash=hash_password(PASSWORD))  # fmt: skip
        session.add(person)
        session.flush()
        return issue_token(session, person.id, "reports", NOW)


@pytest.fixture
def world(services: Services) -> World:
    with services.sessions.begin() as session:
        seeded = monthly_seed.seed(session)
    staff = (("olive", "JM", "caseworker"), ("jean", "HT", "caseworker"), ("ada", "JM", "admin"))
    tokens = {key: add_staff(services, key, office, role) for key, office, role in staff}
    return World(services, create_app(services, {"TESTING": True, "NOW": NOW}), seeded.ids, tokens)


def report(world: World, office: str, month: str = "2026-11") -> dict[str, Any]:
    asked = monthly.ask(world.services.desk.catalogue, None, office, month, NOW)
    with world.services.sessions.begin() as session:
        return monthly.monthly_report(session, asked)


def audit_log(world: World) -> list[tuple[str, str | None, str, str]]:
    with world.services.sessions.begin() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action.like("%report%"))
                               .order_by(AuditEntry.id))  # fmt: skip
        return [(e.action, e.office, e.channel, e.detail) for e in rows]


# The figures


def test_the_jamaica_office_november_report_matches_the_hand_counted_figures(world: World) -> None:
    found = report(world, "JM")
    assert found.pop("trends") == JAMAICA_TRENDS
    assert found == JAMAICA_NOVEMBER


def test_every_office_together_counts_the_month_in_utc(world: World) -> None:
    found = report(world, "all")
    found.pop("trends")
    assert found == EVERY_OFFICE_NOVEMBER


def test_haiti_counts_from_its_own_midnight_and_its_zone_changes_with_daylight_saving(
    world: World,
) -> None:
    found = report(world, "HT")
    assert found["period"] == {"start": "2026-11-01T04:00:00Z", "end": "2026-12-01T05:00:00Z"}
    # H2 came at 23:30 on 31 October, Haiti's time: October here, November for all offices.
    assert found["registered"]["total"] == 1
    assert found["trends"]["registered"][-2:] == [1, 1]
    assert found["funnel"] == {"registered": 2, "first_service": 1, "plan_completed": 0}
    assert [a["kind"] for a in found["alerts"]] == ["struggling"]


def test_a_month_with_nothing_in_it_has_zeros_and_no_medians(world: World) -> None:
    found = report(world, "JM", "2026-06")
    assert found["registered"] == {"total": 0, "by_return_type": {}, "by_deporting_country": {}}
    assert (found["reached"], found["alerts"], found["referrals"]) == (0, [], [])
    assert found["sustainability"]["median"] == dict.fromkeys(
        ("economic", "social", "psychosocial", "overall")
    )
    assert found["funnel"] == {"registered": 0, "first_service": 0, "plan_completed": 0}
    assert found["trends"]["opt_outs"][-4] == 0 and found["trends"]["months"][-1] == "2026-06"


def test_nothing_in_the_report_or_its_files_names_or_numbers_a_returnee(world: World) -> None:
    found = report(world, "all")
    files = [json.dumps(found), monthly_files.to_csv(found)]
    book = openpyxl.load_workbook(io.BytesIO(monthly_files.to_xlsx(found)))
    files += [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row]
    text = " ".join(files)
    for key, name in monthly_seed.NAMES.items():
        assert name not in text and monthly_seed.NUMBERS[key] not in text
        assert monthly_seed.NUMBERS[key].removeprefix("+") not in text
    assert "Open Arms" not in text and "shop" not in text  # partner names, goal texts


def test_the_month_and_office_are_checked_before_anything_is_counted() -> None:
    catalogue = load_catalogue()
    refusals = [(None, "JM", "2026-13", "month"), (None, "JM", "November", "month"),
                (None, "JM", "1999-12", "month"), (None, "JM", "2027-01", "month"),
                (None, "ZZ", "2026-11", "office"), (None, "J", "2026-11", "office")]  # fmt: skip
    for allowed, office, month, field in refusals:
        with pytest.raises(monthly.ReportRefused) as refused:
            monthly.ask(catalogue, allowed, office, month, NOW)
        assert refused.value.field == field, (office, month)
    with pytest.raises(monthly.OfficeNotAllowed, match="not one of your offices"):
        monthly.ask(catalogue, ("JM",), "HT", "2026-11", NOW)
    with pytest.raises(monthly.OfficeNotAllowed, match="only admins"):
        monthly.ask(catalogue, ("JM",), "all", "2026-11", NOW)
    # 1 December 02:00 UTC is still 30 November in Kingston: December is the future there.
    early = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    with pytest.raises(monthly.ReportRefused, match="2026-12 is in the future"):
        monthly.ask(catalogue, None, "JM", "2026-12", early)
    assert str(monthly.ask(catalogue, None, "all", "2026-12", early).month) == "2026-12"
    assert monthly.ask(catalogue, ("HT", "JM"), None, None, NOW).office == "HT"


# The API


def get_report(world: World, token: str | None, **query: str) -> Any:
    """GET /api/v1/reports/monthly, checked against dashboard/openapi.yaml."""
    return call(world.app.test_client(), "GET", "/reports/monthly", token, query_string=query)


def test_the_api_gives_a_caseworker_their_office_s_report_as_the_spec_describes_it(
    world: World,
) -> None:
    response = get_report(world, world.tokens["olive"], office="JM", month="2026-11")
    assert response.status_code == 200
    assert response.json == {**JAMAICA_NOVEMBER, "trends": JAMAICA_TRENDS}
    assert audit_log(world) == [("view_report", "JM", "api", "monthly JM 2026-11")]


def test_without_an_office_or_month_the_api_gives_the_caller_s_office_this_month(
    world: World,
) -> None:
    response = get_report(world, world.tokens["jean"])
    assert response.status_code == 200
    assert (response.json["office"], response.json["month"]) == ("HT", "2026-12")


@pytest.mark.parametrize(
    ("query", "field", "says"),
    [
        ({"office": "ZZ", "month": "2026-11"}, "office", "'ZZ' is not a programme office"),
        ({"office": "Jamaica", "month": "2026-11"}, "office", "is not a programme office"),
        ({"office": "JM", "month": "2026-13"}, "month", "'2026-13' is not a month: write YYYY-MM"),
        ({"office": "JM", "month": "nov-2026"}, "month", "is not a month"),
        ({"office": "JM", "month": "2027-01"}, "month", "2027-01 is in the future"),
        ({"office": "JM", "month": "1999-12"}, "month", "between the years 2000 and 2100"),
        ({"office": "JM", "year": "2026"}, "year", "unknown parameter 'year'"),
    ],
)
def test_the_api_refuses_bad_input_with_a_400_that_says_why(
    world: World, query: dict[str, str], field: str, says: str
) -> None:
    response = get_report(world, world.tokens["olive"], **query)
    assert response.status_code == 400
    assert response.json["field"] == field
    assert says in response.json["error"]
    assert audit_log(world) == []


@pytest.mark.parametrize(
    ("who", "office", "says"),
    [("olive", "HT", "office HT is not one of your offices (JM)"),
     ("jean", "JM", "office JM is not one of your offices (HT)"),
     ("olive", "all", "only admins see every office; yours: JM")],
)  # fmt: skip
def test_an_office_outside_the_caller_s_scope_is_refused_403(
    world: World, who: str, office: str, says: str
) -> None:
    response = get_report(world, world.tokens[who], office=office, month="2026-11")
    assert (response.status_code, response.json["error"]) == (403, says)
    assert audit_log(world) == []


def test_an_admin_sees_every_office_together_or_any_one_office(world: World) -> None:
    every = get_report(world, world.tokens["ada"], office="all", month="2026-11")
    assert every.status_code == 200
    assert {k: v for k, v in every.json.items() if k != "trends"} == EVERY_OFFICE_NOVEMBER
    haiti = get_report(world, world.tokens["ada"], office="ht", month="2026-11")
    assert (haiti.status_code, haiti.json["office"]) == (200, "HT")
    assert audit_log(world) == [("view_report", None, "api", "monthly all 2026-11"),
                                ("view_report", "HT", "api", "monthly HT 2026-11")]  # fmt: skip


def test_the_api_refuses_a_request_without_a_token(world: World) -> None:
    response = get_report(world, None, office="JM", month="2026-11")
    assert response.status_code == 401
    assert audit_log(world) == []


# The page's downloads


def sign_in(world: World, email: str) -> FlaskClient:
    client = world.app.test_client()
    page = client.get("/dashboard/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"email": email, "password": PASSWORD, "csrf_token": token}
    reply = client.post("/dashboard/login", data=form)
    assert reply.status_code == 302
    return client


QUERY = "office=JM&month=2026-11"


def test_the_report_page_shows_the_figures_the_funnel_and_the_trends(world: World) -> None:
    page = sign_in(world, "olive@office.test").get(f"/dashboard/reports/monthly?{QUERY}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<svg class="report-chart funnel"' in html and '<svg class="report-chart trends"' in html
    assert (
        "<title>Plan completed: 2</title>" in html
        and "<title>Registered 2026-11: 4</title>" in html
    )
    assert "<tr><th>Registered</th><td>4</td></tr>" in html
    assert "<td>crisis</td><td>3</td><td>3</td><td>6.0 min</td>" in html
    assert f"/dashboard/reports/monthly.csv?{QUERY}" in html.replace("&amp;", "&")
    assert '<option value="JM" selected>' in html and '<option value="HT"' not in html
    assert audit_log(world) == [("view_report", "JM", "page", "monthly JM 2026-11")]


def test_the_report_page_says_why_it_cannot_show_a_month_and_refuses_another_office(
    world: World,
) -> None:
    client = sign_in(world, "olive@office.test")
    future = client.get("/dashboard/reports/monthly?office=JM&month=2027-03")
    assert future.status_code == 400
    assert "month 2027-03 is in the future (it is 2026-12 now)" in future.get_data(as_text=True)
    other = client.get("/dashboard/reports/monthly?office=HT&month=2026-11")
    assert other.status_code == 403
    assert client.get("/dashboard/reports/monthly.csv?office=HT&month=2026-11").status_code == 403
    assert audit_log(world) == []


def test_the_report_page_speaks_the_caseworker_s_language(world: World) -> None:
    with world.services.sessions.begin() as session:
        jean = session.scalar(select(Caseworker).where(Caseworker.email == "jean@office.test"))
        assert jean is not None
        jean.language = "fr"
    client = sign_in(world, "jean@office.test")
    html = client.get("/dashboard/reports/monthly?office=HT&month=2026-11").get_data(as_text=True)
    assert "<h1>Rapport mensuel · HT · 2026-11</h1>" in html
    assert "<title>Plan achevé: 0</title>" in html and "Télécharger le CSV" in html
    refused = client.get("/dashboard/reports/monthly?office=HT&month=2026-1")
    assert refused.status_code == 400
    assert "le mois &#39;2026-1&#39; n’est pas un mois : écrivez AAAA-MM" in refused.get_data(
        as_text=True
    )


def test_the_csv_download_holds_every_figure_of_the_report(world: World) -> None:
    response = sign_in(world, "olive@office.test").get(f"/dashboard/reports/monthly.csv?{QUERY}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="monthly-report-JM-2026-11.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["section", "item", "measure", "value"]
    for expected in (["report", "office", "", "JM"], ["registered", "total", "", "4"],
                     ["registered", "return_type", "forced", "2"],
                     ["registered", "deporting_country", "GB", "1"],
                     ["returnees", "reached", "", "3"], ["returnees", "opt_outs", "", "1"],
                     ["checkins", "answer", "struggling", "1"],
                     ["alerts", "crisis", "median_minutes_to_acknowledge", "6.0"],
                     ["alerts", "request_human", "median_minutes_to_acknowledge", ""],
                     ["referrals", "documents/government", "completed", "1"],
                     ["grants", "phone_cards", "disbursed", "1"],
                     ["sustainability", "social", "median", "0.625"],
                     ["funnel", "first_service", "", "4"],
                     ["trends", "opt_outs", "2026-08", "1"]):  # fmt: skip
        assert expected in rows
    # header, report 5, registered 1+3+3, returnees 5 + messages 2, check-ins 2+3, alerts 3x3,
    # referrals 2x2, services 4, grants 2x2, sustainability 1+4, funnel 3, trends 9x12
    assert len(rows) == 1 + 5 + 7 + 7 + 5 + 9 + 4 + 4 + 4 + 5 + 3 + 9 * 12
    assert audit_log(world) == [("download_report", "JM", "page", "monthly JM 2026-11 csv")]


def same(value: object) -> object:
    """A cell as CSV and XLSX both give it: a number as a float (XLSX keeps 6.0 as 6)."""
    if value is None or value == "":
        return ""
    try:
        return float(str(value))
    except ValueError:
        return str(value)


def test_the_xlsx_download_holds_the_same_rows_and_a_sheet_of_trends(world: World) -> None:
    client = sign_in(world, "olive@office.test")
    response = client.get(f"/dashboard/reports/monthly.xlsx?{QUERY}")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["Report", "Trends"]
    cells = [[cell.value for cell in row] for row in book["Report"].iter_rows()]
    text = client.get(f"/dashboard/reports/monthly.csv?{QUERY}").get_data(as_text=True)
    as_csv = list(csv.reader(io.StringIO(text)))
    assert [[same(v) for v in row] for row in cells] == [[same(v) for v in row] for row in as_csv]
    trends = [[cell.value for cell in row] for row in book["Trends"].iter_rows()]
    assert trends[0][:4] == ["month", "registered", "reached", "checkins_sent"]
    assert trends[-1] == ["2026-11", 4, 3, 4, 3, 6, 3, 2, 5, 1]
    assert len(trends) == 13


# The CLI


def run_cli(world: World, tmp_path: Path, *args: str) -> Any:
    env = {"DATABASE_URL": world.services.settings.database_url, "LOG_LEVEL": "WARNING",
           "RETURNEE_INSTANCE_PATH": str(tmp_path), "TWILIO_ACCOUNT_SID": None,
           "TWILIO_AUTH_TOKEN": None, "WHATSAPP_TEMPLATES": None}  # fmt: skip
    return CliRunner().invoke(cli, ["report", "monthly", *args], env=env)


def test_the_cli_prints_the_report_and_writes_csv_and_xlsx_files(
    world: World, tmp_path: Path
) -> None:
    printed = run_cli(world, tmp_path, "--office", "JM", "--month", "2026-11")
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output) == {**JAMAICA_NOVEMBER, "trends": JAMAICA_TRENDS}
    out = tmp_path / "november.csv"
    written = run_cli(world, tmp_path, "--office", "all", "--month", "2026-11", "--format", "csv",
                      "--out", str(out))  # fmt: skip
    assert written.exit_code == 0, written.output
    assert "monthly report all 2026-11 written to" in written.output
    assert ["registered", "total", "", "5"] in list(csv.reader(out.open(encoding="utf-8")))
    book = tmp_path / "november.xlsx"
    made = run_cli(world, tmp_path, "--office", "JM", "--month", "2026-11", "--format", "xlsx",
                   "--out", str(book))  # fmt: skip
    assert made.exit_code == 0 and openpyxl.load_workbook(book).sheetnames == ["Report", "Trends"]
    assert [entry[:3] for entry in audit_log(world)] == [("view_report", "JM", "cli"),
                                                         ("view_report", None, "cli"),
                                                         ("view_report", "JM", "cli")]  # fmt: skip


def test_the_cli_refuses_a_bad_month_an_unknown_office_and_xlsx_to_the_terminal(
    world: World, tmp_path: Path
) -> None:
    month = run_cli(world, tmp_path, "--office", "JM", "--month", "2026/11")
    assert month.exit_code == 2 and "'2026/11' is not a month" in month.output
    office = run_cli(world, tmp_path, "--office", "XX", "--month", "2026-11")
    assert office.exit_code == 2 and "'XX' is not a programme office" in office.output
    binary = run_cli(world, tmp_path, "--office", "JM", "--format", "xlsx")
    assert binary.exit_code == 2 and "give --out FILE" in binary.output
    assert audit_log(world) == []
