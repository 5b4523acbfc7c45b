"""Twilio webhooks: inbound SMS and WhatsApp (one handler) and delivery status callbacks."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, abort, request
from twilio.request_validator import RequestValidator

from bot.conversations import inbound
from bot.logs import get_logger
from bot.phones import MAX_ADDRESS, InvalidNumber, parse_address
from dashboard.auth import now
from webhooks.deps import services

bp = Blueprint("twilio", __name__, url_prefix="/twilio")
log = get_logger("webhooks")

MAX_BODY_CHARS = 1600  # Twilio's own limit for a message body
PROFILE_NAME_CHARS = 200  # the column's length; WhatsApp names are rarely longer
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
    """Twilio's form -> a channel-neutral inbound message, or BadInbound naming the field.

    Anything that can be stored is stored: NUL bytes (which PostgreSQL refuses) are taken out
    of the text fields and an over-long profile name is cut; only a message we could not
    answer or recognise again (no MessageSid, no sender) is refused."""
    sid = _identifier(form, "MessageSid", 64)
    sender = _identifier(form, "From", MAX_ADDRESS + len("whatsapp:"))
    body = _text(form.get("Body", ""))
    if len(body) > MAX_BODY_CHARS:
        raise BadInbound(f"Body is longer than {MAX_BODY_CHARS} characters")
    try:
        address = parse_address(sender)
    except InvalidNumber:
        raise BadInbound("From is not a phone number or WhatsApp user ID") from None
    wa_id = _text(form.get("WaId", ""))
    return inbound.Inbound(
        message_sid=sid, channel=address.channel, from_e164=address.e164,
        to_address=_text(form.get("To", ""))[:64], body=body,
        num_media=_count(form.get("NumMedia")),
        profile_name=_text(form.get("ProfileName", ""))[:PROFILE_NAME_CHARS] or None,
        wa_id=wa_id if 0 < len(wa_id) <= MAX_ADDRESS else None,
    )  # fmt: skip


def _text(value: str) -> str:
    """Text as it can be stored anywhere: NUL bytes taken out."""
    return value.replace("\x00", "")


def _identifier(form: Any, field: str, limit: int) -> str:
    """A field that identifies the message or its sender: required, no NUL, bounded."""
    value = str(form.get(field, "")).strip()
    if not value:
        raise BadInbound(f"{field} is required")
    if "\x00" in value:
        raise BadInbound(f"{field} contains a NUL byte")
    if len(value) > limit:
        raise BadInbound(f"{field} is longer than {limit} characters")
    return value


def _count(raw: str | None) -> int:
    if raw in (None, ""):
        return 0
    if not raw.isdigit() or int(raw) > 10:
        raise BadInbound("NumMedia must be a whole number from 0 to 10")
    return int(raw)


@bp.post("/status")
@signed
def status() -> Response:
    """Record one step of a message's delivery lifecycle (an empty callback is ignored)."""
    form = request.form
    if not any(form.get(k) for k in ("MessageSid", "MessageStatus", "ErrorCode")):
        return Response("", status=200)  # nothing to record, as Twilio's peers answer
    try:
        sid = _identifier(form, "MessageSid", 64)
    except BadInbound as error:
        abort(400, str(error))
    state = form.get("MessageStatus", "").strip().lower()
    if state not in KNOWN_STATUSES:
        abort(400, "MessageStatus is not a known status")
    code_raw = form.get("ErrorCode", "").strip()
    if code_raw and (not code_raw.isdigit() or len(code_raw) > 6):
        abort(400, "ErrorCode must be a number")
    hint = request.args.get("m", "")
    update = inbound.StatusUpdate(
        sid, state, int(code_raw) if code_raw else None,
        int(hint) if hint.isdigit() and len(hint) < 10 else None, _text(form.get("To", "")),
    )  # fmt: skip
    known = inbound.record_status(services().desk, update, now())
    log.info("webhook.status", sid=sid, status=state, known=known)
    return Response("", status=204)
