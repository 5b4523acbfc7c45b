"""The regional dataset's API (`/api/v1`): the quarterly export (admins only) and the
registration demographics it counts; the same bearer tokens, refusals and audit as
dashboard/api.py."""

from flask import Response, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden

from bot.casework import caseload
from bot.casework.demographics import FIELDS, DemographicsError, apply, current
from bot.casework.demographics import parse_demographics as parse
from bot.casework.staff import audit
from bot.reports import regional
from bot.reports.quarters import QuarterError, parse_quarter
from bot.schedule.planning import contact_zone
from dashboard import api
from dashboard.auth import now, services
from storage.models import Contact

bp = api.blueprint("api_regional", __name__)
FORMATS = ("json", "csv")
ADMIN = "admin"


def _demographics(contact: Contact) -> api.Json:
    return {"contact_id": contact.id, **current(contact)}


def _export_arguments() -> tuple[str, str, str]:
    """The quarter, format and table asked for; BadInput names the one at fault."""
    quarter = request.args.get("quarter", "")
    if not quarter:
        raise api.BadInput("quarter", "quarter is required, like 2026Q4")
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        raise api.BadInput("format", f"format must be one of {', '.join(FORMATS)}")
    table = request.args.get("table", "returnees")
    if table not in regional.TABLES:
        raise api.BadInput("table", f"table must be one of {', '.join(regional.TABLES)}")
    return quarter, fmt, table


@bp.get("/exports/regional")
def regional_export() -> ResponseReturnValue:
    """A quarter's regional dataset (admins): JSON with every table, or one table as CSV."""
    if api.who().role != ADMIN:
        raise Forbidden("the regional dataset is for admins only")
    text, fmt, table = _export_arguments()
    try:
        quarter = parse_quarter(text, now())
    except QuarterError as error:
        raise api.BadInput("quarter", str(error)) from None
    with services().sessions.begin() as db:
        dataset = regional.build(db, quarter, services().desk.pseudonym_key)
        _audit_export(db, dataset, "all tables" if fmt == "json" else table, fmt)
    if fmt == "json":
        return dataset.as_json()
    name = f"regional-{quarter}-{table}.csv"
    return Response(regional.csv_text(dataset, table), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


def _audit_export(db: Session, dataset: regional.RegionalDataset, what: str, fmt: str) -> None:
    """One entry per office in the dataset, so each office's log shows the export."""
    rows = dataset.tables["returnees"]
    offices: list[str | None] = [*sorted({str(row["country"]) for row in rows})] or [None]
    detail = f"{dataset.quarter} {what} ({fmt}): {len(rows)} returnees"
    for office in offices:
        audit(db, api.who(), "export_regional", now(), office=office, detail=detail,
              channel="api", ip=request.remote_addr)  # fmt: skip


@bp.get("/returnees/<id:contact_id>/demographics")
def demographics(contact_id: int) -> ResponseReturnValue:
    """The returnee's registration demographics."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        api._audit(db, "view_demographics", contact)
        return _demographics(contact)


@bp.patch("/returnees/<id:contact_id>/demographics")
def change_demographics(contact_id: int) -> ResponseReturnValue:
    """Set or clear (null) some demographics; a new birth date derives the age band anew."""
    body = api._body(FIELDS)
    if not body:
        raise api.BadInput("body", f"give one or more of {', '.join(FIELDS)}")
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        merged: dict[str, object] = {**current(contact), **body}
        if "birth_date" in body and "age_band" not in body:
            merged["age_band"] = None  # the band follows the new date
        today = now().astimezone(contact_zone(contact, services().desk.catalogue)).date()
        try:
            apply(contact, parse(merged, today))
        except DemographicsError as error:
            raise api.BadInput(error.field, str(error)) from None
        api._audit(db, "change_demographics", contact, ", ".join(sorted(body)))
        return _demographics(contact)
