"""The returnee page's reintegration plan (goals, services delivered) and sustainability
surveys: the section's data, and the forms that add, change and send (audited)."""

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]
from sqlalchemy.orm import Session, object_session
from werkzeug.wrappers import Response

from bot.casework import caseload, plans
from bot.casework.staff import StaffMember, audit
from bot.schedule import surveys
from bot.schedule.planning import contact_zone
from dashboard.auth import login_required, now, refuse_nul, services, signed_in
from dashboard.plan_views import PlanView, plan_label, plan_say, survey_chart
from flows.plans import PlanError
from storage.models import Contact

bp = Blueprint("plans", __name__, url_prefix="/dashboard", template_folder="templates")
bp.before_request(refuse_nul)


def who() -> StaffMember:
    """The signed-in caseworker (every route is behind login_required)."""
    found = signed_in()
    assert found is not None
    return found


@bp.app_context_processor
def _plan_globals() -> dict[str, Any]:
    """`plan_of(contact)` and `plan_label` for the returnee page's plan section."""
    return {"plan_of": plan_of, "plan_label": plan_label}


def plan_of(contact: Contact) -> PlanView:
    """The plan and surveys of the returnee the page shows, read in the page's own transaction
    (the page already checked that the caseworker may see this returnee)."""
    db = object_session(contact)
    assert db is not None
    found = surveys.surveys_of(db, contact.id)
    return PlanView(plans.goals_of(db, contact.id), plans.services_of(db, contact.id), found,
                    survey_chart(found), services().desk.plan,
                    surveys.open_survey_of(db, contact.id) is not None)  # fmt: skip


def _contact(db: Session, contact_id: int) -> Contact:
    try:
        return caseload.returnee(db, who(), contact_id)
    except caseload.OutOfScope:
        abort(404, gettext("no such returnee"))


def _back(contact_id: int, anchor: str) -> Response:
    return redirect(url_for("pages.returnee", contact_id=contact_id) + anchor)


def _audit(db: Session, action: str, contact: Contact, detail: str) -> None:
    audit(db, who(), action, now(), contact_id=contact.id, office=caseload.office_of(contact),
          detail=detail, ip=request.remote_addr)  # fmt: skip


@bp.post("/returnees/<id:contact_id>/goals")
@login_required
def new_goal(contact_id: int) -> ResponseReturnValue:
    """Add a goal to the plan."""
    with services().sessions.begin() as db:
        contact = _contact(db, contact_id)
        try:
            row = plans.add_goal(db, who(), contact, dict(request.form), now())
        except PlanError as error:
            flash(gettext("Not saved: %(problem)s.", problem=plan_say(str(error))), "error")
            return _back(contact_id, "#plan")
        _audit(db, "add_goal", contact, f"#{row.id} {row.dimension}")
    flash(gettext("Goal added to the plan."), "ok")
    return _back(contact_id, "#plan")


@bp.post("/goals/<id:goal_id>")
@login_required
def change_goal(goal_id: int) -> ResponseReturnValue:
    """Set a goal's status (open, achieved, dropped) or due date."""
    fields = {k: v for k, v in request.form.items() if k in ("status", "due_on")}
    with services().sessions.begin() as db:
        try:
            goal, contact = plans.scoped_goal(db, who(), goal_id)
        except caseload.OutOfScope:
            abort(404, gettext("no such goal"))
        try:
            plans.change_goal(goal, fields, now())
        except PlanError as error:
            flash(gettext("Not saved: %(problem)s.", problem=plan_say(str(error))), "error")
            return _back(contact.id, "#plan")
        _audit(db, "change_goal", contact, f"#{goal.id} {goal.status}")
    flash(gettext("Goal updated."), "ok")
    return _back(contact.id, "#plan")


@bp.post("/returnees/<id:contact_id>/services")
@login_required
def new_service(contact_id: int) -> ResponseReturnValue:
    """Record a service delivered."""
    desk = services().desk
    with services().sessions.begin() as db:
        contact = _contact(db, contact_id)
        today = now().astimezone(contact_zone(contact, desk.catalogue)).date()
        try:
            row = plans.add_service(db, desk.plan, who(), contact, dict(request.form), today,
                                    now())  # fmt: skip
        except PlanError as error:
            flash(gettext("Not saved: %(problem)s.", problem=plan_say(str(error))), "error")
            return _back(contact_id, "#services")
        _audit(db, "add_service", contact, f"#{row.id} {row.kind}")
    flash(gettext("Service recorded."), "ok")
    return _back(contact_id, "#services")


@bp.post("/returnees/<id:contact_id>/surveys")
@login_required
def send_survey(contact_id: int) -> ResponseReturnValue:
    """Send the sustainability survey now (or at the end of quiet hours)."""
    desk = services().desk
    with services().sessions.begin() as db:
        contact = _contact(db, contact_id)
        try:
            sent, at = surveys.request_survey(db, desk, contact, who().id, now())
        except surveys.SurveyRefused as refused:
            flash(gettext("Not sent: %(problem)s.", problem=plan_say(str(refused))), "error")
            return _back(contact_id, "#sustainability")
        _audit(db, "request_survey", contact, sent.key if sent else f"planned {at:%Y-%m-%dT%H:%MZ}")
    if sent is not None:
        flash(gettext("Survey sent."), "ok")
    else:
        flash(gettext("Quiet hours: the survey goes out in the morning."), "ok")
    return _back(contact_id, "#sustainability")
