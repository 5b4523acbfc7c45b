"""The caseworker pages: alerts, returnees, conversation and reply, milestones, audit, and the
caseworker's language."""

import csv
import io
import uuid
from collections.abc import Callable

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from bot.casework import caseload
from bot.casework.staff import StaffMember, audit
from bot.phones import mask
from bot.schedule.milestones import (
    MilestoneError,
    add_milestone,
    move_milestone,
    parse_local,
    set_status,
)
from bot.schedule.planning import contact_zone
from dashboard import views
from dashboard.auth import (
    login_required,
    now,
    refuse_nul,
    services,
    signed_in,
)
from storage import casework_repo as cases
from storage.casework import Alert, Caseworker
from storage.models import Contact
from storage.schedule import Milestone

bp = Blueprint("pages", __name__, url_prefix="/dashboard", template_folder="templates",
               static_folder="static")  # fmt: skip
bp.before_request(refuse_nul)
# A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def who() -> StaffMember:
    """The signed-in caseworker (pages are all behind login_required)."""
    found = signed_in()
    assert found is not None
    return found


def _contact_or_404(db: Session, contact_id: int) -> Contact:
    try:
        return caseload.returnee(db, who(), contact_id)
    except caseload.OutOfScope:
        abort(404, gettext("no such returnee"))


def _office_zone(office: str | None) -> str:
    country = services().desk.catalogue.get(office)
    return country.time_zone if country else "UTC"


@bp.get("/")
@login_required
def alerts() -> ResponseReturnValue:
    """The alert queue: most urgent and newest first, with the SLA counting down, unread
    messages of the conversations a caseworker has, and who acknowledged what."""
    with services().sessions.begin() as db:
        queue = caseload.alert_queue(db, who())
        unread = caseload.unread(db, [a.contact_id for a in queue if a.contact_id])
        rows = [views.AlertCard(a, views.sla_left(a, now()), db.get(Contact, a.contact_id) if
                                a.contact_id else None, cases.trigger_text(db, a),
                                unread.get(a.contact_id or 0, 0), _office_zone(a.office),
                                _name(db, a.acknowledged_by_id)) for a in queue]  # fmt: skip
        page = render_template("alerts.html", rows=rows, version=views.queue_version(queue),
                               who=who())  # fmt: skip
        for office in who().offices:  # the queue shows returnees' reasons: personal data
            audit(db, who(), "view_alerts", now(), office=office, ip=request.remote_addr)
        return page


@bp.get("/alerts/version")
@login_required
def alerts_version() -> ResponseReturnValue:
    """A fingerprint of the queue, so the page reloads when an alert comes in."""
    with services().sessions.begin() as db:
        return {"version": views.queue_version(caseload.alert_queue(db, who()))}


def _name(db: Session, caseworker_id: int | None) -> str | None:
    person = db.get(Caseworker, caseworker_id) if caseworker_id else None
    return person.name if person else None


@bp.post("/alerts/<id:alert_id>/acknowledge")
@login_required
def acknowledge(alert_id: int) -> ResponseReturnValue:
    """Acknowledge an alert (as ACK by SMS)."""
    return _on_alert(alert_id, "acknowledged", lambda db: caseload.acknowledge(
        db, services().desk, who(), alert_id, now()))  # fmt: skip


@bp.post("/alerts/<id:alert_id>/resolve")
@login_required
def resolve(alert_id: int) -> ResponseReturnValue:
    """Resolve an alert with a note (as DONE by SMS)."""
    note = request.form.get("note", "")
    if not note.strip():
        flash(gettext("Write a note saying what was done before resolving."), "error")
        return redirect(back())
    return _on_alert(alert_id, "resolved", lambda db: caseload.resolve(
        db, who(), alert_id, note, now()))  # fmt: skip


