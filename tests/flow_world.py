"""The world the pure flow tests run in: the real content and a fixed, injected `now`."""

from datetime import UTC, datetime

from bot.content import load_catalogue
from flows.conversation import Context, Policy

CATALOGUE = load_catalogue(default="JM")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Kingston
POLICY = Policy()
CTX = Context(CATALOGUE, NOW)
JM = CATALOGUE.countries["JM"]
