"""Twilio webhooks: inbound SMS and WhatsApp (one handler) and delivery status callbacks.

HTTP only: reading Twilio's wire format is the channel adapter's job
(bot/messaging/channels/twilio.py)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, request

from bot.conversations import inbound
from bot.logs import get_logger
from bot.messaging.channels import twilio
from dashboard.auth import now
from webhooks.deps import services

bp = Blueprint("twilio", __name__, url_prefix="/twilio")
log = get_logger("webhooks")


def signed(view: Callable[..., Any]) -> Callable[..., Any]:
    """Reject (403) anything not signed by Twilio with our auth token, before reading it."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = services().settings.twilio_auth_token
        signature = request.headers.get("X-Twilio-Signature", "")
        if not token or not signature:
            abort(403, "missing or unusable X-Twilio-Signature")
        if not twilio.signature_valid(token, _public_url(), request.form, signature):
            log.warning("webhook.bad_signature", path=request.path)
            abort(403, "X-Twilio-Signature does not match")
        return view(*args, **kwargs)

    return wrapper


def _public_url() -> str:
    """The URL Twilio called: PUBLIC_BASE_URL + path when set, else what ProxyFix saw."""
    base = services().settings.public_base_url
    if base:
        query = request.query_string.decode()
        return f"{base}{request.path}" + (f"?{query}" if query else "")
    return request.url


@bp.post("/messages")
@signed
def messages() -> Response:
    """Store the message first, answer through the outbox, acknowledge with empty TwiML."""
    try:
        message = twilio.parse_inbound(request.form)
    except twilio.BadRequest as error:
        abort(400, str(error))
    accepted = inbound.receive(services().desk, message, now(), services().nlu)
    log.info("webhook.inbound", channel=message.channel, duplicate=accepted.duplicate,
             inbound_id=accepted.inbound_id, number=message.from_e164)  # fmt: skip
    return Response(twilio.EMPTY_TWIML, mimetype="text/xml")


@bp.post("/status")
@signed
def status() -> Response:
    """Record one step of a message's delivery lifecycle (an empty callback is ignored)."""
    try:
        update = twilio.parse_status(request.form, request.args.get("m", ""))
    except twilio.BadRequest as error:
        abort(400, str(error))
    if update is None:
        return Response("", status=200)  # nothing to record, as Twilio's peers answer
    known = inbound.record_status(services().desk, update, now())
    log.info("webhook.status", sid=update.message_sid, status=update.status, known=known)
    return Response("", status=204)
