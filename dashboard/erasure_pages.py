"""Erasure from the dashboard (supervisors and admins): ask the returnee to confirm by keypad,
or erase at once when the returnee confirmed in person or in writing."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]

from bot.casework import caseload, erasure
from bot.casework.staff import StaffMember
from dashboard import views
from dashboard.auth import login_required, now, refuse_nul, services, signed_in

bp = Blueprint("erasure_pages", __name__, url_prefix="/dashboard")
bp.before_request(refuse_nul)
ERASERS = ("supervisor", "admin")


def _supervisor() -> StaffMember:
    """The signed-in supervisor or admin; anyone else is refused (403)."""
    found = signed_in()
    if found is None or found.role not in ERASERS:
        abort(403, gettext("Only a supervisor can erase a returnee's data."))
    return found


@bp.post("/returnees/<id:contact_id>/erasure")
@login_required
def start_erasure(contact_id: int) -> ResponseReturnValue:
    """`how=ask`: text the keypad question; `how=confirmed`: erase now (audited either way)."""
    who, how = _supervisor(), request.form.get("how", "ask")
    if how not in ("ask", "confirmed"):
        abort(400, gettext("how must be ask or confirmed"))
    if how == "confirmed" and request.form.get("confirm") != "yes":
        flash(gettext("Nothing was erased: tick the box that says the returnee confirmed."),
              "error")  # fmt: skip
        return redirect(url_for("pages.returnee", contact_id=contact_id) + "#erasure")
    desk = services().desk
    with services().sessions.begin() as db:
        try:
            contact = caseload.returnee(db, who, contact_id)
        except caseload.OutOfScope:
            abort(404, gettext("no such returnee"))
        if how == "confirmed":
            erasure.erase(db, contact, desk.pseudonym_key, now(), who=who, channel="page")
            problem = None
        else:
            problem = erasure.ask_returnee(db, desk, who, contact, now())
    if how == "confirmed":
        flash(gettext("The returnee's data was erased."), "ok")
        return redirect(url_for("pages.returnees"))
    if problem:
        flash(gettext("Not sent: %(problem)s.", problem=views.say(problem)), "error")
    else:
        flash(gettext("The returnee was asked to confirm erasure (reply 1)."), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id))
