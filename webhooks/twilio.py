"""Twilio webhooks: inbound SMS and WhatsApp (one handler) and delivery status callbacks."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, request
from twilio.request_validator import RequestValidator

from bot import inbound
from bot.logs import get_logger
from bot.phones import InvalidNumber, parse_address
from dashboard.auth import now
from webhooks.deps import services

bp = Blueprint("twilio", __name__, url_prefix="/twilio")
log = get_logger("webhooks")

MAX_BODY_CHARS = 1600  # Twilio's own limit for a message body
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
KNOWN_STATUSES = {
    "accepted", "scheduled", "queued", "sending", "sent", "delivered", "undelivered",
    "failed", "read", "receiving", "received", "canceled", "partially_delivered",
}  # fmt: skip


class BadInbound(ValueError):
    """The request is not a message we can take; the text says why."""


def signed(view: Callable[..., Any]) -> Callable[..., Any]:
    """Reject (403) anything not signed by Twilio with our auth token, before reading it."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = services().settings.twilio_auth_token
        signature = request.headers.get("X-Twilio-Signature", "")
        if not token or not signature:
            abort(403, "missing or unusable X-Twilio-Signature")
        if not RequestValidator(token).validate(_public_url(), request.form, signature):
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
        message = parse_inbound(request.form)
    except BadInbound as error:
        abort(400, str(error))
    accepted = inbound.receive(services().desk, message, now(), services().nlu)
    log.info("webhook.inbound", channel=message.channel, duplicate=accepted.duplicate,
             inbound_id=accepted.inbound_id, number=message.from_e164)  # fmt: skip
    return Response(EMPTY_TWIML, mimetype="text/xml")


def parse_inbound(form: Any) -> inbound.Inbound:
    """Twilio's form -> a channel-neutral inbound message, or BadInbound saying what is wrong."""
    sid = form.get("MessageSid", "").strip()
    sender = form.get("From", "").strip()
    body = form.get("Body", "")
    if not sid:
        raise BadInbound("MessageSid is required")
    if len(sid) > 64:
        raise BadInbound("MessageSid is too long")
    if not sender:
        raise BadInbound("From is required")
    if len(body) > MAX_BODY_CHARS:
        raise BadInbound(f"Body is longer than {MAX_BODY_CHARS} characters")
    try:
        address = parse_address(sender)
    except InvalidNumber:
        raise BadInbound("From is not a valid phone number") from None
    return inbound.Inbound(
        message_sid=sid, channel=address.channel, from_e164=address.e164,
        to_address=form.get("To", "")[:64], body=body, num_media=_count(form.get("NumMedia")),
        profile_name=(form.get("ProfileName") or None), wa_id=(form.get("WaId") or None),
    )  # fmt: skip


def _count(raw: str | None) -> int:
    if raw in (None, ""):
        return 0
    if not raw.isdigit() or int(raw) > 10:
        raise BadInbound("NumMedia must be a whole number from 0 to 10")
    return int(raw)


@bp.post("/status")
@signed
def status() -> Response:
    """Record one step of a message's delivery lifecycle."""
    sid = request.form.get("MessageSid", "").strip()
    state = request.form.get("MessageStatus", "").strip().lower()
    if not sid or state not in KNOWN_STATUSES:
        abort(400, "MessageSid and a known MessageStatus are required")
    code_raw = request.form.get("ErrorCode", "").strip()
    if code_raw and not code_raw.isdigit():
        abort(400, "ErrorCode must be a number")
    hint = request.args.get("m", "")
    update = inbound.StatusUpdate(
        sid, state, int(code_raw) if code_raw else None, int(hint) if hint.isdigit() else None
    )
    known = inbound.record_status(services().desk, update, now())
    log.info("webhook.status", sid=sid, status=state, known=known)
    return Response("", status=204)
