"""`GET /api/v1/reports/monthly?office=JM&month=2026-11`: the monthly programme report as JSON.

Its route is nested in the API blueprint (`api.monthly.*`): the same bearer tokens, NUL check
and JSON errors. A caseworker sees the reports of their offices; admins any office, or `all`."""

from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from bot.casework.staff import audit
from bot.reports import monthly
from dashboard import api
from dashboard.auth import now, services

bp = Blueprint("monthly", __name__)


@bp.errorhandler(monthly.ReportRefused)
def _refused(error: monthly.ReportRefused) -> ResponseReturnValue:
    """400: the office or the month is wrong; the message says why."""
    return {"error": str(error), "field": error.field}, 400


@bp.errorhandler(monthly.OfficeNotAllowed)
def _not_yours(error: monthly.OfficeNotAllowed) -> ResponseReturnValue:
    """403: a programme office, but not one of the caller's."""
    return {"error": str(error), "field": "office"}, 403


@bp.get("/reports/monthly")
def monthly_report() -> ResponseReturnValue:
    """The figures of one office (or every office) and month (audited)."""
    unknown = sorted(set(request.args) - {"office", "month"})
    if unknown:
        raise api.BadInput(unknown[0], f"unknown parameter {unknown[0]!r}; give office and month")
    who, desk = api.who(), services().desk
    asked = monthly.ask(desk.catalogue, monthly.allowed_offices(who), request.args.get("office"),
                        request.args.get("month"), now())  # fmt: skip
    with services().sessions.begin() as db:
        report = monthly.monthly_report(db, asked)
        detail = f"monthly {asked.office_name} {asked.month}"
        audit(db, who, "view_report", now(), office=asked.office, channel="api", detail=detail,
              ip=request.remote_addr)  # fmt: skip
    return report


api.bp.register_blueprint(bp)  # once, at import: its routes are api.monthly.*
