"""The dashboard in Spanish and French: each caseworker's language is on their account (Kreyòl
reads French), the sign-in page follows the browser, a caseworker changes theirs on the page
(audited, CSRF-protected); and the catalogs are complete, current and compiled."""

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient
from werkzeug import exceptions

import dashboard
from bot.bootstrap import Services
from dashboard import views
from storage import repositories as repo
from storage.casework import Alert, Caseworker, CheckIn
from storage.staff import AuditEntry
from tests.helpers import db_rows
from tests.integration.test_dashboard import (  # noqa: F401  (world is a fixture)
    HT_RETURNEE,
    JM_RETURNEE,
    NOW,
    crisis,
    post,
    sign_in,
    token_of,
    world,
)

World = tuple[Services, Flask, dict[str, int]]
TRANSLATIONS = Path(dashboard.__file__).with_name("translations")
LANGUAGES = ("es", "fr")
PLACEHOLDER = re.compile(r"%\(\w+\)s")
NBSP = "\u00a0"  # French puts a no-break space before a colon


def compiled(language: str) -> bytes:
    """The .mo file `make translations` makes of the language's .po file."""
    po = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as file:
        catalog = read_po(file, locale=language)
    out = Path(po.with_suffix(".mo.tmp"))
    with out.open("wb") as file:
        write_mo(file, catalog, use_fuzzy=True)
    data = out.read_bytes()
    out.unlink()
    return data


@pytest.fixture(scope="session")
def catalogs() -> Iterator[None]:
    """The compiled catalogs, up to date with the .po files (compiled here when they are not,
    as `make translations` does: the .mo files are build outputs)."""
    for language in LANGUAGES:
        mo = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
        fresh = compiled(language)
        if not mo.exists() or mo.read_bytes() != fresh:
            mo.write_bytes(fresh)
    yield


pytestmark = pytest.mark.usefixtures("catalogs")


def text_of(page: str) -> str:
    """The page's text, tags removed and spaces collapsed (a no-break space stays)."""
    no_tags = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(no_tags))


def speaking(services: Services, caseworker_id: int, language: str) -> None:
    with services.sessions.begin() as session:
        person = session.get(Caseworker, caseworker_id)
        assert person is not None
        person.language = language


def page_of(client: FlaskClient, url: str) -> str:
    reply = client.get(url)
    assert reply.status_code == 200, reply.status_code
    return reply.get_data(as_text=True)


def texts_for_script(page: str) -> dict[str, Any]:
    found = re.search(r"<body data-texts='([^']*)'>", page)
    assert found, "no texts for app.js on the page"
    texts: dict[str, Any] = json.loads(html.unescape(found[1]))
    return texts


# The catalogs


def messages(path: Path, language: str | None = None) -> dict[tuple[str | None, str], Any]:
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_without_fuzzy_and_with_the_same_placeholders(
    language: str,
) -> None:
    template = messages(TRANSLATIONS / "messages.pot")
    translated = messages(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", language)
    assert set(translated) == set(template), "run pybabel update (see babel.cfg)"
    for key, source in template.items():
        message = translated[key]
        assert not message.fuzzy, f"{language}: fuzzy: {key}"
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert forms and all(forms), f"{language}: not translated: {key}"
        ids = source.id if isinstance(source.id, tuple) else (source.id,)
        wanted = sorted(set().union(*(PLACEHOLDER.findall(i) for i in ids)))
        for form in forms:
            assert sorted(set(PLACEHOLDER.findall(form))) == wanted, f"{language}: {key}: {form}"
            assert "%" not in PLACEHOLDER.sub("", form), f"{language}: a stray %: {form}"


def test_the_catalog_template_holds_exactly_the_messages_of_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(TRANSLATIONS / "babel.cfg"),
        "-k", "lazy_pgettext:1c,2", "-o", str(fresh), str(TRANSLATIONS.parent),
    ])  # fmt: skip
    assert set(messages(fresh)) == set(messages(TRANSLATIONS / "messages.pot")), (
        "dashboard/translations/messages.pot is stale: extract again (see babel.cfg)"
    )


