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
    checks = {"database": "ok" if services().database_ok() else "down"}
    ready = all(state == "ok" for state in checks.values())
    return jsonify(status="ready" if ready else "unavailable", checks=checks), 200 if ready else 503
