"""The Flask application factory."""

import os
import secrets
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, render_template, request
from flask_babel import Babel  # type: ignore[import-untyped]
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.bootstrap import Services, bootstrap
from bot.config import DEMO_SECRET_KEY, Settings, load_settings
from bot.logs import configure_logging
from dashboard import (
    api,
    api_plans,
    api_regional,
    auth,
    erasure_pages,
    filters,
    intake,
    pages,
    plans,
    referral_pages,
    report_pages,
)
from webhooks import health, simulator, twilio

MAX_REQUEST_BYTES = 64 * 1024
# The dashboard and the API: no framing, no sniffing, scripts and styles from the site only.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # Flask-WTF checks the Referer of forms over https
}
OWN_HEADERS = ("/twilio/", "/simulator/")  # Twilio's webhooks and the demo's simulator page


def create_app(
    services: Services | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the web app; with no `services`, read settings from the environment."""
    if services is None:
        configure_logging(os.environ.get("LOG_LEVEL", "INFO"))
        services = bootstrap(load_settings())
    instance = _instance_folder(services.settings)
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=_secret_key(services.settings, instance),
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
    app.url_map.converters["id"] = auth.RecordId
    # The dashboard in the signed-in caseworker's language (English, Spanish or French).
    Babel(app, locale_selector=auth.select_locale,
          default_translation_directories=str(auth.TRANSLATIONS))  # fmt: skip
    _register_blueprints(app, services)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _plain_error)
    app.register_error_handler(OperationalError, _database_down)
    return app


def _register_blueprints(app: Flask, services: Services) -> None:
    app.before_request(intake.allow_large_import)  # before CSRFProtect reads the form
    csrf = CSRFProtect(app)  # every form post of the dashboard carries the session's token
    app.register_blueprint(health.bp)
    app.register_blueprint(csrf.exempt(twilio.bp))  # signed by Twilio instead
    app.register_blueprint(auth.bp)
    filters.install(app)
    app.register_blueprint(pages.bp)  # with the routes of dashboard.intake
    app.register_blueprint(csrf.exempt(api.bp))  # bearer tokens, no cookies
    app.register_blueprint(plans.bp)  # the returnee page's plan and surveys
    app.register_blueprint(csrf.exempt(api_plans.bp))  # the plan's API, bearer tokens
    app.register_blueprint(csrf.exempt(api_regional.bp))  # regional dataset and demographics
    app.register_blueprint(referral_pages.bp)  # partners and referrals (API: api_referrals)
    csrf.exempt(referral_pages.API)  # the partner and referral API, nested in api.bp
    app.register_blueprint(erasure_pages.bp)  # erasure on request (supervisors)
    app.register_blueprint(report_pages.bp)  # the monthly report (API: api_monthly)
    csrf.exempt(report_pages.API)  # the report's API, nested in api.bp
    if services.settings.demo_channel:
        # Never in production: it would let anyone write as any returnee.
        app.register_blueprint(csrf.exempt(simulator.bp))


def _instance_folder(settings: Settings) -> Path:
    """The instance folder of the settings (RETURNEE_INSTANCE_PATH): the demo mailbox's parent."""
    return Path(settings.demo_mail_dir).resolve().parent


def _secret_key(settings: Settings, instance: Path) -> str:
    """The configured key; instead of the demo's public one, a random key of this instance."""
    if settings.secret_key != DEMO_SECRET_KEY:
        return settings.secret_key
    kept = instance / "secret_key"
    if not kept.exists():
        _keep_new_key(kept)
    return kept.read_text(encoding="ascii").strip()


def _keep_new_key(kept: Path) -> None:
    """Write a random key to `kept`, readable by its owner only, unless another process did."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    descriptor, draft = tempfile.mkstemp(dir=kept.parent)  # created with mode 0600
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(secrets.token_urlsafe(48))
    with suppress(FileExistsError):  # two processes starting at once: the first key stays
        os.link(draft, kept)
    os.unlink(draft)


def _security_headers(response: Response) -> Response:
    """No framing, sniffing, inline script or cache (but for Twilio's and the simulator's)."""
    if request.path.startswith(OWN_HEADERS):
        return response
    response.headers.update(SECURITY_HEADERS)
    if request.endpoint != "pages.static":
        response.headers["Cache-Control"] = "no-store"
    return response


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
