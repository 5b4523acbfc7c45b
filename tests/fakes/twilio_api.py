"""A fake Twilio REST API (the Messages resource of API 2010-04-01) served on 127.0.0.1.

Point the real twilio SDK at it with
`bot.twilio_client.make_twilio_client(fake.account_sid, fake.auth_token, fake.base_url)`.
Tests in the same process script it (`script`, `block_number`) and inspect it (`messages`,
`attempts`); other processes use `GET /_fake/messages`, `POST /_fake/reset`,
`POST /_fake/script` and `POST /_fake/block`. `python tests/fakes/twilio_api.py --port N`
serves it standalone (for benchmarks) and prints its base URL.
"""

from __future__ import annotations

import argparse
import json
import math
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http import HTTPStatus
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

DEFAULT_ACCOUNT_SID = "AC" + "0" * 31 + "1"
DEFAULT_AUTH_TOKEN = "fake-auth-token"
SERVICE_SENDER = "+15005550006"
API_PREFIX = "/2010-04-01"
DEFAULT_PAGE_SIZE = 50

_ERROR_MESSAGES: dict[int, str] = {
    20001: "Invalid parameter",
    20003: "Authenticate",
    20004: "Method not allowed",
    20404: "The requested resource was not found",
    20429: "Too Many Requests",
    20500: "An internal server error has occurred",
    20503: "Service unavailable",
    21602: "Message body is required.",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21610: "Attempt to send to unsubscribed recipient",
    21617: "The concatenated message body exceeds the 1600 character limit",
    21655: "The ContentSid is Invalid",
    21656: "The ContentVariables Parameter is invalid",
}
MAX_BODY = 1600
_DEFAULT_CODES = {
    400: 20001,
    401: 20003,
    404: 20404,
    405: 20004,
    429: 20429,
    500: 20500,
    503: 20503,
}
_PHRASES = {status.value: status.phrase for status in HTTPStatus}
_DATE_FILTERS = {"DateSent": "=", "DateSent>": ">", "DateSent<": "<"}
_PAGING_PARAMS = ("Page", "PageSize", "PageToken")
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")

AcceptedMessage = TypedDict(
    "AcceptedMessage",
    {
        "sid": str,
        "account_sid": str,
        "to": str,
        "from": str,
        "body": str,
        "messaging_service_sid": str | None,
        "status_callback": str | None,
        "content_sid": str | None,
        "content_variables": str | None,
        "media_urls": list[str],
        "created_at": datetime,
        "params": dict[str, str],
    },
)

Form = MultiDict[str, str]
DateBound = tuple[str, date]


@dataclass(frozen=True)
class Outcome:
    """How the fake answers one create call: accept (2xx) or a Twilio error, maybe late."""

    status: int = 201
    code: int | None = None
    message: str = ""
    delay_before: float = 0.0
    accept_then_delay: float = 0.0

    @property
    def accepts(self) -> bool:
        """Whether this outcome accepts the message."""
        return 200 <= self.status < 300


def twilio_error(status: int, code: int | None = None, message: str = "") -> dict[str, Any]:
    """The JSON body Twilio sends with an error response."""
    code = code if code is not None else _DEFAULT_CODES.get(status, status)
    text = message or _ERROR_MESSAGES.get(code) or _PHRASES.get(status, "Error")
    more_info = f"https://www.twilio.com/docs/errors/{code}"
    return {"code": code, "message": text, "more_info": more_info, "status": status}


def num_segments(body: str) -> int:
    """How many SMS segments Twilio counts for `body` (GSM-7 if possible, else UCS-2)."""
    if all(char in _GSM_BASIC or char in _GSM_EXTENDED for char in body):
        units = len(body) + sum(char in _GSM_EXTENDED for char in body)
        single, multi = 160, 153
    else:
        units, single, multi = len(body.encode("utf-16-le")) // 2, 70, 67
    return 1 if units <= single else math.ceil(units / multi)


