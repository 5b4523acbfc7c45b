"""The local phone simulator: text the service as a returnee, over the demo channel only."""

import uuid

from flask import Blueprint, abort, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from bot import conversations, inbound
from bot.outbox import utcnow
from bot.phones import Address, InvalidNumber, parse_address
from webhooks.deps import services
from webhooks.twilio import MAX_BODY_CHARS

bp = Blueprint("simulator", __name__, url_prefix="/simulator")

DEMO_NUMBERS = [
    ("+18765550101", "Jamaica"),
    ("+5926000101", "Guyana"),
    ("+50937000101", "Haiti"),
    ("+18095550101", "Dominican Republic"),
    ("+18685550101", "Trinidad and Tobago"),
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
    message = inbound.Inbound(
        message_sid="SM" + uuid.uuid4().hex, channel=channel, from_e164=address.e164,
        to_address="simulator", body=body,
        profile_name="Simulator" if channel == "whatsapp" else None,
    )  # fmt: skip
    accepted = inbound.receive(services().sessions, message, utcnow(), services().nlu)
    return jsonify(inbound_id=accepted.inbound_id), 202


@bp.get("/api/thread")
def thread() -> ResponseReturnValue:
    """Every message to and from one number, with delivery states."""
    address = _address(request.args.get("from", ""))
    items = conversations.thread(services().sessions, address.e164)
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


def _address(raw: str) -> Address:
    try:
        return parse_address(raw)
    except InvalidNumber:
        abort(400, "from must be a phone number like +18765550101")
