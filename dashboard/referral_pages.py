"""The dashboard's partner directory (supervisors and admins edit, caseworkers read) and
referrals: the form on the returnee page, status changes, and the list with its stale filter."""

from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]
from sqlalchemy.orm import Session, object_session

from bot.casework import caseload, partners, referrals
from bot.casework.partners import NotAllowed, PartnerError
from bot.casework.staff import StaffMember, audit
from dashboard import api_referrals
from dashboard.auth import login_required, now, refuse_nul, services, signed_in
from flows.referrals import TransitionError, allowed_next, is_stale
from flows.vocabulary import PartnerKind, ReferralStatus
from storage.models import Contact
from storage.reintegration import Partner, Referral

bp = Blueprint("referral_pages", __name__, url_prefix="/dashboard", template_folder="templates")
bp.before_request(refuse_nul)
API = api_referrals.bp  # nested in the API blueprint on import: bearer tokens, no CSRF
FORM_FIELDS = ("name", "kind", "country", "areas", "languages", "phone", "email", "address",
               "hours")  # fmt: skip


def who() -> StaffMember:
    """The signed-in caseworker (every page here is behind login_required)."""
    found = signed_in()
    assert found is not None
    return found


def stale_after() -> timedelta:
    """How long an open referral may go without an update before it is flagged."""
    return timedelta(days=services().settings.referral_stale_days)


def _form() -> dict[str, Any]:
    data: dict[str, Any] = {name: request.form.get(name, "") for name in FORM_FIELDS}
    data["services"] = request.form.getlist("services")
    return data


def _services_of(country: str | None) -> list[str]:
    found = services().desk.catalogue.get(country)
    return list(found.services) if found else []


@bp.get("/partners")
@login_required
def partner_list() -> ResponseReturnValue:
    """The directory of the caseworker's offices."""
    country, service = request.args.get("country", "")[:2], request.args.get("service", "")[:40]
    with services().sessions.begin() as db:
        rows = partners.directory(db, who(), country or None, service or None, True)
        keys = sorted({k for office in who().offices for k in _services_of(office)})
        return render_template("partners.html", who=who(), rows=rows, kinds=list(PartnerKind),
                               service_keys=keys, country=country, service=service)  # fmt: skip


@bp.post("/partners")
@login_required
def partner_add() -> ResponseReturnValue:
    """Add a partner (supervisors and admins)."""
    try:
        with services().sessions.begin() as db:
            row = partners.create(db, who(), _form(), services().desk.catalogue, now())
            audit(db, who(), "partner_added", now(), office=row.country,
                  detail=f"partner #{row.id}", ip=request.remote_addr)  # fmt: skip
            flash(gettext("Partner added."), "ok")
            return redirect(url_for("referral_pages.partner_page", partner_id=row.id))
    except (PartnerError, NotAllowed) as error:
        flash(str(error), "error")
        return redirect(url_for("referral_pages.partner_list"))


@bp.get("/partners/<id:partner_id>")
@login_required
def partner_page(partner_id: int) -> ResponseReturnValue:
    """One partner: its details, and the form to change them (supervisors and admins)."""
    with services().sessions.begin() as db:
        row = _partner_or_404(db, partner_id)
        return render_template("partner.html", who=who(), row=row, kinds=list(PartnerKind),
                               service_keys=_services_of(row.country))  # fmt: skip


def _partner_or_404(db: Session, partner_id: int) -> Partner:
    try:
        return partners.get(db, who(), partner_id)
    except caseload.OutOfScope:
        abort(404, gettext("no such partner"))


@bp.post("/partners/<id:partner_id>")
@login_required
def partner_change(partner_id: int) -> ResponseReturnValue:
    """Save, verify or deactivate a partner."""
    action = request.form.get("action", "save")
    back = redirect(url_for("referral_pages.partner_page", partner_id=partner_id))
    try:
        with services().sessions.begin() as db:
            _partner_or_404(db, partner_id)
            if action == "verify":
                row = partners.verify(db, who(), partner_id, now())
            elif action == "deactivate":
                row = partners.deactivate(db, who(), partner_id, now())
            else:
                data = {**_form(), "active": request.form.get("active") == "on"}
                row = partners.update(db, who(), partner_id, data, services().desk.catalogue,
                                      now())  # fmt: skip
            audit(db, who(), f"partner_{action}", now(), office=row.country,
                  detail=f"partner #{row.id}", ip=request.remote_addr)  # fmt: skip
            flash(gettext("Partner saved."), "ok")
    except (PartnerError, NotAllowed) as error:
        flash(str(error), "error")
    return back


