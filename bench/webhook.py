"""Signed inbound webhooks fired at a running web process by client threads."""

import threading
import time
from collections import Counter
from dataclasses import dataclass

import requests

from bench.stats import LoadRun
from tests.helpers import PUBLIC_BASE_URL, inbound_form, sign

WEBHOOK_PATH = "/twilio/messages"
REQUEST_TIMEOUT = 30.0
LOAD_TIMEOUT = 150.0  # a whole load run never takes longer than this


@dataclass(frozen=True)
class SignedRequest:
    """One inbound message form and its X-Twilio-Signature."""

    form: dict[str, str]
    signature: str


class LoadResult(LoadRun):
    """What the webhook clients saw; the outcome is the HTTP status."""

    OK = "200"
    NOUN = "requests"
    OUTCOMES = "statuses"

    @property
    def statuses(self) -> Counter[str]:
        """Requests by HTTP status (or exception name)."""
        return self.outcomes


def number(index: int) -> str:
    """A distinct Jamaican mobile-style number for sender `index` (0-8999)."""
    return f"+1876555{1000 + index:04d}"


def signed_requests(
    token: str, batch: int, count: int, senders: int, first_sender: int = 0
) -> list[SignedRequest]:
    """`count` signed "hello" messages with distinct MessageSids, round-robin over senders."""
    url = f"{PUBLIC_BASE_URL}{WEBHOOK_PATH}"
    made = []
    for index in range(count):
        sid = f"SM{batch:04x}{index:028x}"
        form = inbound_form(sid, "hello", sender=number(first_sender + index % senders))
        made.append(SignedRequest(form, sign(token, url, form)))
    return made


def fire(base_url: str, requests_: list[SignedRequest], concurrency: int) -> LoadResult:
    """Post every request using `concurrency` threads, one requests.Session each."""
    result = LoadResult(planned=len(requests_))
    lock = threading.Lock()
    start = threading.Barrier(concurrency + 1)
    deadline = time.perf_counter() + LOAD_TIMEOUT
    shares = [requests_[offset::concurrency] for offset in range(concurrency)]
    threads = [
        threading.Thread(
            target=_client, args=(base_url, share, start, deadline, result, lock), daemon=True
        )
        for share in shares
    ]
    for thread in threads:
        thread.start()
    start.wait(timeout=30)
    began = time.perf_counter()
    for thread in threads:
        thread.join(max(0.0, deadline + REQUEST_TIMEOUT - time.perf_counter()))
    result.wall_seconds = time.perf_counter() - began
    with lock:
        return LoadResult(
            result.planned, list(result.latencies), Counter(result.statuses), result.wall_seconds
        )


def _client(
    base_url: str,
    share: list[SignedRequest],
    start: threading.Barrier,
    deadline: float,
    result: LoadResult,
    lock: threading.Lock,
) -> None:
    """One client thread: post its share sequentially over one keep-alive session."""
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    with requests.Session() as session:
        start.wait(timeout=30)
        for item in share:
            if time.perf_counter() > deadline:
                break
            began = time.perf_counter()
            statuses[_post(session, base_url, item)] += 1
            latencies.append(time.perf_counter() - began)
    with lock:
        result.latencies.extend(latencies)
        result.statuses.update(statuses)


def _post(session: requests.Session, base_url: str, item: SignedRequest) -> str:
    """Post one webhook; its status code, or the exception's name."""
    try:
        response = session.post(
            f"{base_url}{WEBHOOK_PATH}",
            data=item.form,
            headers={"X-Twilio-Signature": item.signature},
            timeout=REQUEST_TIMEOUT,
        )
    except requests.RequestException as error:
        return type(error).__name__
    return str(response.status_code)