def test_the_compiled_catalogs_are_those_of_the_po_files() -> None:
    for language in LANGUAGES:
        mo = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
        assert mo.read_bytes() == compiled(language), f"run make translations ({language})"


def test_the_error_texts_translated_are_werkzeugs_own() -> None:
    for error in (exceptions.BadRequest, exceptions.NotFound, exceptions.MethodNotAllowed,
                  exceptions.RequestEntityTooLarge, exceptions.TooManyRequests,
                  exceptions.InternalServerError):  # fmt: skip
        assert error().description in views.MESSAGES
        assert error().name in views.ERROR_NAMES


# The alert queue


def test_a_spanish_speaking_caseworker_works_the_queue_in_spanish(world: World) -> None:  # noqa: F811
    services, app, ids = world
    speaking(services, ids["marcia"], "es")
    crisis(services, JM_RETURNEE)
    client = sign_in(app, "marcia@office.test")
    page = page_of(client, "/dashboard/")
    text = text_of(page)
    assert '<html lang="es">' in page
    assert "Alertas (1 abierta)" in text and "No hay alertas abiertas" not in text
    for words in ("Retornados", "Registrar", "Importar", "Cerrar sesión",
                  "trabajador social · JM", "crisis", "abierta", "mensaje de crisis",
                  "jm returnee · JM · 02/12/2026 10:00 EST", "Atender", "Resolver"):  # fmt: skip
        assert words in text, words
    assert 'placeholder="Qué se hizo"' in page and 'aria-label="nota de cierre"' in page
    assert '<select name="language" aria-label="Mi idioma"' in page
    for english in ("Acknowledge", "Resolve", "Sign out", "Returnees", "open", "crisis message"):
        assert not re.search(rf"\b{english}\b", text), english
    script = texts_for_script(page)
    assert script["sla_left"] == "SLA: quedan %(time)s"
    assert script["characters"]["one"] == "%(count)s carácter"
    assert script["parts"]["other"] == "%(count)s segmentos SMS"

    [alert] = db_rows(services, Alert)
    acked = post(client, "/dashboard/", f"/dashboard/alerts/{alert.id}/acknowledge")
    text = text_of(page_of(client, acked.headers["Location"]))
    assert f"Alerta {alert.code} atendida." in text
    assert "atendida por Marcia el 02/12/2026 10:00 EST" in text
    resolved = post(client, "/dashboard/", f"/dashboard/alerts/{alert.id}/resolve", note=" ")
    assert "Escriba una nota sobre lo que se hizo" in text_of(
        page_of(client, resolved.headers["Location"]))  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "ht"])
def test_a_haitian_caseworker_works_the_queue_in_french_also_when_her_language_is_kreyol(
    world: World,  # noqa: F811
    language: str,
) -> None:
    services, app, ids = world
    speaking(services, ids["nadege"], language)
    crisis(services, HT_RETURNEE)
    client = sign_in(app, "nadege@office.test")
    page = page_of(client, "/dashboard/")
    text = text_of(page)
    assert '<html lang="fr">' in page
    assert "Alertes (1 ouverte)" in text
    for words in ("Rapatriés", "Inscrire", "Importer", "Se déconnecter",
                  "travailleur social · HT", "crise", "ouverte", "message de crise",
                  "ht returnee · HT · 02/12/2026 10:00 EST", "Prendre en charge",
                  "Résoudre"):  # fmt: skip
        assert words in text, words
    assert '<select name="language" aria-label="Ma langue"' in page
    selected = re.search(r'<option value="(\w+)" lang="\w+" selected>', page)
    assert selected and selected[1] == language  # her own language, as saved
    assert texts_for_script(page)["sla_overdue"] == f"SLA{NBSP}: dépassé de %(time)s"

    [alert] = db_rows(services, Alert)
    done = post(client, "/dashboard/", f"/dashboard/alerts/{alert.id}/resolve",
                note="appelée, elle est en sécurité")  # fmt: skip
    text = text_of(page_of(client, done.headers["Location"]))
    assert f"Alerte {alert.code} résolue." in text and "Aucune alerte ouverte" in text


# A returnee's page