def rfc2822(moment: datetime) -> str:
    """A datetime as Twilio writes it: 'Mon, 23 Nov 2026 05:00:00 +0000'."""
    return format_datetime(moment.astimezone(UTC))


def bare_number(number: str) -> str:
    """A number without its channel prefix ('whatsapp:+1...' -> '+1...')."""
    return number.strip().removeprefix("whatsapp:")


def message_resource(message: AcceptedMessage) -> dict[str, Any]:
    """The Twilio Message JSON for an accepted message."""
    uri = f"{API_PREFIX}/Accounts/{message['account_sid']}/Messages/{message['sid']}"
    when = rfc2822(message["created_at"])
    return {
        "account_sid": message["account_sid"],
        "api_version": "2010-04-01",
        "body": message["body"],
        "date_created": when,
        "date_sent": when,
        "date_updated": when,
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": message["from"],
        "messaging_service_sid": message["messaging_service_sid"],
        "num_media": str(len(message["media_urls"])),
        "num_segments": str(num_segments(message["body"])),
        "price": None,
        "price_unit": "USD",
        "sid": message["sid"],
        "status": "queued",
        "subresource_uris": {"media": f"{uri}/Media.json", "feedback": f"{uri}/Feedback.json"},
        "to": message["to"],
        "uri": f"{uri}.json",
    }


def inspection_view(message: AcceptedMessage) -> dict[str, Any]:
    """The JSON shape of an accepted message on `GET /_fake/messages`."""
    return {
        "sid": message["sid"],
        "to": message["to"],
        "from": message["from"],
        "body": message["body"],
        "status_callback": message["status_callback"],
        "messaging_service_sid": message["messaging_service_sid"],
        "content_sid": message["content_sid"],
        "content_variables": message["content_variables"],
        "created_at": message["created_at"].isoformat(),
    }


def _sender_for(form: Form) -> str:
    """The From of a message; a messaging service sends from a fixed number."""
    if form.get("From"):
        return form["From"]
    prefix = "whatsapp:" if form["To"].startswith("whatsapp:") else ""
    return prefix + SERVICE_SENDER


def _accepted(form: Form, account_sid: str) -> AcceptedMessage:
    """The record of a message accepted from the create form."""
    return {
        "sid": "SM" + uuid.uuid4().hex,
        "account_sid": account_sid,
        "to": form["To"],
        "from": _sender_for(form),
        "body": form.get("Body", ""),
        "messaging_service_sid": form.get("MessagingServiceSid"),
        "status_callback": form.get("StatusCallback"),
        "content_sid": form.get("ContentSid"),
        "content_variables": form.get("ContentVariables"),
        "media_urls": form.getlist("MediaUrl"),
        "created_at": datetime.now(UTC),
        "params": form.to_dict(),
    }


def _invalid_create(form: Form, templates: dict[str, int]) -> tuple[int, int] | None:
    """(status, code) of the Twilio error for a malformed create form, or None: what real
    Twilio refuses, including a body over 1,600 characters, a ContentSid that is not an
    approved template, and a template variable left empty."""
    if not form.get("To"):
        return 400, 21604
    if not (form.get("From") or form.get("MessagingServiceSid")):
        return 400, 21603
    if not (form.get("Body") or form.get("MediaUrl") or form.get("ContentSid")):
        return 400, 21602
    if len(form.get("Body", "")) > MAX_BODY:
        return 400, 21617
    if form.get("ContentSid"):
        return _invalid_template(form["ContentSid"], form.get("ContentVariables"), templates)
    return None


def _invalid_template(
    sid: str, variables: str | None, templates: dict[str, int]
) -> tuple[int, int] | None:
    """21655 for an unknown template, 21656 for variables that are not all filled in."""
    if sid not in templates:
        return 400, 21655
    try:
        values = json.loads(variables or "{}")
    except ValueError:
        return 400, 21656
    if not isinstance(values, dict) or any(not str(v).strip() for v in values.values()):
        return 400, 21656
    if any(str(n) not in values for n in range(1, templates[sid] + 1)):
        return 400, 21656
    return None


