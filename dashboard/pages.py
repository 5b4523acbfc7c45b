"""The caseworker pages: alerts, returnees, conversation and reply, milestones, audit."""

import csv
import io
import uuid
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework import caseload
from bot.casework.registration import CSV_COLUMNS, RegistrationError, import_rows, parse, register
from bot.casework.staff import StaffMember, audit, audit_entries
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
from dashboard.auth import LARGEST_ID, login_required, now, refuse_nul, services, signed_in
from flows.texts import LANGUAGES
from storage import casework_repo as cases
from storage.casework import Alert, Caseworker
from storage.models import Contact
from storage.schedule import Milestone

bp = Blueprint("pages", __name__, url_prefix="/dashboard", template_folder="templates",
               static_folder="static")  # fmt: skip
bp.before_request(refuse_nul)
IMPORT_MAX_BYTES = 5 * 1024 * 1024
# A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def allow_large_import() -> None:
    """The file posted whole to the import may be 5 MB: set before the form (and CSRF) is read."""
    if request.endpoint == "pages.import_file":
        request.max_content_length = IMPORT_MAX_BYTES


def who() -> StaffMember:
    """The signed-in caseworker (pages are all behind login_required)."""
    found = signed_in()
    assert found is not None
    return found


def _contact_or_404(db: Session, contact_id: int) -> Contact:
    try:
        return caseload.returnee(db, who(), contact_id)
    except caseload.OutOfScope:
        abort(404, "no such returnee")


@bp.app_template_filter("local")
def local_time(moment: datetime | None, zone: str | None) -> str:
    """A time as the office reads it: its own zone, with the zone's abbreviation."""
    if moment is None:
        return "-"
    return f"{moment.astimezone(ZoneInfo(zone or 'UTC')):%Y-%m-%d %H:%M %Z}"


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
        flash("Write a note saying what was done before resolving.", "error")
        return redirect(_back())
    return _on_alert(alert_id, "resolved", lambda db: caseload.resolve(
        db, who(), alert_id, note, now()))  # fmt: skip


def _on_alert(alert_id: int, done: str, act: Callable[[Session], Alert]) -> ResponseReturnValue:
    """Do `act` to an alert of the caseworker's offices, audit it, and go back to the queue."""
    with services().sessions.begin() as db:
        try:
            found = act(db)
        except caseload.OutOfScope:
            abort(404, "no such alert")
        action = "acknowledge_alert" if done == "acknowledged" else "resolve_alert"
        audit(db, who(), action, now(), contact_id=found.contact_id,
              office=found.office, detail=found.code, ip=request.remote_addr)  # fmt: skip
    flash(f"Alert {found.code} {done}.", "ok")
    return redirect(_back())


def _back() -> str:
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
    flash(f"Not saved: {problem}." if problem else "Name saved.", "error" if problem else "ok")
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
    flash(f"Not sent: {problem}." if problem else "Message queued.", "error" if problem else "ok")
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
    flash("You have the conversation; the bot is quiet." if action == "take-over" else
          "Handed back to the bot.", "ok")  # fmt: skip
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
            flash(str(error), "error")
            return redirect(url_for("pages.returnee", contact_id=contact_id) + "#milestones")
        audit(db, who(), "add_milestone", now(), contact_id=contact.id,
              office=caseload.office_of(contact), detail=f"#{row.id} {row.kind}",
              ip=request.remote_addr)  # fmt: skip
    flash("Milestone recorded; its reminders are planned.", "ok")
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
            flash(str(error), "error")
            return redirect(url_for("pages.returnee", contact_id=contact.id) + "#milestones")
        audit(db, who(), f"milestone_{action}", now(), contact_id=contact.id,
              office=caseload.office_of(contact), detail=f"#{row.id}",
              ip=request.remote_addr)  # fmt: skip
    flash("Milestone updated.", "ok")
    return redirect(url_for("pages.returnee", contact_id=contact.id) + "#milestones")


@bp.route("/register", methods=["GET", "POST"])
@login_required
def register_one() -> ResponseReturnValue:
    """Register a returnee; they get a code to text in to link their phone."""
    desk = services().desk
    if request.method == "GET":
        return render_template("register.html", who=who(), form={}, languages=LANGUAGES)
    form = {key: request.form.get(key, "") for key in CSV_COLUMNS}
    with services().sessions.begin() as db:
        try:
            contact = register(db, desk, who(), parse(form, desk, who()), now())
        except RegistrationError as error:
            flash(str(error), "error")
            return render_template("register.html", who=who(), form=form, languages=LANGUAGES), 400
        audit(db, who(), "register", now(), contact_id=contact.id, office=contact.country,
              ip=request.remote_addr)  # fmt: skip
        code, contact_id = contact.registration_code, contact.id
    flash(f"Registered. Registration code: {code}", "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id))


@bp.get("/import")
@login_required
def import_page() -> ResponseReturnValue:
    """The CSV import page (rows go up in batches, with a progress bar)."""
    return render_template("import.html", who=who(), columns=CSV_COLUMNS)


@bp.post("/import/rows")
@login_required
def import_batch() -> ResponseReturnValue:
    """Register one batch of rows; per-row outcomes come back as JSON."""
    payload = request.get_json(silent=True) or {}
    rows, first = payload.get("rows"), payload.get("first_line", 2)
    if not isinstance(rows, list) or len(rows) > 500:
        abort(400, "rows: send {rows: [...up to 500 objects], first_line: N}")
    if isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= LARGEST_ID:
        abort(400, f"first_line: a line number from 1 to {LARGEST_ID}")
    clean = [{k: str(v) for k, v in r.items()} if isinstance(r, dict) else {} for r in rows]
    with services().sessions.begin() as db:
        outcomes = import_rows(db, services().desk, who(), clean, first, now())
        audit(db, who(), "import", now(), detail=f"{len(rows)} rows from line {first}",
              ip=request.remote_addr)  # fmt: skip
    return {"results": [vars(o) for o in outcomes]}


@bp.post("/import")
@login_required
def import_file() -> ResponseReturnValue:
    """Without JavaScript: the whole file (up to 5 MB) in one request, then the row outcomes."""
    upload = request.files.get("file")
    if upload is None:
        abort(400, "choose a CSV file")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        abort(400, "the file is not UTF-8 text")
    rows = _registration_rows(text)
    with services().sessions.begin() as db:
        outcomes = import_rows(db, services().desk, who(), rows, 2, now())
        audit(db, who(), "import", now(), detail=f"{len(outcomes)} rows", ip=request.remote_addr)
    return render_template("import.html", who=who(), columns=CSV_COLUMNS, outcomes=outcomes)


def _registration_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV registration list, by column name; 400 if it is not one."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        missing = [c for c in ("name", "country") if c not in (reader.fieldnames or [])]
        rows = list(reader)
    except csv.Error as error:
        abort(400, f"the file is not a readable CSV list: {error}")
    if missing:
        abort(400, f"the header must name the columns {', '.join(CSV_COLUMNS)}")
    return rows


@bp.get("/audit")
@login_required
def audit_log() -> ResponseReturnValue:
    """Who saw or changed whose data: supervisors only."""
    if not who().supervises:
        abort(404, "no such page")
    with services().sessions.begin() as db:
        entries = audit_entries(db, who().offices, 500)
        names = {p.id: p.name for p in db.scalars(select(Caseworker))}
        return render_template("audit.html", who=who(), entries=entries, names=names)
