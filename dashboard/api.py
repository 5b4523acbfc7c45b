"""The JSON API for partner systems (`/api/v1`): bearer tokens, the same office scoping."""

from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, g, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from bot.casework import caseload
from bot.casework.staff import StaffMember, audit, member_for_token
from bot.schedule.milestones import MilestoneError, add_milestone, move_milestone, set_status
from bot.schedule.planning import contact_zone
from dashboard.auth import now, nul_field, services
from storage import schedule_repo as plan
from storage.casework import Alert
from storage.models import Contact
from storage.schedule import MILESTONE_STATUSES, Milestone

bp = Blueprint("api", __name__, url_prefix="/api/v1")
SPEC = Path(__file__).with_name("openapi.yaml")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
KIND_MAX, PLACE_MAX = 40, 200  # the columns' lengths
AT_FORMAT = ("at must be an ISO 8601 date and time: 2026-12-10T14:00 (the returnee's local "
             "time) or with an offset, 2026-12-10T19:00:00Z")  # fmt: skip
Json = dict[str, Any]


class BadInput(ValueError):
    """A request the API refuses: answered 400, naming the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@bp.before_request
def _authenticate() -> ResponseReturnValue | None:
    """Everything but the spec needs a live bearer token."""
    if request.endpoint == "api.spec":
        return None
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return _unauthorised("send the header Authorization: Bearer <token>", "Bearer")
    found = None
    if len(token) <= 200:  # tokens are 47 characters: no query for anything longer
        with services().sessions.begin() as db:
            found = member_for_token(db, token, now())
    if found is None:
        return _unauthorised("the token is unknown or revoked", 'Bearer error="invalid_token"')
    g.api_member = found
    return None


def _unauthorised(message: str, challenge: str) -> ResponseReturnValue:
    return {"error": message}, 401, {"WWW-Authenticate": challenge}


@bp.before_request
def _refuse_nul() -> None:
    """A NUL byte in the query or in a JSON string is refused, naming the field."""
    field = nul_field(request.get_json(force=True, silent=True))
    if field is not None:
        raise BadInput(field, f"{field}: contains a NUL character, which is not allowed")


@bp.errorhandler(BadInput)
def _bad_input(error: BadInput) -> ResponseReturnValue:
    """400, naming the field."""
    return {"error": str(error), "field": error.field}, 400


@bp.errorhandler(caseload.OutOfScope)
def _out_of_scope(error: caseload.OutOfScope) -> ResponseReturnValue:
    """Another office's record is answered as if it did not exist."""
    return {"error": str(error)}, 404


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> ResponseReturnValue:
    """Every other HTTP error as JSON too (405 keeps its Allow header)."""
    allow = error.valid_methods if isinstance(error, MethodNotAllowed) else None
    headers = {"Allow": ", ".join(allow)} if allow else {}
    return {"error": error.description or error.name}, error.code or 500, headers


def blueprint(name: str, import_name: str) -> Blueprint:
    """Another API blueprint under /api/v1 with this one's token check, NUL refusal and JSON
    error answers."""
    part = Blueprint(name, import_name, url_prefix="/api/v1")
    part.before_request(_authenticate)
    part.before_request(_refuse_nul)
    part.register_error_handler(BadInput, _bad_input)
    part.register_error_handler(caseload.OutOfScope, _out_of_scope)
    part.register_error_handler(HTTPException, _http_error)
    return part


def who() -> StaffMember:
    """The staff member the request's token belongs to."""
    return cast(StaffMember, g.api_member)


def _audit(db: Session, action: str, contact: Contact, detail: str = "") -> None:
    audit(db, who(), action, now(), contact_id=contact.id, office=caseload.office_of(contact),
          detail=detail, channel="api", ip=request.remote_addr)  # fmt: skip


def _time(value: datetime | None) -> str | None:
    """ISO 8601 in UTC, with a Z."""
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _summary(contact: Contact) -> Json:
    numbers = [{"e164": n.e164, "channel": n.last_channel, "opted_out": n.opted_out_at is not None}
               for n in contact.numbers]  # fmt: skip
    paused = contact.paused_until is not None and contact.paused_until > now()
    return {"id": contact.id, "name": contact.name, "country": contact.country,
            "language": contact.language, "consent": contact.consent,
            "registration_code": contact.registration_code, "numbers": numbers,
            "paused": paused}  # fmt: skip


def _detail(contact: Contact) -> Json:
    return {**_summary(contact), "returned_at": _time(contact.returned_at),
            "consent_at": _time(contact.consent_at), "time_zone": _zone(contact).key}  # fmt: skip