RETURNEE_PAGES = {
    "es": ("marcia", "jm", JM_RETURNEE, [
        "País JM · idioma inglés · zona horaria America/Jamaica",
        "Consentimiento: otorgado", "Números: +18765551001 (sms)",
        "Bot: en pausa, un trabajador social tiene la conversación hasta el 05/12/2026 10:00 EST",
        "Devolver al bot",
        "Alertas crisis", "abierta · 02/12/2026 10:00 EST · mensaje de crisis",
        "Hitos consejería · 10/12/2026 14:00 · Centro · previsto",
        "recordatorio mar 8 dic 09:00: programado",
        "recordatorio jue 10 dic 08:00: programado",
        "Seguimientos", "Todavía no hay seguimientos.", "Conversación exportar CSV",
        "retornado · 02/12/2026 10:00 EST · sms · recibido i want to kill myself",
        "bot · 02/12/2026 10:00 EST · sms · pendiente", "Respuesta", "0 caracteres",
        "Cambiar fecha", "No asistió", "Agregar hito",
    ]),
    "fr": ("nadege", "ht", HT_RETURNEE, [
        "Pays HT · langue anglais · fuseau horaire America/Port-au-Prince",
        f"Consentement{NBSP}: donné", f"Numéros{NBSP}: +50937001001 (sms)",
        f"Bot{NBSP}: en pause, un travailleur social a repris la conversation jusqu’au "
        "05/12/2026 10:00 EST", "Rendre la conversation au bot",
        "Alertes crise", "ouverte · 02/12/2026 10:00 EST · message de crise",
        "Échéances séance d’écoute · 10/12/2026 14:00 · Centro · prévue",
        f"rappel mar. 8 déc. 09:00{NBSP}: prévu", f"rappel jeu. 10 déc. 08:00{NBSP}: prévu",
        "Suivis", "Aucun suivi pour l’instant.", "Conversation exporter en CSV",
        "rapatrié · 02/12/2026 10:00 EST · sms · reçu i want to kill myself",
        "bot · 02/12/2026 10:00 EST · sms · en attente", "Réponse", "0 caractère",
        "Déplacer", "Manquée", "Ajouter une échéance",
    ]),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(RETURNEE_PAGES))
def test_a_returnees_page_in_the_caseworkers_language(
    world: World,  # noqa: F811
    language: str,
) -> None:
    services, app, ids = world
    who, key, e164, expected = RETURNEE_PAGES[language]
    speaking(services, ids[who], language)
    crisis(services, e164)
    client = sign_in(app, f"{who}@office.test")
    url = f"/dashboard/returnees/{ids[key]}"
    added = post(client, url, f"{url}/milestones", kind="counselling", at="2026-12-10T14:00",
                 place="Centro")  # fmt: skip
    assert added.status_code == 302
    page = page_of(client, url)
    text = text_of(page)
    assert f'<html lang="{language}">' in page
    for words in expected:
        assert words in text, words
    assert 'value="2026-12-10T14:00"' in page  # the form field keeps the ISO date

    back = text_of(page_of(client, post(client, url, f"{url}/hand-back").headers["Location"]))
    taken = text_of(page_of(client, post(client, url, f"{url}/take-over").headers["Location"]))
    if language == "es":
        assert "Conversación devuelta al bot. " in back and "Bot: respondiendo" in back
        assert "Tomar la conversación del bot" in back
        assert "Usted tomó la conversación; el bot no responderá." in taken
        assert re.search(r"Bot: en pausa, Marcia tiene la conversación hasta el "
                         r"\d\d/\d\d/\d{4} \d\d:\d\d EST", taken)  # fmt: skip
    else:
        assert "Conversation rendue au bot. " in back and f"Bot{NBSP}: actif" in back
        assert "Reprendre la conversation du bot" in back
        assert "Vous avez repris la conversation\u202f; le bot ne répond plus." in taken
        assert re.search(rf"Bot{NBSP}: en pause, Nadege a repris la conversation jusqu’au "
                         r"\d\d/\d\d/\d{4} \d\d:\d\d EST", taken)  # fmt: skip


