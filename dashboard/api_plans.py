"""The API of the reintegration plan and the sustainability surveys (`/api/v1`): the same
bearer tokens, office scoping, refusals and audit as dashboard/api.py."""

from typing import Any

from flask import request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.casework import caseload, plans
from bot.schedule import surveys
from bot.schedule.planning import contact_zone
from dashboard import api
from dashboard.auth import now, services
from flows.plans import PlanError
from storage.models import Contact
from storage.reintegration import PlanGoal, Referral, ServiceDelivered, Survey

bp = api.blueprint("api_plans", __name__)
Json = dict[str, Any]


@bp.errorhandler(PlanError)
def _plan_error(error: PlanError) -> ResponseReturnValue:
    """400, naming the field."""
    return {"error": str(error), "field": error.field}, 400


@bp.errorhandler(surveys.SurveyRefused)
def _refused(error: surveys.SurveyRefused) -> ResponseReturnValue:
    """409: the survey cannot go out now (opted out, one already open, ...)."""
    return {"error": str(error)}, 409


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def goal_json(row: PlanGoal) -> Json:
    """A goal as the API gives it."""
    return {"id": row.id, "contact_id": row.contact_id, "dimension": row.dimension,
            "goal": row.goal, "status": row.status, "due_on": _day(row.due_on),
            "created_at": api._time(row.created_at),
            "updated_at": api._time(row.updated_at)}  # fmt: skip


def service_json(row: ServiceDelivered) -> Json:
    """A service delivered as the API gives it (the value of goods as a decimal string)."""
    value = None if row.goods_value is None else f"{row.goods_value:.2f}"
    return {"id": row.id, "contact_id": row.contact_id, "kind": row.kind,
            "delivered_on": _day(row.delivered_on), "partner_id": row.partner_id,
            "referral_id": row.referral_id, "milestone_id": row.milestone_id,
            "business_type": row.business_type, "goods_value": value,
            "currency": row.currency, "note": row.note,
            "created_at": api._time(row.created_at)}  # fmt: skip


def survey_json(row: Survey) -> Json:
    """A survey with its answers so far and its scores."""
    return {"id": row.id, "key": row.key, "occasion": row.occasion, "status": row.status,
            "answers": {str(k): str(v) for k, v in row.answers.items()},
            "sent_at": api._time(row.sent_at), "completed_at": api._time(row.completed_at),
            "taken_at": api._time(row.completed_at or row.sent_at), "economic": row.economic,
            "social": row.social, "psychosocial": row.psychosocial,
            "overall": row.overall}  # fmt: skip


def _referrals(db: Session, contact_id: int) -> list[Json]:
    rows = db.scalars(select(Referral).where(Referral.contact_id == contact_id)
                      .order_by(Referral.id))  # fmt: skip
    return [{"id": r.id, "partner_id": r.partner_id, "service": r.service, "status": r.status,
             "created_at": api._time(r.created_at), "updated_at": api._time(r.updated_at)}
            for r in rows]  # fmt: skip


@bp.get("/returnees/<id:contact_id>/plan")
def plan(contact_id: int) -> ResponseReturnValue:
    """The plan: goals, services delivered, referrals and the sustainability scores."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        found = {
            "goals": [goal_json(g) for g in plans.goals_of(db, contact.id)],
            "services": [service_json(s) for s in plans.services_of(db, contact.id)],
            "referrals": _referrals(db, contact.id),
            "sustainability": [survey_json(s) for s in surveys.surveys_of(db, contact.id)],
        }
        api._audit(db, "view_plan", contact)
    return found


@bp.post("/returnees/<id:contact_id>/goals")
def new_goal(contact_id: int) -> ResponseReturnValue:
    """Add a goal; 201 with it."""
    body = api._body(plans.GOAL_FIELDS, required=("dimension", "goal"))
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        row = plans.add_goal(db, api.who(), contact, body, now())
        api._audit(db, "add_goal", contact, f"#{row.id} {row.dimension}")
        return goal_json(row), 201, {"Location": url_for("api_plans.plan", contact_id=contact.id)}


@bp.patch("/goals/<id:goal_id>")
def change_goal(goal_id: int) -> ResponseReturnValue:
    """Change a goal's status, text, dimension or due date."""
    body = api._body(plans.GOAL_FIELDS)
    if not body:
        raise api.BadInput("body", "give status, goal, dimension or due_on")
    with services().sessions.begin() as db:
        goal, contact = plans.scoped_goal(db, api.who(), goal_id)
        plans.change_goal(goal, body, now())
        api._audit(db, "change_goal", contact, f"#{goal.id} {goal.status}")
        return goal_json(goal)


@bp.get("/returnees/<id:contact_id>/services")
def services_delivered(contact_id: int) -> ResponseReturnValue:
    """The services delivered, the latest first."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        found = [service_json(s) for s in plans.services_of(db, contact.id)]
        api._audit(db, "view_services", contact)
    return {"services": found}


@bp.post("/returnees/<id:contact_id>/services")
def new_service(contact_id: int) -> ResponseReturnValue:
    """Record a service delivered; 201 with it."""
    body = api._body(plans.SERVICE_FIELDS, required=("kind", "delivered_on"))
    desk = services().desk
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        today = now().astimezone(contact_zone(contact, desk.catalogue)).date()
        row = plans.add_service(db, desk.plan, api.who(), contact, body, today, now())
        api._audit(db, "add_service", contact, f"#{row.id} {row.kind}")
        return service_json(row), 201


@bp.get("/returnees/<id:contact_id>/surveys")
def survey_list(contact_id: int) -> ResponseReturnValue:
    """The returnee's sustainability surveys, oldest first."""
    with services().sessions.begin() as db:
        contact = caseload.returnee(db, api.who(), contact_id)
        found = [survey_json(s) for s in surveys.surveys_of(db, contact.id)]
        api._audit(db, "view_surveys", contact)
    return {"surveys": found}


@bp.post("/returnees/<id:contact_id>/surveys")
def new_survey(contact_id: int) -> ResponseReturnValue:
    """Send the survey now (201, `sent`), or at the end of quiet hours (201, `planned`)."""
    if request.get_data():
        api._body(())  # no fields: anything sent is refused, naming it
    with services().sessions.begin() as db:
        contact: Contact = caseload.returnee(db, api.who(), contact_id)
        sent, at = surveys.request_survey(db, services().desk, contact, api.who().id, now())
        api._audit(db, "request_survey", contact, sent.key if sent else "planned")
        found: Json = {"state": "sent" if sent else "planned", "fire_at": api._time(at)}
        if sent is not None:
            found["survey"] = survey_json(sent)
        return found, 201
