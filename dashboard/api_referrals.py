"""The API of the partner directory and referrals (`/api/v1/partners`, `.../referrals`).

Its routes are nested in the API blueprint (`api.referrals.*`), so the same bearer tokens,
NUL check and JSON errors apply; everything is office-scoped and audited."""

from datetime import timedelta
from typing import Any

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from bot.casework import caseload, partners, referrals
from bot.casework.partners import NotAllowed, PartnerError
from bot.casework.staff import audit
from dashboard import api
from dashboard.api import BadInput, who
from dashboard.auth import now, services
from flows.referrals import TransitionError
from storage.models import Contact
from storage.reintegration import Partner, Referral

bp = Blueprint("referrals", __name__)
Json = dict[str, Any]
SERVICE_MAX = 40


@bp.errorhandler(PartnerError)
def _refused(error: PartnerError) -> ResponseReturnValue:
    """400, naming the field at fault."""
    return {"error": str(error), "field": error.field}, 400


@bp.errorhandler(TransitionError)
def _wrong_move(error: TransitionError) -> ResponseReturnValue:
    """409: the referral cannot make that move; the message says what it can do."""
    return {"error": str(error), "field": "status"}, 409


@bp.errorhandler(NotAllowed)
def _not_allowed(error: NotAllowed) -> ResponseReturnValue:
    """403: only supervisors and admins change the directory."""
    return {"error": str(error)}, 403


def stale_after() -> timedelta:
    """How long an open referral may go without an update before it is flagged."""
    return timedelta(days=services().settings.referral_stale_days)


def _object() -> Json:
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict):
        raise BadInput("body", "the body must be a JSON object")
    return body


def _audit_partner(db: Session, action: str, partner: Partner) -> None:
    audit(db, who(), action, now(), office=partner.country, detail=f"partner #{partner.id}",
          channel="api", ip=request.remote_addr)  # fmt: skip


def _audit_referral(db: Session, action: str, contact: Contact, detail: str) -> None:
    audit(db, who(), action, now(), contact_id=contact.id, office=caseload.office_of(contact),
          detail=detail, channel="api", ip=request.remote_addr)  # fmt: skip


def _query(name: str, limit: int) -> str | None:
    value = request.args.get(name)
    if value is not None and len(value) > limit:
        raise BadInput(name, f"{name} must be at most {limit} characters")
    return value or None


@bp.get("/partners")
def list_partners() -> ResponseReturnValue:
    """The directory of the caseworker's offices, by country and service."""
    country, service = _query("country", 2), _query("service", SERVICE_MAX)
    inactive = request.args.get("include_inactive") in {"1", "true"}
    with services().sessions.begin() as db:
        rows = partners.directory(db, who(), country, service, include_inactive=inactive)
        return {"partners": [partners.as_json(p) for p in rows]}


@bp.post("/partners")
def new_partner() -> ResponseReturnValue:
    """Add a partner (supervisors and admins)."""
    body = _object()
    with services().sessions.begin() as db:
        partner = partners.create(db, who(), body, services().desk.catalogue, now())
        _audit_partner(db, "partner_added", partner)
        return partners.as_json(partner), 201


@bp.get("/partners/<id:partner_id>")
def partner(partner_id: int) -> ResponseReturnValue:
    """One partner of the caseworker's offices."""
    with services().sessions.begin() as db:
        return partners.as_json(partners.get(db, who(), partner_id))


@bp.patch("/partners/<id:partner_id>")
def change_partner(partner_id: int) -> ResponseReturnValue:
    """Change a partner's fields; `verified: true` marks it checked today."""
    body = dict(_object())
    verified = body.pop("verified", None)
    if verified is not None and not isinstance(verified, bool):
        raise BadInput("verified", "verified must be true or false")
    with services().sessions.begin() as db:
        catalogue = services().desk.catalogue
        found = partners.update(db, who(), partner_id, body, catalogue, now()) if body else None
        if verified:
            found = partners.verify(db, who(), partner_id, now())
        elif verified is False:
            found = partners.get(db, who(), partner_id)
            found.verified, found.verified_at = False, None
        found = found or partners.get(db, who(), partner_id)
        _audit_partner(db, "partner_changed", found)
        return partners.as_json(found)


def _referral_json(db: Session, row: Referral) -> Json:
    found = db.get(Partner, row.partner_id)
    return referrals.as_json(row, found, stale_after(), now())


@bp.get("/returnees/<id:contact_id>/referrals")
def referrals_of(contact_id: int) -> ResponseReturnValue:
    """A returnee's referrals, newest first, each with its stale flag."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, who(), contact_id)
        rows = referrals.referrals_of(db, contact.id)
        _audit_referral(db, "view_referrals", contact, "")
        return {"referrals": [_referral_json(db, row) for row in rows]}


@bp.post("/returnees/<id:contact_id>/referrals")
def new_referral(contact_id: int) -> ResponseReturnValue:
    """Refer a returnee to a partner for a service; the returnee is told by SMS."""
    body = _object()
    unknown = [name for name in body if name not in ("partner_id", "service", "note")]
    if unknown:
        raise BadInput(str(unknown[0])[:40], "unknown field; fields: partner_id, service, note")
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, who(), contact_id)
        made = referrals.make(db, services().desk, who(), contact, body, now(), "api")
        row = made.referral
        _audit_referral(db, "referral_made", contact, f"#{row.id} {row.service}")
        return {**_referral_json(db, row), "sms": made.not_sent or "queued"}, 201


@bp.get("/referrals")
def list_referrals() -> ResponseReturnValue:
    """The referrals of the caseworker's returnees; `stale=1` keeps only the stale ones."""
    stale = request.args.get("stale") in {"1", "true"}
    status = _query("status", 16)
    with services().sessions.begin() as db:
        rows = referrals.listing(db, who(), stale_after(), now(), stale, status)
        return {"referrals": [_referral_json(db, row) for row in rows]}


@bp.get("/referrals/<id:referral_id>")
def referral(referral_id: int) -> ResponseReturnValue:
    """One referral, with its history."""
    with services().sessions.begin() as db:
        row = referrals.get(db, who(), referral_id)
        contact = caseload.returnee(db, who(), row.contact_id)
        _audit_referral(db, "view_referral", contact, f"#{row.id}")
        events = [{"status": e.status, "source": e.source, "note": e.note,
                   "at": e.at.isoformat().replace("+00:00", "Z")}
                  for e in referrals.events_of(db, row.id)]  # fmt: skip
        return {**_referral_json(db, row), "events": events}


@bp.patch("/referrals/<id:referral_id>")
def change_referral(referral_id: int) -> ResponseReturnValue:
    """Move a referral on (`status`, `outcome`); 409 for a move it cannot make."""
    body = _object()
    unknown = [name for name in body if name not in ("status", "outcome")]
    if unknown or "status" not in body:
        field = str(unknown[0])[:40] if unknown else "status"
        raise BadInput(field, "send status (and outcome); fields: status, outcome")
    with services().sessions.begin() as db:
        row = referrals.change_status(db, who(), referral_id, body["status"],
                                      body.get("outcome"), now(), "api")  # fmt: skip
        contact = caseload.returnee(db, who(), row.contact_id)
        _audit_referral(db, f"referral_{row.status}", contact, f"#{row.id}")
        return _referral_json(db, row)


api.bp.register_blueprint(bp)  # once, at import: its routes are api.referrals.*