def parse_date_filter(raw: str) -> date:
    """A Twilio date filter value: a UTC day ('2026-11-23') or an instant (naive = UTC)."""
    text = raw.strip()
    if len(text) == 10:
        return date.fromisoformat(text)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _date_bounds(args: Form) -> list[DateBound]:
    """The (operator, bound) pairs of the DateSent filters in a list query."""
    return [(op, parse_date_filter(args[key])) for key, op in _DATE_FILTERS.items() if key in args]


def sent_matches(sent: datetime, op: str, bound: date) -> bool:
    """Whether `sent` passes one DateSent filter.

    `>` and `<` are inclusive (Twilio's `>=`/`<=`) and compare instants to the second, or days
    for date-only values; `=` always compares UTC days (the SDK sends a `date` as midnight).
    """
    if op == "=":
        return sent.date() == (
            bound.astimezone(UTC).date() if isinstance(bound, datetime) else bound
        )
    left: date = sent.replace(microsecond=0) if isinstance(bound, datetime) else sent.date()
    return left >= bound if op == ">" else left <= bound


def _matches(message: AcceptedMessage, args: Form, bounds: list[DateBound]) -> bool:
    """Whether a message passes the To, From and DateSent filters of a list query."""
    if "To" in args and message["to"] != args["To"]:
        return False
    if "From" in args and message["from"] != args["From"]:
        return False
    return all(sent_matches(message["created_at"], op, bound) for op, bound in bounds)


def _page_uri(path: str, query: dict[str, str], size: int, page: int) -> str:
    """The URI of one page of a list query."""
    return f"{path}?{urlencode({**query, 'PageSize': size, 'Page': page})}"


def list_page(records: list[dict[str, Any]], args: Form, path: str) -> dict[str, Any]:
    """One page of Messages in Twilio's list JSON shape."""
    size = min(max(int(args.get("PageSize", DEFAULT_PAGE_SIZE)), 1), 1000)
    page = max(int(args.get("Page", 0)), 0)
    start = page * size
    chunk = records[start : start + size]
    query = {key: value for key, value in args.items() if key not in _PAGING_PARAMS}
    more = start + size < len(records)
    return {
        "messages": chunk,
        "page": page,
        "page_size": size,
        "start": start,
        "end": start + max(len(chunk) - 1, 0),
        "first_page_uri": _page_uri(path, query, size, 0),
        "previous_page_uri": _page_uri(path, query, size, page - 1) if page else None,
        "next_page_uri": _page_uri(path, query, size, page + 1) if more else None,
        "uri": _page_uri(path, query, size, page),
    }


def _json(payload: Any, status: int = 200) -> Response:
    """A JSON response."""
    return Response(json.dumps(payload), status=status, mimetype="application/json")