def _alert(found: Alert) -> Json:
    return {"id": found.id, "code": found.code, "kind": found.kind, "status": found.status,
            "reason": found.reason, "office": found.office, "contact_id": found.contact_id,
            "created_at": _time(found.created_at), "sla_due_at": _time(found.sla_due_at),
            "acknowledged_at": _time(found.acknowledged_at),
            "resolved_at": _time(found.resolved_at)}  # fmt: skip


def _milestone(db: Session, row: Milestone) -> Json:
    reminders = [{"fire_at": _time(e.fire_at), "state": e.state}
                 for e in plan.entries_of(db, row.id)]  # fmt: skip
    return {"id": row.id, "contact_id": row.contact_id, "kind": row.kind, "at": _time(row.at),
            "place": row.place, "status": row.status, "answer": row.answer,
            "created_at": _time(row.created_at), "updated_at": _time(row.updated_at),
            "reminders": reminders}  # fmt: skip


def _zone(contact: Contact) -> ZoneInfo:
    return contact_zone(contact, services().desk.catalogue)


def _body(allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> Json:
    """The request's JSON object: known fields only, and the required ones present."""
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict):
        raise BadInput("body", "the body must be a JSON object")
    for name in body:
        if name not in allowed:
            raise BadInput(str(name), f"unknown field {name!r}; fields: {', '.join(allowed)}")
    for name in required:
        if name not in body:
            raise BadInput(name, f"{name} is required")
    return cast(Json, body)


def _text(body: Json, name: str, limit: int) -> str:
    value = body.get(name, "")
    if not isinstance(value, str) or len(value.strip()) > limit:
        raise BadInput(name, f"{name} must be text of at most {limit} characters")
    return value


def _when(value: object, zone: ZoneInfo) -> datetime:
    """An ISO 8601 date and time; without an offset it is the returnee's local time."""
    try:
        if not isinstance(value, str) or len(value.strip()) <= len("2026-12-10"):
            raise ValueError("a date alone, without a time")
        at = datetime.fromisoformat(value.strip())
        at = (at.replace(tzinfo=zone) if at.tzinfo is None else at).astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadInput("at", AT_FORMAT) from None
    if not 2000 <= at.year <= 2100:
        raise BadInput("at", "at must fall between the years 2000 and 2100")
    return at


def _status(body: Json) -> str | None:
    value = body.get("status")
    if "status" in body and value not in MILESTONE_STATUSES:
        raise BadInput("status", f"status must be one of {', '.join(MILESTONE_STATUSES)}")
    return cast(str | None, value)


def _scoped_milestone(db: Session, milestone_id: int) -> tuple[Milestone, Contact]:
    """The milestone and its returnee, if the returnee is in the caseworker's offices."""
    row = db.get(Milestone, milestone_id)
    with suppress(caseload.OutOfScope):
        if row is not None:
            return row, caseload.returnee(db, who(), row.contact_id)
    raise caseload.OutOfScope(f"no milestone {milestone_id}")  # the same, whoever's it is


@bp.get("/openapi.yaml")
def spec() -> ResponseReturnValue:
    """This API's OpenAPI document (no token needed)."""
    return Response(SPEC.read_text(encoding="utf-8"), mimetype="application/yaml")


@bp.get("/returnees")
def returnees() -> ResponseReturnValue:
    """The caseworker's returnees, newest first; `q` matches a name or a number."""
    search = request.args.get("q", "")[:100]
    with services().sessions.begin() as db:
        found = [_summary(c) for c in caseload.returnees(db, who(), search)]
        for office in who().offices:  # one entry per office, so each office's log shows it
            audit(db, who(), "list_returnees", now(), office=office, channel="api",
                  detail=f"{len(found)} returnees; q={search}", ip=request.remote_addr)  # fmt: skip
    return {"returnees": found}


@bp.get("/returnees/<id:contact_id>")
def returnee(contact_id: int) -> ResponseReturnValue:
    """One returnee's profile, consent and numbers."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, who(), contact_id)
        _audit(db, "view_returnee", contact)
        return _detail(contact)


@bp.get("/returnees/<id:contact_id>/messages")
def messages(contact_id: int) -> ResponseReturnValue:
    """The whole conversation with a returnee, oldest first."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, who(), contact_id)
        thread = [{"at": _time(m.at), "direction": m.direction, "body": m.body,
                   "channel": m.channel, "number": m.number, "status": m.status,
                   "purpose": m.purpose} for m in caseload.thread(db, contact)]  # fmt: skip
        _audit(db, "view_thread", contact)
    return {"messages": thread}


