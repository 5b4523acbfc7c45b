"""The official twilio SDK client, optionally pointed at another API base (a local fake)."""

import re
from typing import Any

from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

TWILIO_DEFAULT_BASE = "https://api.twilio.com"
_TWILIO_HOST = re.compile(r"^https://[a-z0-9.-]+\.twilio\.com")


class RebasingHttpClient(TwilioHttpClient):  # type: ignore[misc]
    """Sends every `*.twilio.com` request to `base_url` instead (staging, tests, demos)."""

    def __init__(self, base_url: str, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.base_url = base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        """Rewrite the host, keep the path, and make the request with the SDK's client."""
        return super().request(method, _TWILIO_HOST.sub(self.base_url, url), *args, **kwargs)


def make_twilio_client(
    account_sid: str, auth_token: str, base_url: str = TWILIO_DEFAULT_BASE, timeout: float = 10.0
) -> Client:
    """A real twilio `Client`; with a non-default base URL its requests go there."""
    if base_url.rstrip("/") == TWILIO_DEFAULT_BASE:
        http_client = TwilioHttpClient(timeout=timeout)
    else:
        http_client = RebasingHttpClient(base_url, timeout)
    return Client(account_sid, auth_token, http_client=http_client)