@bp.post("/returnees/<id:contact_id>/referrals")
@login_required
def referral_add(contact_id: int) -> ResponseReturnValue:
    """Refer the returnee (the form on the returnee page)."""
    back = redirect(url_for("pages.returnee", contact_id=contact_id) + "#referrals")
    partner_id, service = request.form.get("partner_id", ""), request.form.get("service", "")
    data = {"partner_id": partner_id, "service": service, "note": request.form.get("note")}
    try:
        with services().sessions.begin() as db:
            contact = _returnee_or_404(db, contact_id)
            made = referrals.make(db, services().desk, who(), contact, data, now(), "dashboard")
            audit(db, who(), "referral_made", now(), contact_id=contact.id,
                  office=caseload.office_of(contact), detail=f"#{made.referral.id} {service}",
                  ip=request.remote_addr)  # fmt: skip
        if made.not_sent:
            flash(gettext("Referral made; no SMS: %(why)s", why=made.not_sent), "error")
        else:
            flash(gettext("Referral made; the returnee gets an SMS."), "ok")
    except PartnerError as error:
        flash(str(error), "error")
    return back


def _returnee_or_404(db: Session, contact_id: int) -> Contact:
    try:
        return caseload.returnee(db, who(), contact_id)
    except caseload.OutOfScope:
        abort(404, gettext("no such returnee"))


@bp.post("/referrals/<id:referral_id>")
@login_required
def referral_change(referral_id: int) -> ResponseReturnValue:
    """Move a referral on; a move it cannot make is refused with a message."""
    status, outcome = request.form.get("status", ""), request.form.get("outcome")
    try:
        with services().sessions.begin() as db:
            row = _referral_or_404(db, referral_id)
            contact_id = row.contact_id
            referrals.change_status(db, who(), referral_id, status, outcome, now(), "dashboard")
            contact = db.get(Contact, contact_id)
            audit(db, who(), f"referral_{status}", now(), contact_id=contact_id,
                  office=caseload.office_of(contact) if contact else None,
                  detail=f"#{referral_id}", ip=request.remote_addr)  # fmt: skip
        flash(gettext("Referral updated."), "ok")
    except TransitionError as error:
        flash(_refused(error), "error")
    except PartnerError as error:
        flash(str(error), "error")
    return redirect(url_for("pages.returnee", contact_id=contact_id) + "#referrals")


def _refused(error: TransitionError) -> str:
    """The refused move in the caseworker's language (the API keeps the English sentence)."""
    if not error.current:
        return str(gettext("That is not a referral status."))
    if not error.allowed:
        return str(gettext("A referral that is %(current)s cannot become %(new)s: it is closed.",
                           current=error.current, new=error.new))  # fmt: skip
    return str(gettext("A referral that is %(current)s cannot become %(new)s; it can become "
                       "%(choices)s.", current=error.current, new=error.new,
                       choices=", ".join(error.allowed)))  # fmt: skip


def _referral_or_404(db: Session, referral_id: int) -> Referral:
    try:
        return referrals.get(db, who(), referral_id)
    except caseload.OutOfScope:
        abort(404, gettext("no such referral"))


@bp.get("/referrals")
@login_required
def referral_list() -> ResponseReturnValue:
    """Every referral of the caseworker's returnees; `stale=1` keeps the stale ones only."""
    stale = request.args.get("stale") == "1"
    status = request.args.get("status", "")
    status = status if status in ReferralStatus.__members__.values() else ""
    with services().sessions.begin() as db:
        rows = referrals.listing(db, who(), stale_after(), now(), stale, status or None)
        page = render_template("referrals.html", who=who(), rows=_cards(db, rows), stale=stale,
                               status=status, statuses=list(ReferralStatus))  # fmt: skip
        for office in who().offices:  # names of returnees: personal data
            audit(db, who(), "view_referrals", now(), office=office, ip=request.remote_addr)
        return page


def _cards(db: Session, rows: list[Referral]) -> list[dict[str, Any]]:
    """What a row of referrals shows: the referral, its partner and returnee, stale or not."""
    return [{"row": row, "partner": db.get(Partner, row.partner_id),
             "contact": db.get(Contact, row.contact_id), "next": allowed_next(row.status),
             "stale": is_stale(row.status, row.updated_at, now(), stale_after())}
            for row in rows]  # fmt: skip


@bp.app_template_global()
def referral_box(contact: Contact) -> dict[str, Any]:
    """The returnee page's referrals and the partners it can refer to, read in the page's own
    transaction (the page already checked the caseworker may see this returnee)."""
    db = object_session(contact)
    assert db is not None
    rows = referrals.referrals_of(db, contact.id)
    office = caseload.office_of(contact)
    offered = [p for p in partners.directory(db, who()) if p.country == office]
    keys = sorted({key for p in offered for key in (p.services or [])})
    return {"cards": _cards(db, rows), "partners": offered, "services": keys}


@bp.app_template_global()
def referral_words() -> dict[str, str]:
    """Each referral status in the caseworker's language."""
    return {
        "made": gettext("made"), "contacted": gettext("contacted"),
        "in_progress": gettext("in progress"), "completed": gettext("completed"),
        "declined": gettext("declined"), "no_show": gettext("no-show"),
    }  # fmt: skip


@bp.app_template_global()
def stale_days() -> int:
    """After how many days without an update an open referral is flagged."""
    return services().settings.referral_stale_days
