"""The Flask application factory."""

import os
from typing import Any

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.bootstrap import Services, bootstrap
from bot.config import load_settings
from bot.logs import configure_logging
from dashboard import api, auth, pages
from webhooks import health, simulator, twilio

MAX_REQUEST_BYTES = 64 * 1024


def create_app(
    services: Services | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the web app; with no `services`, read settings from the environment."""
    app = Flask(__name__, instance_relative_config=True)
    if services is None:
        configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
        services = bootstrap(load_settings())
    app.config.from_mapping(
        SECRET_KEY=services.settings.secret_key,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=(services.settings.public_base_url or "").startswith("https://"),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the signed-in session
    )
    if test_config:
        app.config.update(test_config)
    app.extensions["services"] = services
    # One TLS-terminating proxy in front: trust its X-Forwarded-Proto/Host for the URL.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1)  # type: ignore[method-assign]
    _register_blueprints(app, services)
    app.register_error_handler(HTTPException, _plain_error)
    app.register_error_handler(OperationalError, _database_down)
    return app


def _register_blueprints(app: Flask, services: Services) -> None:
    csrf = CSRFProtect(app)  # every form post of the dashboard carries the session's token
    app.register_blueprint(health.bp)
    app.register_blueprint(csrf.exempt(twilio.bp))  # signed by Twilio instead
    app.register_blueprint(auth.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(csrf.exempt(api.bp))  # bearer tokens, no cookies
    if services.settings.demo_channel:
        # Never in production: it would let anyone write as any returnee.
        app.register_blueprint(csrf.exempt(simulator.bp))


def _plain_error(error: HTTPException) -> tuple[str, int, dict[str, str]]:
    """Every HTTP error is a short line, never a traceback; a small page on the dashboard."""
    if request.path.startswith("/dashboard/") and request.accept_mimetypes.accept_html:
        page = render_template("error.html", error=error, who=None)
        return page, error.code or 500, {"Content-Type": "text/html; charset=utf-8"}
    return (
        f"{error.code} {error.name}: {error.description}\n",
        error.code or 500,
        {"Content-Type": "text/plain; charset=utf-8"},
    )


def _database_down(error: OperationalError) -> tuple[str, int, dict[str, str]]:
    """The database is unreachable: 503 so Twilio retries (or uses its fallback URL)."""
    current_app.logger.error("database unavailable: %s", type(error.orig).__name__)
    return (
        "503 Service Unavailable: database unavailable, try again\n",
        503,
        {
            "Content-Type": "text/plain; charset=utf-8",
            "Retry-After": "5",
        },
    )