def _error(status: int, code: int | None = None, message: str = "") -> Response:
    """A Twilio error response."""
    response = _json(twilio_error(status, code, message), status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'
    return response


class _QuietHandler(WSGIRequestHandler):
    """Request handler that does not log every request (errors are still logged)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Skip the access log line."""


_MESSAGES_PATH = f"{API_PREFIX}/Accounts/<account>/Messages"
_URLS = Map(
    [
        Rule(f"{_MESSAGES_PATH}.json", methods=["POST"], endpoint="create"),
        Rule(f"{_MESSAGES_PATH}.json", methods=["GET"], endpoint="list"),
        Rule(f"{_MESSAGES_PATH}/<sid>.json", methods=["GET"], endpoint="fetch"),
        Rule("/_fake/messages", methods=["GET"], endpoint="fake_messages"),
        Rule("/_fake/reset", methods=["POST"], endpoint="fake_reset"),
        Rule("/_fake/script", methods=["POST"], endpoint="fake_script"),
        Rule("/_fake/block", methods=["POST"], endpoint="fake_block"),
        Rule("/_fake/template", methods=["POST"], endpoint="fake_template"),
    ]
)


class FakeTwilio:
    """A fake Twilio Messages API on 127.0.0.1, scriptable by the test that runs it."""

    def __init__(
        self, account_sid: str = DEFAULT_ACCOUNT_SID, auth_token: str = DEFAULT_AUTH_TOKEN
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self._changed = threading.Condition()
        self._messages: list[AcceptedMessage] = []
        self._script: deque[Outcome] = deque()
        self._blocked: set[str] = set()
        self._templates: dict[str, int] = {}  # approved ContentSid -> its variable count
        self._attempts = 0
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Callable[..., Response]] = {
            "create": self._on_create,
            "list": self._on_list,
            "fetch": self._on_fetch,
            "fake_messages": self._on_fake_messages,
            "fake_reset": self._on_fake_reset,
            "fake_script": self._on_fake_script,
            "fake_block": self._on_fake_block,
            "fake_template": self._on_fake_template,
        }

    # -- lifecycle ---------------------------------------------------------------------

    def start(self, port: int = 0) -> FakeTwilio:
        """Serve on 127.0.0.1 (an ephemeral port by default) in a daemon thread."""
        if self._server is None:
            self._server = make_server(
                "127.0.0.1", port, self, threaded=True, request_handler=_QuietHandler
            )
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="fake-twilio",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (requests still in flight are abandoned)."""
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        """The API base URL, e.g. 'http://127.0.0.1:PORT'."""
        if self._server is None:
            raise RuntimeError("FakeTwilio is not started")
        return f"http://127.0.0.1:{self._server.port}"

    def __enter__(self) -> FakeTwilio:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- scripting and inspection ------------------------------------------------------

    def script(self, *outcomes: Outcome) -> None:
        """Queue outcomes for the next authenticated create calls, one each, in order."""
        with self._changed:
            self._script.extend(outcomes)

    def block_number(self, e164: str) -> None:
        """Refuse every later create to this number (any channel prefix) with code 21610."""
        with self._changed:
            self._blocked.add(bare_number(e164))

    def approve_template(self, content_sid: str, variables: int = 1) -> None:
        """Make `content_sid` an approved WhatsApp template with variables {{1}}..{{n}}."""
        with self._changed:
            self._templates[content_sid] = variables

    @property
    def messages(self) -> list[AcceptedMessage]:
        """A snapshot of the accepted messages, oldest first."""
        with self._changed:
            return [message.copy() for message in self._messages]

    @property
    def attempts(self) -> int:
        """How many create requests arrived (accepted or not, authenticated or not)."""
        with self._changed:
            return self._attempts

    def reset(self) -> None:
        """Forget messages, attempts, scripted outcomes and blocked numbers."""
        with self._changed:
            self._messages.clear()
            self._script.clear()
            self._blocked.clear()
            self._templates.clear()
            self._attempts = 0

    def wait_for_messages(self, count: int, timeout: float = 5.0) -> list[AcceptedMessage]:
        """Wait until at least `count` messages were accepted; raise TimeoutError otherwise."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._messages) >= count, timeout):
                raise TimeoutError(f"{len(self._messages)} of {count} messages after {timeout}s")
        return self.messages

    # -- WSGI ----------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """The WSGI entry point."""
        return self._dispatch(Request(environ))(environ, start_response)

    def _dispatch(self, request: Request) -> Response:
        """Route a request to its handler; unknown routes get Twilio error JSON."""
        try:
            endpoint, values = _URLS.bind_to_environ(request.environ).match()
        except HTTPException as exc:
            status = exc.code or 404
            text = f"The requested resource {request.path} was not found" if status == 404 else ""
            return _error(status, None, text)
        return self._handlers[str(endpoint)](request, **values)

    def _authorized(self, request: Request, account: str) -> bool:
        """Whether the request has this account's basic auth and path AccountSid."""
        auth = request.authorization
        return (
            auth is not None
            and auth.type == "basic"
            and auth.username == self.account_sid
            and auth.password == self.auth_token
            and account == self.account_sid
        )

    def _next_outcome(self) -> Outcome:
        """The next scripted outcome, or a plain acceptance."""
        with self._changed:
            return self._script.popleft() if self._script else Outcome()

    def _refusal(self, form: Form) -> Response | None:
        """The error response for an invalid create or a blocked recipient, if any."""
        with self._changed:
            templates = dict(self._templates)
        problem = _invalid_create(form, templates)
        if problem is None:
            with self._changed:
                blocked = bare_number(form["To"]) in self._blocked
            problem = (400, 21610) if blocked else None
        return None if problem is None else _error(*problem)

    def _record(self, message: AcceptedMessage) -> None:
        """Store an accepted message and wake up waiters."""
        with self._changed:
            self._messages.append(message)
            self._changed.notify_all()

    def _on_create(self, request: Request, account: str) -> Response:
        """POST Messages.json: send a message."""
        with self._changed:
            self._attempts += 1
        if not self._authorized(request, account):
            return _error(401, 20003)
        outcome = self._next_outcome()
        time.sleep(outcome.delay_before)
        if not outcome.accepts:
            return _error(outcome.status, outcome.code, outcome.message)
        refusal = self._refusal(request.form)
        if refusal is not None:
            return refusal
        message = _accepted(request.form, account)
        self._record(message)
        time.sleep(outcome.accept_then_delay)
        return _json(message_resource(message), outcome.status)

    def _on_list(self, request: Request, account: str) -> Response:
        """GET Messages.json: list messages, newest first, filtered like Twilio."""
        if not self._authorized(request, account):
            return _error(401, 20003)
        try:
            bounds = _date_bounds(request.args)
            found = [m for m in self.messages if _matches(m, request.args, bounds)]
            records = [message_resource(m) for m in reversed(found)]
            return _json(list_page(records, request.args, request.path))
        except ValueError as exc:
            return _error(400, 20001, f"Invalid list parameter: {exc}")

    def _on_fetch(self, request: Request, account: str, sid: str) -> Response:
        """GET Messages/{Sid}.json: one message or 404."""
        if not self._authorized(request, account):
            return _error(401, 20003)
        for message in self.messages:
            if message["sid"] == sid:
                return _json(message_resource(message))
        return _error(404, 20404, f"The requested resource {request.path} was not found")

    def _on_fake_messages(self, request: Request) -> Response:
        """GET /_fake/messages: the accepted messages, oldest first."""
        return _json([inspection_view(message) for message in self.messages])

    def _on_fake_reset(self, request: Request) -> Response:
        """POST /_fake/reset: forget everything."""
        self.reset()
        return _json({"reset": True})

    def _on_fake_script(self, request: Request) -> Response:
        """POST /_fake/script with a JSON list of Outcome fields: queue outcomes."""
        outcomes = [Outcome(**fields) for fields in request.get_json(force=True)]
        self.script(*outcomes)
        return _json({"scripted": len(outcomes)})

    def _on_fake_template(self, request: Request) -> Response:
        """POST /_fake/template with JSON {"sid": "HX...", "variables": 1}: approve it."""
        fields = request.get_json(force=True)
        self.approve_template(str(fields["sid"]), int(fields.get("variables", 1)))
        return _json({"approved": True})

    def _on_fake_block(self, request: Request) -> Response:
        """POST /_fake/block with JSON {"number": "+1..."}: block a number."""
        self.block_number(str(request.get_json(force=True)["number"]))
        return _json({"blocked": True})


def main(argv: list[str] | None = None) -> None:
    """Serve a fake Twilio until interrupted and print its base URL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--account-sid", default=DEFAULT_ACCOUNT_SID)
    parser.add_argument("--auth-token", default=DEFAULT_AUTH_TOKEN)
    args = parser.parse_args(argv)
    with FakeTwilio(args.account_sid, args.auth_token).start(args.port) as fake:
        print(fake.base_url, flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