def test_the_refusals_of_a_form_are_said_in_the_caseworkers_language(world: World) -> None:  # noqa: F811
    services, app, ids = world
    speaking(services, ids["marcia"], "es")
    client = sign_in(app, "marcia@office.test")
    other = post(client, "/dashboard/register", "/dashboard/register", name="Jean Pierre",
                 country="HT")  # fmt: skip
    assert other.status_code == 400
    assert "country: HT no es una de sus oficinas" in text_of(other.get_data(as_text=True))
    url = f"/dashboard/returnees/{ids['jm']}"
    bad = post(client, url, f"{url}/milestones", kind="party", at="2026-12-10T14:00", place="x")
    assert "tipo de hito desconocido 'party'; use uno de: counselling" in text_of(
        page_of(client, bad.headers["Location"]))  # fmt: skip
    with services.sessions.begin() as session:
        repo.mark_opted_out(session, JM_RETURNEE, NOW)
    refused = post(client, url, f"{url}/reply", body="hola", nonce="n1")
    assert "No se envió: no hay número al que escribir: el retornado se dio de baja." in text_of(
        page_of(client, refused.headers["Location"]))  # fmt: skip
    done = post(client, "/dashboard/register", "/dashboard/register", name="Kemar Lewis",
                country="JM", language="es")  # fmt: skip
    registered = text_of(page_of(client, done.headers["Location"]))
    assert "Registrado. Código de registro: JM" in registered


def test_an_import_in_french_names_each_row_in_french(world: World) -> None:  # noqa: F811
    services, app, ids = world
    speaking(services, ids["nadege"], "fr")
    client = sign_in(app, "nadege@office.test")
    page = page_of(client, "/dashboard/import")
    assert "Importer une liste d’inscriptions (CSV)" in text_of(page)
    token = token_of(page)
    batch = client.post("/dashboard/import/rows", headers={"X-CSRFToken": token}, json={
        "rows": [{"name": "Ann Reid", "country": "HT"}, {"name": "Bob Grant", "country": "JM"}],
        "first_line": 2,
    })  # fmt: skip
    results = batch.get_json()["results"]
    assert results[0]["ok"] and results[0]["message"].startswith("inscrit, code HT")
    assert results[1]["message"] == f"country{NBSP}: JM ne fait pas partie de vos bureaux"
    texts = texts_for_script(page)["progress"]
    assert texts["other"] == (f"%(done)s sur %(count)s lignes — inscrites{NBSP}: %(ok)s, "
                              f"en erreur{NBSP}: %(bad)s")  # fmt: skip


def test_error_pages_speak_the_caseworkers_language(world: World) -> None:  # noqa: F811
    services, app, ids = world
    speaking(services, ids["marcia"], "es")
    client = sign_in(app, "marcia@office.test")
    html_only = {"Accept": "text/html"}
    other = client.get(f"/dashboard/returnees/{ids['ht']}", headers=html_only)
    assert other.status_code == 404
    assert "404 No encontrado no existe ese retornado" in text_of(other.get_data(as_text=True))
    lost = client.get("/dashboard/no-such-page", headers=html_only).get_data(as_text=True)
    assert "No se encontró la dirección solicitada" in text_of(lost)
    assert "Volver a las alertas" in text_of(lost)
    forged = client.post(f"/dashboard/returnees/{ids['jm']}/reply", data={"body": "hola"},
                         headers=html_only)  # fmt: skip
    assert forged.status_code == 400
    assert "400 Solicitud incorrecta Falta el token CSRF." in text_of(forged.get_data(as_text=True))


# Before sign-in: the browser's language


@pytest.mark.parametrize(("accept", "language", "heading"), [
    ("es-DO,es;q=0.9,en;q=0.5", "es", "Acceso para trabajadores sociales"),
    ("fr-HT,fr;q=0.9", "fr", "Connexion des travailleurs sociaux"),
    ("ht", "fr", "Connexion des travailleurs sociaux"),
    ("de-DE,de;q=0.9", "en", "Caseworker sign-in"),
    (None, "en", "Caseworker sign-in"),
])  # fmt: skip
def test_the_sign_in_page_follows_the_browsers_language(
    world: World,  # noqa: F811
    accept: str | None,
    language: str,
    heading: str,
) -> None:
    _, app, _ = world
    headers = {"Accept-Language": accept} if accept else {}
    client = app.test_client()
    page = client.get("/dashboard/login", headers=headers).get_data(as_text=True)
    assert f'<html lang="{language}">' in page and f"<h1>{heading}</h1>" in page
    refused = client.post(
        "/dashboard/login",
        headers=headers,
        data={"email": "nobody@office.test", "password": "wrong", "csrf_token": token_of(page)},
    )
    assert refused.status_code == 401
    wrong = {"es": "Correo electrónico o contraseña incorrectos.",
             "fr": "Adresse e-mail ou mot de passe incorrect.",
             "en": "Wrong email or password."}[language]  # fmt: skip
    assert wrong in refused.get_data(as_text=True)