@bp.get("/alerts")
def alerts() -> ResponseReturnValue:
    """The offices' open and acknowledged alerts, the most urgent first."""
    with services().sessions.begin() as db:
        return {"alerts": [_alert(a) for a in caseload.alert_queue(db, who())]}


@bp.post("/alerts/<id:alert_id>/acknowledge")
def acknowledge(alert_id: int) -> ResponseReturnValue:
    """Acknowledge an alert, as ACK does by SMS (again: no change)."""
    with services().sessions.begin() as db:
        found = caseload.acknowledge(db, services().desk, who(), alert_id, now())
        contact = db.get(Contact, found.contact_id) if found.contact_id else None
        office = (caseload.office_of(contact) if contact else None) or found.office
        audit(db, who(), "acknowledge_alert", now(), contact_id=found.contact_id, office=office,
              detail=found.code, channel="api", ip=request.remote_addr)  # fmt: skip
        return _alert(found)


@bp.get("/returnees/<id:contact_id>/milestones")
def milestones(contact_id: int) -> ResponseReturnValue:
    """A returnee's milestones by date, each with its reminders."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, who(), contact_id)
        found = [_milestone(db, row) for row in plan.milestones_of(db, contact.id)]
        _audit(db, "view_milestones", contact)
    return {"milestones": found}


@bp.post("/returnees/<id:contact_id>/milestones")
def new_milestone(contact_id: int) -> ResponseReturnValue:
    """Record a milestone; its reminders are planned at once."""
    body, desk = _body(("kind", "at", "place"), required=("kind", "at")), services().desk
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, who(), contact_id)
        kind, place = _text(body, "kind", KIND_MAX), _text(body, "place", PLACE_MAX)
        at = _when(body["at"], _zone(contact))
        try:
            row = add_milestone(db, desk, contact.id, kind, at, place, now())
        except MilestoneError as error:
            raise BadInput("kind", str(error)) from None
        _audit(db, "add_milestone", contact, f"#{row.id} {row.kind}")
        location = url_for("api.milestone", milestone_id=row.id)
        return _milestone(db, row), 201, {"Location": location}


@bp.get("/milestones/<id:milestone_id>")
def milestone(milestone_id: int) -> ResponseReturnValue:
    """One milestone with its reminders."""
    with services().sessions.begin() as db:
        row, contact = _scoped_milestone(db, milestone_id)
        _audit(db, "view_milestone", contact, f"#{row.id}")
        return _milestone(db, row)


@bp.patch("/milestones/<id:milestone_id>")
def change_milestone(milestone_id: int) -> ResponseReturnValue:
    """Move a milestone (at, place) and/or set its status; its reminders follow."""
    body = _body(("at", "place", "status"))
    if not body:
        raise BadInput("body", "give at, place or status")
    desk = services().desk
    with services().sessions.begin() as db:
        row, contact = _scoped_milestone(db, milestone_id)
        status = _status(body)
        place = _text(body, "place", PLACE_MAX) if "place" in body else None
        at = _when(body["at"], _zone(contact)) if "at" in body else row.at
        if "at" in body or place is not None:
            move_milestone(db, desk, row, at, now(), place)
            _audit(db, "milestone_move", contact, f"#{row.id}")
        if status is not None:
            set_status(db, desk, row, status, now())
            _audit(db, f"milestone_{status}", contact, f"#{row.id}")
        return _milestone(db, row)


@bp.delete("/milestones/<id:milestone_id>")
def cancel_milestone(milestone_id: int) -> ResponseReturnValue:
    """Cancel a milestone (it is kept, as cancelled) and the reminders still to come."""
    with services().sessions.begin() as db:
        row, contact = _scoped_milestone(db, milestone_id)
        set_status(db, services().desk, row, "cancelled", now())
        _audit(db, "milestone_cancelled", contact, f"#{row.id}")
        return _milestone(db, row)


@bp.route("/", defaults={"rest": ""}, methods=METHODS)
@bp.route("/<path:rest>", methods=METHODS)
def unknown(rest: str) -> ResponseReturnValue:
    """Anything else under /api/v1: JSON 404, or 405 naming the methods the path takes."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    # This route takes every path and method, so each match finds it or a real endpoint.
    allowed = [m for m in METHODS if adapter.match(request.path, m)[0] != "api.unknown"]
    if allowed:
        raise MethodNotAllowed(allowed, f"{request.method} is not allowed here")
    raise NotFound(f"no endpoint /api/v1/{rest}")
