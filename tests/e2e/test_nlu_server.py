"""The real Rasa model, served by the real Rasa server (`returnee nlu-serve`)."""

from pathlib import Path

import pytest

from nlu.client import RasaClient
from nlu.evaluate import load_labelled, outcomes, scores, summary_line
from nlu.examples import load_examples
from nlu.understand import model_text, understand
from tests.helpers import REPO

EVAL = REPO / "nlu/eval"

# Clear, everyday messages per language: the model itself must get these right.
BY_LANGUAGE = [
    ("en", "hello good morning", "greet"),
    ("en", "i need a job", "ask_job"),
    ("en", "where is your office located", "ask_office"),
    ("en", "can i talk to my caseworker", "request_human"),
    ("jam", "mi waan learn welding", "ask_vocational_training"),
    ("jam", "wen mi a go get di grant money", "ask_grant"),
    ("jam", "mi lose mi ID card", "ask_documents"),
    ("es", "necesito trabajo", "ask_job"),
    ("es", "perdi mi cedula", "ask_documents"),
    ("es", "no tengo donde quedarme esta noche", "ask_housing"),
    ("es", "gracias por todo", "thanks"),
    ("fr", "je cherche un emploi", "ask_job"),
    ("fr", "je voudrais parler a une personne", "request_human"),
    ("fr", "j'ai besoin d'un medecin", "ask_health"),
    ("ht", "mwen bezwen yon travay", "ask_job"),
    ("ht", "mesi anpil pou ed la", "thanks"),
    ("ht", "kote biwo a ye", "ask_office"),
    ("ht", "m bezwen yon dokte", "ask_health"),
]


@pytest.mark.parametrize(("language", "text", "intent"), BY_LANGUAGE)
def test_messages_in_each_language_reach_the_right_intent(
    rasa: RasaClient, language: str, text: str, intent: str
) -> None:
    result = rasa.parse(text)
    assert (result.intent, result.source) == (intent, "rasa"), (language, result)


def _crisis_examples() -> list[tuple[str, str]]:
    """Every crisis message with where it comes from: the training data, the dev file, and
    the held-out file (whose texts are named by line only, so no failure shows them)."""
    files = sorted((REPO / "nlu/rasa/data").glob("*.yml"))
    found = [(path.name, text) for path in files for name, text in load_examples(path)
             if name == "crisis"]  # fmt: skip
    dev = load_labelled(EVAL / "dev.tsv")
    found += [("dev.tsv", item.text) for item in dev if item.intent == "crisis"]
    held = enumerate(load_labelled(EVAL / "heldout.tsv"), start=1)
    found += [(f"heldout.tsv item {n}", item.text) for n, item in held if item.intent == "crisis"]
    return found


def test_every_crisis_example_escalates_through_the_full_stack(rasa: RasaClient) -> None:
    examples = _crisis_examples()
    assert len(examples) >= 500
    missed = [
        source if source.startswith("heldout") else f"{source}: {text}"
        for source, text in examples
        if understand(text, rasa).intent != "crisis"
    ]
    assert missed == []


def test_the_held_out_file_meets_the_quality_targets(rasa: RasaClient) -> None:
    held = load_labelled(EVAL / "heldout.tsv")
    figures = scores(outcomes(held, [rasa.parse(model_text(item.text)) for item in held]))
    print("held-out through the full stack:", summary_line(figures))
    assert figures["accuracy"] >= 0.95
    assert figures["crisis_recall"] == 1.0
    assert figures["false_alarms"] <= 0.01


def test_a_language_change_carries_its_language_entity(rasa: RasaClient) -> None:
    result = understand("pls can u write to me in spanish", rasa)
    assert (result.intent, result.entity("language")) == ("change_language", "es")


def test_a_kreyol_crisis_through_a_signed_webhook_gets_haitis_emergency_numbers(
    rasa: RasaClient, services: object, tmp_path: Path
) -> None:
    from dataclasses import replace

    from sqlalchemy import select

    from bot.bootstrap import Services
    from flows.texts import crisis_text
    from storage.models import InboundMessage, OutboundMessage
    from tests.helpers import PUBLIC_BASE_URL, inbound_form, sign
    from webhooks import create_app

    assert isinstance(services, Services)
    app = create_app(replace(services, nlu=rasa))
    form = inbound_form("SM" + "7" * 32, "yo di yo pral touye m aswe a", sender="+50937001234")
    url = f"{PUBLIC_BASE_URL}/twilio/messages"
    headers = {"X-Twilio-Signature": sign(services.settings.twilio_auth_token or "", url, form)}
    assert app.test_client().post("/twilio/messages", data=form, headers=headers).status_code == 200
    with services.sessions.begin() as session:
        stored = session.scalars(select(InboundMessage)).one()
        [reply] = session.scalars(select(OutboundMessage)).all()
        assert stored.nlu_intent == "crisis"
        haiti = services.desk.catalogue.get("HT")
        assert haiti is not None
        assert (reply.purpose, reply.body) == ("crisis_reply", crisis_text("ht", haiti.emergency))
    assert "122" in reply.body and "116" in reply.body
