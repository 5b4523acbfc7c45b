"""Liveness and readiness."""

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from webhooks.deps import services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """The web process is up."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Every dependency answers: 200, or 503 naming what is down."""
    built = services()
    checks = {"database": "ok" if built.database_ok() else "down", "nlu": built.nlu_state()}
    ready = all(state != "down" for state in checks.values())
    return jsonify(status="ready" if ready else "unavailable", checks=checks), 200 if ready else 503
