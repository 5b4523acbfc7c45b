"""HTTP entry points: Twilio webhooks, health checks and the demo phone simulator."""

from webhooks.app import create_app

__all__ = ["create_app"]
