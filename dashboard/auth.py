"""Signing in and out, the signed-in caseworker of a request, and the ids and fields it may hold."""

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.routing import IntegerConverter

from bot.bootstrap import Services
from bot.casework.staff import StaffMember, audit, authenticate, end_sessions, member
from bot.clock import utcnow
from dashboard.views import N_
from storage.casework import Caseworker

bp = Blueprint("auth", __name__, url_prefix="/dashboard", template_folder="templates")
SESSION_HOURS = 8
LARGEST_ID = 2_147_483_647  # PostgreSQL's integer: a larger id cannot exist
# The numbers 1 to LARGEST_ID, written out: a larger id matches no route at all, so it is not
# found like any unknown path (the API's catch-all answers it, after the token check).
ID_PATTERN = (r"(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}"
              r"|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d"
              r"|214748364[0-7])")  # fmt: skip
# The one answer to every refused sign-in: it never says whether the email exists or is locked
# (the page adds, always, that repeated failures lock an account).
LOGIN_REFUSED = N_("Wrong email or password.")
View = TypeVar("View", bound=Callable[..., Any])
# The dashboard's catalogs (dashboard/translations/<language>/LC_MESSAGES/messages.po, compiled
# to .mo by `make translations`), and the languages its pages are written in.
TRANSLATIONS = Path(__file__).with_name("translations")
PAGE_LANGUAGES = ("en", "es", "fr")


class RecordId(IntegerConverter):
    """`<id:name>` in a route: a record id from 1 to LARGEST_ID; any other path is not found."""

    regex = ID_PATTERN


def nul_field(json: object = None) -> str | None:
    """The first field of the request's query, form or `json` holding a NUL byte, or None."""
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    found = _nul_in(fields) or _nul_in_json(json, "body")
    return found.replace("\x00", "\\x00") if found is not None else None


def _nul_in(fields: Iterable[tuple[object, object]]) -> str | None:
    for name, value in fields:
        if "\x00" in str(name) or "\x00" in str(value):
            return str(name)
    return None


def _nul_in_json(value: object, name: str) -> str | None:
    """The key (or the list's own name) of the first JSON string holding a NUL byte."""
    if isinstance(value, str):
        return name if "\x00" in value else None
    if isinstance(value, dict):
        named = [(str(key), inner) for key, inner in value.items()]
        return _first(key if "\x00" in key else _nul_in_json(inner, key) for key, inner in named)
    if isinstance(value, list):
        return _first(_nul_in_json(item, name) for item in value)
    return None


def _first(names: Iterable[str | None]) -> str | None:
    return next((name for name in names if name is not None), None)


def refuse_nul() -> None:
    """A NUL byte in any field is answered 400, naming the field (PostgreSQL cannot keep it)."""
    field = nul_field(request.get_json(silent=True) if request.is_json else None)
    if field is not None:
        abort(400, gettext("%(field)s: contains a NUL character, which is not allowed",
                           field=field))  # fmt: skip


bp.before_request(refuse_nul)


def services() -> Services:
    """The services built by create_app for this process."""
    return cast(Services, current_app.extensions["services"])


def now() -> datetime:
    """The request's time (tests may pin it with app.config['NOW'])."""
    pinned = current_app.config.get("NOW")
    return cast(datetime, pinned) if pinned else utcnow()


def signed_in() -> StaffMember | None:
    """The caseworker of this session, reloaded so a removed account is out at once."""
    if "who" not in g:
        g.who = _session_member()
        if g.who is None and "staff_id" in session:
            session.clear()  # expired, signed out elsewhere, or a new password: signed out here
    return cast(StaffMember | None, g.who)


def _session_member() -> StaffMember | None:
    """The active caseworker of a fresh session signed in under their current session version."""
    staff_id, since = session.get("staff_id"), session.get("since")
    if staff_id is None or since is None:
        return None
    if now() - datetime.fromisoformat(since) >= timedelta(hours=SESSION_HOURS):
        return None
    with services().sessions.begin() as db:
        person = db.get(Caseworker, staff_id)
        if person is None or not person.active:
            return None
        if person.session_version != session.get("session_version"):
            return None
        return member(db, person)


def page_language(language: str | None) -> str:
    """The language of the pages for a caseworker's language: Kreyòl speakers read French."""
    if language == "ht":
        return "fr"
    return language if language in PAGE_LANGUAGES else "en"


def select_locale() -> str:
    """Flask-Babel's locale: the signed-in caseworker's language, saved on their account;
    before sign-in, the browser's preferred one of English, Spanish and French."""
    if request.path.startswith("/dashboard"):
        try:
            who = signed_in()
        except SQLAlchemyError:  # the database is down: the error page still has a language
            who = None
        if who is not None:
            return page_language(who.language)
    offered = [*PAGE_LANGUAGES, "ht"]
    return page_language(request.accept_languages.best_match(offered, default="en"))


def login_required(view: View) -> View:
    """Pages for staff only: anyone else goes to the sign-in page."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if signed_in() is None:
            return redirect(url_for("auth.login", next=request.full_path))
        return view(*args, **kwargs)

    return cast(View, wrapped)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """The sign-in form; five wrong passwords lock the account for 15 minutes."""
    if request.method == "GET":
        return render_template("login.html")
    email = request.form.get("email", "")
    with services().sessions.begin() as db:
        found = authenticate(db, email, request.form.get("password", ""), now())
        audit(db, found, "login" if found else "login_failed", now(), detail=email[:100],
              ip=request.remote_addr)  # fmt: skip
    if found is None:
        flash(gettext(LOGIN_REFUSED), "error")
        return render_template("login.html", email=email, refused=True), 401
    session.clear()
    session.update(staff_id=found.id, since=now().isoformat(),
                   session_version=found.session_version)  # fmt: skip
    target = request.args.get("next", "")
    return redirect(target if target.startswith("/dashboard") else url_for("pages.alerts"))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out, in this browser and every other one signed in as the same caseworker."""
    who = signed_in()
    if who is not None:
        with services().sessions.begin() as db:
            end_sessions(db, who.id)
    session.clear()
    return redirect(url_for("auth.login"))
