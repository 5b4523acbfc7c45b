"""The JSON API for partner systems (`/api/v1`): bearer tokens, the same office scoping."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