def _on_alert(alert_id: int, done: str, act: Callable[[Session], Alert]) -> ResponseReturnValue:
    """Do `act` to an alert of the caseworker's offices, audit it, and go back to the queue."""
    with services().sessions.begin() as db:
        try:
            found = act(db)
        except caseload.OutOfScope:
            abort(404, gettext("no such alert"))
        action = "acknowledge_alert" if done == "acknowledged" else "resolve_alert"
        audit(db, who(), action, now(), contact_id=found.contact_id,
              office=found.office, detail=found.code, ip=request.remote_addr)  # fmt: skip
    if done == "acknowledged":
        flash(gettext("Alert %(code)s acknowledged.", code=found.code), "ok")
    else:
        flash(gettext("Alert %(code)s resolved.", code=found.code), "ok")
    return redirect(back())


def back() -> str:
    """Where a form came from (the queue or a returnee's page); never another site."""
    back = request.form.get("back", "")
    return back if back.startswith("/dashboard/") and "//" not in back else url_for("pages.alerts")


@bp.get("/returnees")
@login_required
def returnees() -> ResponseReturnValue:
    """The caseworker's returnees, searchable by name or number."""
    search = request.args.get("q", "")[:100]
    with services().sessions.begin() as db:
        found = caseload.returnees(db, who(), search)
        rows = [(c, [mask(n.e164) for n in c.numbers]) for c in found]
        return render_template("returnees.html", rows=rows, search=search, who=who())


@bp.get("/returnees/<id:contact_id>")
@login_required
def returnee(contact_id: int) -> ResponseReturnValue:
    """One returnee: profile, consent, numbers, milestones, check-ins and the whole thread."""
    desk = services().desk
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        zone = contact_zone(contact, desk.catalogue)
        checkins = caseload.checkins(db, contact.id)
        thread = caseload.thread(db, contact)
        alerts = [a for a in caseload.alert_queue(db, who(), True) if a.contact_id == contact.id]
        page = render_template(
            "returnee.html", who=who(), contact=contact, zone=zone.key, thread=thread,
            checkins=checkins, chart=views.wellbeing_chart(checkins),
            milestones=views.milestones(db, contact, zone), kinds=desk.reminders.milestone_types,
            nonce=uuid.uuid4().hex, alerts=[(a, _name(db, a.acknowledged_by_id)) for a in alerts],
            paused=contact.paused_until is not None and contact.paused_until > now(),
            owner=_name(db, contact.handoff_owner_id), version=views.thread_version(thread),
        )  # fmt: skip
        caseload.mark_read(contact, now())
        audit(db, who(), "view_returnee", now(), contact_id=contact.id,
              office=caseload.office_of(contact), ip=request.remote_addr)  # fmt: skip
    return page


@bp.get("/returnees/<id:contact_id>/version")
@login_required
def returnee_version(contact_id: int) -> ResponseReturnValue:
    """A fingerprint of the conversation, so the open page reloads when a message comes."""
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        return {"version": views.thread_version(caseload.thread(db, contact, limit=20))}


@bp.post("/returnees/<id:contact_id>/name")
@login_required
def name_returnee(contact_id: int) -> ResponseReturnValue:
    """Give a name to someone who texted in without registering (audited)."""
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        problem = caseload.rename(contact, request.form.get("name", ""), now())
        if problem is None:
            audit(db, who(), "name_returnee", now(), contact_id=contact.id,
                  office=caseload.office_of(contact), ip=request.remote_addr)  # fmt: skip
    if problem:
        flash(gettext("Not saved: %(problem)s.", problem=views.say(problem)), "error")
    else:
        flash(gettext("Name saved."), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id))


@bp.get("/returnees/<id:contact_id>/thread.csv")
@login_required
def export_thread(contact_id: int) -> ResponseReturnValue:
    """The conversation as CSV (audited as an export)."""
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["at_utc", "direction", "channel", "number", "status", "body"])
        for m in caseload.thread(db, contact):
            writer.writerow([_cell(value) for value in (m.at.isoformat(), m.direction, m.channel,
                                                        m.number, m.status, m.body)])  # fmt: skip
        audit(db, who(), "export_thread", now(), contact_id=contact.id,
              office=caseload.office_of(contact), ip=request.remote_addr)  # fmt: skip
    name = f"returnee-{contact_id}-thread.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})  # fmt: skip


