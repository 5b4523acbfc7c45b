"""Registering returnees (one, or a CSV list), the audit log and the caseworker's language:
routes of the pages blueprint."""

import csv
import io

from babel import Locale
from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale, gettext  # type: ignore[import-untyped]
from sqlalchemy import select

from bot.casework.demographics import AGE_BAND_NAMES, COUNTRY_CODES, RETURN_TYPES, SEXES
from bot.casework.registration import CSV_COLUMNS, RegistrationError, import_rows, parse, register
from bot.casework.staff import audit, audit_entries, set_language
from dashboard import views
from dashboard.auth import LARGEST_ID, login_required, now, page_language, services
from dashboard.pages import back, bp, who
from flows.texts import LANGUAGES
from storage.casework import Caseworker

IMPORT_MAX_BYTES = 5 * 1024 * 1024


def allow_large_import() -> None:
    """The file posted whole to the import may be 5 MB: set before the form (and CSRF) is read."""
    if request.endpoint == "pages.import_file":
        request.max_content_length = IMPORT_MAX_BYTES


@bp.route("/register", methods=["GET", "POST"])
@login_required
def register_one() -> ResponseReturnValue:
    """Register a returnee; they get a code to text in to link their phone."""
    desk = services().desk
    if request.method == "GET":
        return _register_page({})
    form = {key: request.form.get(key, "") for key in CSV_COLUMNS}
    with services().sessions.begin() as db:
        try:
            contact = register(db, desk, who(), parse(form, desk, who(), now().date()), now())
        except RegistrationError as error:
            flash(views.say(str(error)), "error")
            return _register_page(form), 400
        audit(db, who(), "register", now(), contact_id=contact.id, office=contact.country,
              ip=request.remote_addr)  # fmt: skip
        code, contact_id = contact.registration_code, contact.id
    flash(gettext("Registered. Registration code: %(code)s", code=code), "ok")
    return redirect(url_for("pages.returnee", contact_id=contact_id))


def _register_page(form: dict[str, str]) -> str:
    """The registration form, with the demographics' choices (countries named in the page's
    language)."""
    names = Locale.parse(views.language()).territories
    countries = sorted(((c, names.get(c, c)) for c in COUNTRY_CODES), key=lambda pair: pair[1])
    return render_template("register.html", who=who(), form=form, languages=LANGUAGES,
                           age_bands=AGE_BAND_NAMES, sexes=SEXES, return_types=RETURN_TYPES,
                           countries=countries)  # fmt: skip


@bp.get("/import")
@login_required
def import_page() -> ResponseReturnValue:
    """The CSV import page (rows go up in batches, with a progress bar)."""
    return render_template("import.html", who=who(), columns=CSV_COLUMNS, age_bands=AGE_BAND_NAMES)


@bp.post("/import/rows")
@login_required
def import_batch() -> ResponseReturnValue:
    """Register one batch of rows; per-row outcomes come back as JSON."""
    payload = request.get_json(silent=True) or {}
    rows, first = payload.get("rows"), payload.get("first_line", 2)
    if not isinstance(rows, list) or len(rows) > 500:
        abort(400, gettext("rows: send {rows: [...up to 500 objects], first_line: N}"))
    if isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= LARGEST_ID:
        abort(400, gettext("first_line: a line number from 1 to %(largest)s", largest=LARGEST_ID))
    clean = [{k: str(v) for k, v in r.items()} if isinstance(r, dict) else {} for r in rows]
    with services().sessions.begin() as db:
        outcomes = import_rows(db, services().desk, who(), clean, first, now())
        audit(db, who(), "import", now(), detail=f"{len(rows)} rows from line {first}",
              ip=request.remote_addr)  # fmt: skip
    return {"results": [{**vars(o), "message": views.say(o.message)} for o in outcomes]}


@bp.post("/import")
@login_required
def import_file() -> ResponseReturnValue:
    """Without JavaScript: the whole file (up to 5 MB) in one request, then the row outcomes."""
    upload = request.files.get("file")
    if upload is None:
        abort(400, gettext("choose a CSV file"))
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        abort(400, gettext("the file is not UTF-8 text"))
    rows = _registration_rows(text)
    with services().sessions.begin() as db:
        outcomes = import_rows(db, services().desk, who(), rows, 2, now())
        audit(db, who(), "import", now(), detail=f"{len(outcomes)} rows", ip=request.remote_addr)
    return render_template("import.html", who=who(), columns=CSV_COLUMNS, outcomes=outcomes,
                           age_bands=AGE_BAND_NAMES)  # fmt: skip


FIELD_LIMIT = 131_072  # characters in one CSV field: the csv module's own default limit


def _registration_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV registration list, by column name; 400 if it is not one."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        missing = [c for c in ("name", "country") if c not in (reader.fieldnames or [])]
        rows = list(reader)
    except csv.Error as error:
        abort(400, gettext("the file is not a readable CSV list: %(error)s", error=error))
    if missing:
        abort(400, gettext("the header must name the columns %(columns)s",
                           columns=", ".join(CSV_COLUMNS)))  # fmt: skip
    # The csv module's own field limit is process-wide (a library may raise it): check here.
    if any(len(value or "") > FIELD_LIMIT for row in rows for value in row.values()
           if isinstance(value, str)):  # fmt: skip
        abort(400, gettext("the file is not a readable CSV list: %(error)s",
                           error=f"a field is longer than {FIELD_LIMIT} characters"))  # fmt: skip
    return rows


@bp.get("/audit")
@login_required
def audit_log() -> ResponseReturnValue:
    """Who saw or changed whose data: supervisors only."""
    if not who().supervises:
        abort(404, gettext("no such page"))
    with services().sessions.begin() as db:
        entries = audit_entries(db, who().offices, 500)
        names = {p.id: p.name for p in db.scalars(select(Caseworker))}
        return render_template("audit.html", who=who(), entries=entries, names=names)


@bp.post("/account/language")
@login_required
def change_language() -> ResponseReturnValue:
    """Save the caseworker's language on their account (audited) and go back to the page: the
    dashboard speaks it (Kreyòl: French), and so do their SMS and email alerts."""
    language = request.form.get("language", "")
    if language not in LANGUAGES:
        abort(400, gettext("language: choose one of %(languages)s", languages=", ".join(LANGUAGES)))
    with services().sessions.begin() as db:
        old = set_language(db, who().id, language)
        audit(db, who(), "change_language", now(), detail=f"{old} -> {language}",
              ip=request.remote_addr)  # fmt: skip
    with force_locale(page_language(language)):
        flash(gettext("Your language is now %(language)s.",
                      language=views.LANGUAGE_NAMES[language]), "ok")  # fmt: skip
    return redirect(back())
