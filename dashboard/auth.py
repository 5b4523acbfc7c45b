"""Signing in and out, and the signed-in caseworker of a request."""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
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

from bot.bootstrap import Services
from bot.outbox import utcnow
from bot.staff import StaffMember, audit, authenticate, member
from storage.casework import Caseworker

bp = Blueprint("auth", __name__, url_prefix="/dashboard", template_folder="templates")
SESSION_HOURS = 8
View = TypeVar("View", bound=Callable[..., Any])


def services() -> Services:
    """The services built by create_app for this process."""
    return cast(Services, current_app.extensions["services"])


def now() -> datetime:
    """The request's time (tests may pin it with app.config['NOW'])."""
    pinned = current_app.config.get("NOW")
    return cast(datetime, pinned) if pinned else utcnow()


def signed_in() -> StaffMember | None:
    """The caseworker of this session, reloaded so a removed account is out at once."""
    if "who" in g:
        return cast(StaffMember | None, g.who)
    staff_id, since = session.get("staff_id"), session.get("since")
    who = None
    if staff_id is not None and since is not None:
        fresh = now() - datetime.fromisoformat(since) < timedelta(hours=SESSION_HOURS)
        with services().sessions.begin() as db:
            person = db.get(Caseworker, staff_id)
            if fresh and person is not None and person.active:
                who = member(db, person)
    g.who = who
    return who


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
        result = authenticate(db, email, request.form.get("password", ""), now())
        audit(db, result.member, "login" if result.member else "login_failed", now(),
              detail=email[:100], ip=request.remote_addr)  # fmt: skip
    if result.member is None:
        message = "Wrong email or password."
        if result.locked_until is not None:
            message = f"Too many failed attempts: try again after {result.locked_until:%H:%M} UTC."
        flash(message, "error")
        return render_template("login.html", email=email), 401
    session.clear()
    session.update(staff_id=result.member.id, since=now().isoformat())
    target = request.args.get("next", "")
    return redirect(target if target.startswith("/dashboard") else url_for("pages.alerts"))


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """Sign out."""
    session.clear()
    return redirect(url_for("auth.login"))