def test_once_signed_in_the_accounts_language_wins_over_the_browsers(world: World) -> None:  # noqa: F811
    _, app, _ = world
    client = sign_in(app, "marcia@office.test")  # English on her account
    page = client.get("/dashboard/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>Alerts <small>(0 open)</small></h1>" in page


# Changing one's language


def change(client: FlaskClient, language: str, back: str = "/dashboard/returnees?q=jm") -> Any:
    return post(client, "/dashboard/returnees", "/dashboard/account/language",
                language=language, back=back)  # fmt: skip


def test_a_caseworker_changes_her_language_on_the_page_and_it_is_audited(world: World) -> None:  # noqa: F811
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    moved = change(client, "es")
    assert moved.status_code == 302 and moved.headers["Location"] == "/dashboard/returnees?q=jm"
    page = page_of(client, moved.headers["Location"])
    assert '<html lang="es">' in page and "Idioma cambiado a Español." in text_of(page)
    assert "<h1>Retornados</h1>" in page and "jm returnee" in page
    assert db_language(services, ids["marcia"]) == "es"

    creole = change(client, "ht")
    text = text_of(page_of(client, creole.headers["Location"]))
    assert f"Langue changée{NBSP}: Kreyòl ayisyen." in text and "Rapatriés" in text
    assert db_language(services, ids["marcia"]) == "ht"

    entries = [(e.caseworker_id, e.detail, e.channel) for e in changes(services)]
    assert entries == [(ids["marcia"], "en -> es", "page"), (ids["marcia"], "es -> ht", "page")]
    supervisor = sign_in(app, "desmond@office.test")
    assert "change_language" in page_of(supervisor, "/dashboard/audit")


def test_a_language_change_needs_the_csrf_token_and_a_language_the_assistant_speaks(
    world: World,  # noqa: F811
) -> None:
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    forged = client.post("/dashboard/account/language", data={"language": "es"})
    assert forged.status_code == 400
    assert change(client, "de").status_code == 400
    assert change(client, "es\x00").status_code == 400
    assert db_language(services, ids["marcia"]) == "en" and changes(services) == []
    anonymous = app.test_client().post("/dashboard/account/language", data={"language": "es"})
    assert anonymous.status_code == 400  # no session, no token
    elsewhere = change(client, "fr", back="https://evil.example/dashboard/")
    assert elsewhere.headers["Location"] == "/dashboard/"
    assert db_language(services, ids["marcia"]) == "fr"


def db_language(services: Services, caseworker_id: int) -> str:
    with services.sessions.begin() as session:
        person = session.get(Caseworker, caseworker_id)
        assert person is not None
        return person.language


def changes(services: Services) -> list[AuditEntry]:
    return list(db_rows(services, AuditEntry, AuditEntry.action == "change_language"))


def test_the_wellbeing_chart_is_labelled_in_the_pages_language(world: World) -> None:  # noqa: F811
    _, app, _ = world
    checkins = [CheckIn(asked_at=NOW, answer="good"), CheckIn(asked_at=NOW, answer=None)]
    with app.test_request_context("/dashboard/login", headers={"Accept-Language": "fr"}):
        chart = views.wellbeing_chart(checkins)
    assert 'aria-label="bien-être au fil du temps"' in chart
    assert "<title>02/12/2026: bien</title>" in chart and "<title>02/12/2026: sans réponse" in chart
    assert ">moyen</text>" in chart and ">rien</text>" in chart
    with app.test_request_context("/dashboard/login"):
        english = views.wellbeing_chart(checkins)
    assert "<title>2026-12-02: good</title>" in english and ">hard</text>" in english
