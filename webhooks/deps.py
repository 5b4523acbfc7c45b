"""Access to the process's services from a request."""

from flask import current_app

from bot.bootstrap import Services


def services() -> Services:
    """The services built by create_app for this process."""
    found: Services = current_app.extensions["services"]
    return found