def _cell(value: str) -> str:
    """The value as a spreadsheet shows it, as text: a leading quote stops a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


@bp.post("/returnees/<id:contact_id>/reply")
@login_required
def reply(contact_id: int) -> ResponseReturnValue:
    """Send the caseworker's message to the returnee, through the outbox."""
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        problem = caseload.reply(db, who(), contact, request.form.get("body", ""),
                                 request.form.get("nonce") or uuid.uuid4().hex, now())  # fmt: skip
        if problem is None:
            audit(db, who(), "reply", now(), contact_id=contact.id,
                  office=caseload.office_of(contact), ip=request.remote_addr)  # fmt: skip
    if problem:
        flash(gettext("Not sent: %(problem)s.", problem=views.say(problem)), "error")
    else:
        flash(gettext("Message queued."), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id) + "#thread")


@bp.post("/returnees/<id:contact_id>/<any('take-over', 'hand-back'):action>")
@login_required
def handoff(contact_id: int, action: str) -> ResponseReturnValue:
    """Take the conversation over from the bot, or hand it back."""
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        if action == "take-over":
            caseload.take_over(db, services().desk, who(), contact, now())
        else:
            caseload.hand_back(db, contact, now())
        audit(db, who(), action.replace("-", "_"), now(), contact_id=contact.id,
              office=caseload.office_of(contact), ip=request.remote_addr)  # fmt: skip
    if action == "take-over":
        flash(gettext("You have the conversation; the bot is quiet."), "ok")
    else:
        flash(gettext("Handed back to the bot."), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id))


@bp.post("/returnees/<id:contact_id>/milestones")
@login_required
def new_milestone(contact_id: int) -> ResponseReturnValue:
    """Record a milestone; its reminders are planned at once."""
    desk = services().desk
    with services().sessions.begin() as db:
        contact = _contact_or_404(db, contact_id)
        zone = contact_zone(contact, desk.catalogue)
        try:
            at = parse_local(request.form.get("at", ""), zone)
            row = add_milestone(db, desk, contact.id, request.form.get("kind", ""), at,
                                request.form.get("place", ""), now())  # fmt: skip
        except MilestoneError as error:
            flash(views.say(str(error)), "error")
            return redirect(url_for("pages.returnee", contact_id=contact_id) + "#milestones")
        audit(db, who(), "add_milestone", now(), contact_id=contact.id,
              office=caseload.office_of(contact), detail=f"#{row.id} {row.kind}",
              ip=request.remote_addr)  # fmt: skip
    flash(gettext("Milestone recorded; its reminders are planned."), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id) + "#milestones")


@bp.post("/milestones/<id:milestone_id>")
@login_required
def change_milestone(milestone_id: int) -> ResponseReturnValue:
    """Move, complete, mark missed or cancel a milestone; its reminders follow."""
    desk = services().desk
    action = request.form.get("action", "")
    with services().sessions.begin() as db:
        row = db.get(Milestone, milestone_id)
        contact = _contact_or_404(db, row.contact_id if row else -1)
        assert row is not None
        zone = contact_zone(contact, desk.catalogue)
        try:
            if action == "move":
                at = parse_local(request.form.get("at", ""), zone)
                move_milestone(db, desk, row, at, now(), request.form.get("place") or None)
            elif action in ("done", "missed", "cancelled", "planned"):
                set_status(db, desk, row, action, now())
            else:
                raise MilestoneError(f"unknown action {action!r}")
        except MilestoneError as error:
            flash(views.say(str(error)), "error")
            return redirect(url_for("pages.returnee", contact_id=contact.id) + "#milestones")
        audit(db, who(), f"milestone_{action}", now(), contact_id=contact.id,
              office=caseload.office_of(contact), detail=f"#{row.id}",
              ip=request.remote_addr)  # fmt: skip
    flash(gettext("Milestone updated."), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact.id) + "#milestones")
