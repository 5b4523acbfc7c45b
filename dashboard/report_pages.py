"""The monthly programme report page: office and month pickers, tables, a funnel and trend
lines drawn on the server, and CSV and XLSX downloads (every view and download audited)."""

from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]

from bot.casework.staff import StaffMember, audit
from bot.reports import monthly, monthly_files
from dashboard import api_monthly, views
from dashboard.auth import login_required, now, refuse_nul, services, signed_in
from dashboard.refusals import patterns_of
from dashboard.report_charts import funnel_chart, trend_chart
from dashboard.views import N_

bp = Blueprint("report_pages", __name__, url_prefix="/dashboard", template_folder="templates")
bp.before_request(refuse_nul)
API = api_monthly.bp  # nested in the API blueprint on import: bearer tokens, no CSRF
UTC = ZoneInfo("UTC")
TREND_LINES = ("registered", "reached", "referrals_made", "services_delivered")
FILES = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip
# The refusals of bot/reports/monthly.py, as the page says them.
MESSAGES = (
    N_("month %(value)s is not a month: write YYYY-MM, like 2026-11"),
    N_("month must fall between the years 2000 and 2100"),
    N_("month %(month)s is in the future (it is %(now)s now)"),
    N_("office %(office)s is not a programme office; one of %(offices)s, or all"),
    N_("only admins see every office; yours: %(offices)s"),
    N_("office %(office)s is not one of your offices (%(offices)s)"),
)
_PATTERNS = patterns_of(MESSAGES)


def who() -> StaffMember:
    """The signed-in caseworker (every page here is behind login_required)."""
    found = signed_in()
    assert found is not None
    return found


def say(message: str) -> str:
    """A refusal of the report in the page's language."""
    return views.say(message, _PATTERNS)


def _asked() -> monthly.Asked:
    """The office and month asked for; 403 for an office that is not the caseworker's."""
    office, month = request.args.get("office"), request.args.get("month")
    try:
        allowed = monthly.allowed_offices(who())
        return monthly.ask(services().desk.catalogue, allowed, office, month, now())
    except monthly.OfficeNotAllowed as error:
        abort(403, say(str(error)))


def _choices() -> list[str]:
    """The offices the picker offers: the caseworker's, or `all` and every office for admins."""
    allowed = monthly.allowed_offices(who())
    return [monthly.ALL, *services().desk.catalogue.order] if allowed is None else list(allowed)


def _charts(report: dict[str, Any]) -> tuple[str, str]:
    funnel = report["funnel"]
    stages = [(gettext("Registered"), funnel["registered"]),
              (gettext("First service"), funnel["first_service"]),
              (gettext("Plan completed"), funnel["plan_completed"])]  # fmt: skip
    trends = report["trends"]
    lines = [(name, trend_names()[name], trends[name]) for name in TREND_LINES]
    return (funnel_chart(gettext("From registration to a completed plan"), stages),
            trend_chart(gettext("The last twelve months"), trends["months"], lines))  # fmt: skip


def trend_names() -> dict[str, str]:
    """Each trend measure as the page names it."""
    return {"registered": gettext("Registered"), "reached": gettext("Reached"),
            "checkins_sent": gettext("Check-ins sent"),
            "checkins_answered": gettext("Check-ins answered"), "alerts": gettext("Alerts"),
            "referrals_made": gettext("Referrals made"),
            "referrals_completed": gettext("Referrals completed"),
            "services_delivered": gettext("Services delivered"),
            "opt_outs": gettext("Opt-outs")}  # fmt: skip


def _page(status: int, **context: Any) -> ResponseReturnValue:
    this_month = str(monthly.month_of(now(), UTC))  # no office is ahead of UTC
    page = render_template("report.html", who=who(), offices=_choices(), latest=this_month,
                           trend_names=trend_names(), **context)  # fmt: skip
    return page, status


@bp.get("/reports/monthly")
@login_required
def monthly_page() -> ResponseReturnValue:
    """The report of an office and month (the caseworker's first office, this month)."""
    try:
        asked = _asked()
    except monthly.ReportRefused as error:
        return _page(400, error=say(str(error)), office=request.args.get("office", ""),
                     month=request.args.get("month", ""), report=None)  # fmt: skip
    with services().sessions.begin() as db:
        report = monthly.monthly_report(db, asked)
        audit(db, who(), "view_report", now(), office=asked.office, ip=request.remote_addr,
              detail=f"monthly {asked.office_name} {asked.month}")  # fmt: skip
    funnel, trends = _charts(report)
    return _page(200, report=report, office=asked.office_name, month=str(asked.month),
                 funnel=funnel, trends=trends, error=None)  # fmt: skip


@bp.get("/reports/monthly.<any(csv, xlsx):kind>")
@login_required
def monthly_file(kind: str) -> ResponseReturnValue:
    """The same figures as a CSV or XLSX download."""
    try:
        asked = _asked()
    except monthly.ReportRefused as error:
        abort(400, say(str(error)))
    with services().sessions.begin() as db:
        report = monthly.monthly_report(db, asked)
        audit(db, who(), "download_report", now(), office=asked.office, ip=request.remote_addr,
              detail=f"monthly {asked.office_name} {asked.month} {kind}")  # fmt: skip
    body = monthly_files.to_csv(report) if kind == "csv" else monthly_files.to_xlsx(report)
    name = f"monthly-report-{asked.office_name}-{asked.month}.{kind}"
    return Response(body, mimetype=FILES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
