"""The local phone simulator: text the service as a returnee, over the demo channel only."""

import uuid

from flask import Blueprint, abort, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from bot.conversations import inbound, threads
from bot.demo import DEMO_CASEWORKERS, DEMO_RETURNEES
from bot.messaging.channels.twilio import MAX_BODY_CHARS
from bot.messaging.ports import Inbound
from bot.phones import Address, InvalidNumber, parse_address
from bot.schedule.checkins import ask_checkin
from dashboard.auth import now
from storage import casework_repo as cases
from storage import repositories as repo
from webhooks.deps import services

bp = Blueprint("simulator", __name__, url_prefix="/simulator")

# (number, label): onboarded returnees, new numbers (onboarding), and caseworkers (ACK, DONE).
DEMO_NUMBERS = [
    *[(p.e164, f"Returnee {p.name} ({p.country})") for p in DEMO_RETURNEES],
    ("+18765550177", "New number, Jamaica (try code JM2026)"),
    ("+50937000177", "New number, Haiti"),
    ("+18095550177", "New number, Dominican Republic"),
    ("+12465550177", "New number, Barbados"),
    ("+13055550177", "New number, a US SIM"),
    *[(p.phone, f"Caseworker {p.name} ({p.office}, {p.role})") for p in DEMO_CASEWORKERS],
]


@bp.get("/")
def page() -> ResponseReturnValue:
    """The simulator page."""
    return render_template("simulator.html", numbers=DEMO_NUMBERS)


@bp.post("/api/messages")
def send() -> ResponseReturnValue:
    """Take a message typed in the simulator exactly as if it came from Twilio."""
    data = request.get_json(silent=True) or {}
    body = str(data.get("body", ""))
    channel = data.get("channel", "sms")
    if channel not in ("sms", "whatsapp"):
        abort(400, "channel must be sms or whatsapp")
    if not body.strip() or len(body) > MAX_BODY_CHARS:
        abort(400, f"body must have 1 to {MAX_BODY_CHARS} characters")
    address = _address(str(data.get("from", "")))
    message = Inbound(
        message_sid="SM" + uuid.uuid4().hex, channel=channel, from_e164=address.e164,
        to_address="simulator", body=body,
        profile_name="Simulator" if channel == "whatsapp" else None,
    )  # fmt: skip
    accepted = inbound.receive(services().desk, message, now(), services().nlu)
    return jsonify(inbound_id=accepted.inbound_id), 202


@bp.get("/api/thread")
def thread() -> ResponseReturnValue:
    """Every message to and from one number, with delivery states."""
    address = _address(request.args.get("from", ""))
    items = threads.thread(services().sessions, address.e164)
    return jsonify(
        number=address.e164,
        messages=[
            {
                "direction": i.direction,
                "channel": i.channel,
                "body": i.body,
                "at": i.at.isoformat(),
                "status": i.status,
            }
            for i in items
        ],
    )


@bp.post("/api/checkin")
def checkin() -> ResponseReturnValue:
    """Ask the monthly check-in now (the scheduler does this in production)."""
    address = _address(str((request.get_json(silent=True) or {}).get("from", "")))
    moment = now()
    with services().sessions.begin() as session:
        number = repo.find_number(session, address.e164)
        contact_id = number.contact_id if number else None
    if contact_id is None:
        abort(404, "no returnee with this number yet: text the service first")
    key = f"checkin:simulator:{contact_id}:{moment:%Y%m%d%H%M%S}"
    if not ask_checkin(services().desk, contact_id, key, moment):
        abort(409, "no check-in: the returnee has not consented, opted out or is with a caseworker")
    return jsonify(asked=True), 202


@bp.get("/api/alerts")
def alerts() -> ResponseReturnValue:
    """Open alerts and the latest alert emails (the demo mailbox)."""
    with services().sessions.begin() as session:
        open_alerts = [
            {"code": a.code, "kind": a.kind, "status": a.status, "number": a.e164,
             "reason": a.reason, "escalated": a.escalated_at is not None}
            for a in cases.alerts(session)[:20]
        ]  # fmt: skip
        emails = [
            {"to": e.to_address, "subject": e.subject, "body": e.body, "state": e.dispatch_state}
            for e in cases.latest_emails(session, 10)
        ]
    return jsonify(alerts=open_alerts, emails=emails)


def _address(raw: str) -> Address:
    try:
        return parse_address(raw)
    except InvalidNumber:
        abort(400, "from must be a phone number like +18765550101")
