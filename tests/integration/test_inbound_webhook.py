"""POST /twilio/messages: signature first, store first, answer once through the outbox."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from bot.bootstrap import Services
from bot.messaging.ports import Inbound
from flows.texts import text
from storage.models import ContactNumber, InboundMessage, OutboundMessage
from tests.helpers import PUBLIC_BASE_URL, RETURNEE, WHATSAPP_FROM, inbound_form, sign

URL = f"{PUBLIC_BASE_URL}/twilio/messages"


def post_signed(client: FlaskClient, services: Services, form: dict[str, str], **kw: Any) -> Any:
    """Post `form` with a valid Twilio signature."""
    token = services.settings.twilio_auth_token or ""
    headers = {"X-Twilio-Signature": sign(token, URL, form)}
    return client.post("/twilio/messages", data=form, headers=headers, **kw)


def count(services: Services, model: type[Any]) -> int:
    with services.sessions.begin() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def outbox(services: Services) -> list[OutboundMessage]:
    with services.sessions.begin() as session:
        return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def test_a_signed_sms_is_stored_and_answered_through_the_outbox_with_empty_twiml(
    client: FlaskClient, services: Services
) -> None:
    response = post_signed(client, services, inbound_form("SM" + "1" * 32, "hello"))
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    assert b"<Response></Response>" in response.data
    assert count(services, InboundMessage) == 1
    [reply] = outbox(services)
    # A first message starts onboarding: the language question, in the number's language.
    assert (reply.to_e164, reply.channel, reply.purpose) == (
        RETURNEE, "sms", "onboarding_language",
    )  # fmt: skip
    assert reply.body == text("choose_language", "en")
    assert reply.dispatch_state == "pending" and reply.encoding == "GSM-7"
    assert reply.segments <= 2


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}],
    ids=["missing signature", "wrong signature"],
)
def test_an_unsigned_or_badly_signed_request_gets_403_and_nothing_is_stored(
    client: FlaskClient, services: Services, headers: dict[str, str]
) -> None:
    response = client.post("/twilio/messages", data=inbound_form("SM" + "2" * 32), headers=headers)
    assert response.status_code == 403
    assert count(services, InboundMessage) == 0 and count(services, OutboundMessage) == 0


def test_a_signature_over_different_parameters_is_rejected(
    client: FlaskClient, services: Services
) -> None:
    form = inbound_form("SM" + "3" * 32, "hello")
    headers = {"X-Twilio-Signature": sign(services.settings.twilio_auth_token or "", URL, form)}
    tampered = {**form, "Body": "STOP"}
    assert client.post("/twilio/messages", data=tampered, headers=headers).status_code == 403


def test_a_repeated_delivery_of_the_same_message_sid_is_acknowledged_and_answered_once(
    client: FlaskClient, services: Services
) -> None:
    form = inbound_form("SM" + "4" * 32, "hello")
    for _ in range(3):
        assert post_signed(client, services, form).status_code == 200
    assert count(services, InboundMessage) == 1
    assert len(outbox(services)) == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"From": ""}, b"From is required"),
        ({"MessageSid": ""}, b"MessageSid is required"),
        ({"Body": "x" * 1601}, b"longer than 1600"),
        ({"From": "+12"}, b"From is not a phone number"),
        ({"From": "whatsapp:hello"}, b"From is not a phone number"),
        ({"MessageSid": "SM\x00" + "5" * 30}, b"MessageSid contains a NUL byte"),
        ({"From": "+1876555\x001234"}, b"From contains a NUL byte"),
        ({"MessageSid": "SM" + "5" * 70}, b"MessageSid is longer than 64"),
        ({"NumMedia": "many"}, b"NumMedia"),
    ],
    ids=[
        "no From",
        "no MessageSid",
        "over-long body",
        "short number",
        "garbage number",
        "a NUL in the MessageSid",
        "a NUL in From",
        "an over-long MessageSid",
        "bad NumMedia",
    ],
)
def test_bad_input_gets_a_clear_400_and_nothing_is_stored(
    client: FlaskClient, services: Services, change: dict[str, str], reason: bytes
) -> None:
    form = {**inbound_form("SM" + "5" * 32), **change}
    response = post_signed(client, services, form)
    assert response.status_code == 400
    assert reason in response.data
    assert count(services, InboundMessage) == 0


def test_a_whatsapp_message_is_parsed_into_the_same_inbound_shape(
    client: FlaskClient, services: Services
) -> None:
    form = inbound_form(
        "SM" + "6" * 32,
        "bonjou",
        sender="whatsapp:+50937001234",
        To=f"whatsapp:{WHATSAPP_FROM}",
        ProfileName="Wilner",
        WaId="50937001234",
    )
    assert post_signed(client, services, form).status_code == 200
    with services.sessions.begin() as session:
        stored = session.scalars(select(InboundMessage)).one()
        assert (stored.channel, stored.from_e164, stored.profile_name, stored.wa_id) == (
            "whatsapp",
            "+50937001234",
            "Wilner",
            "50937001234",
        )
        number = session.scalars(select(ContactNumber)).one()
        assert number.contact.language == "ht"  # a Haitian number is greeted in Kreyòl
        assert number.contact.whatsapp_profile_name == "Wilner"
    [reply] = outbox(services)
    assert (reply.channel, reply.body) == ("whatsapp", text("choose_language", "ht"))


def test_a_media_message_gets_a_polite_text_only_reply(
    client: FlaskClient, services: Services
) -> None:
    form = inbound_form("SM" + "7" * 32, "", NumMedia="1", MediaUrl0="https://example.org/a.jpg")
    assert post_signed(client, services, form).status_code == 200
    [reply] = outbox(services)
    assert reply.purpose == "media_unsupported"


def test_after_stop_nothing_is_queued_until_start(client: FlaskClient, services: Services) -> None:
    post_signed(client, services, inbound_form("SM" + "a" * 32, "STOP"))
    post_signed(client, services, inbound_form("SM" + "b" * 32, "hello"))
    post_signed(client, services, inbound_form("SM" + "c" * 32, "HELP"))
    purposes = [row.purpose for row in outbox(services)]
    assert purposes == ["opt_out_confirmation"]
    post_signed(client, services, inbound_form("SM" + "d" * 32, "start"))
    post_signed(client, services, inbound_form("SM" + "e" * 32, "hello"))
    purposes = [row.purpose for row in outbox(services)]
    assert purposes == ["opt_out_confirmation", "opt_in_confirmation", "onboarding_language"]
    assert count(services, InboundMessage) == 5  # every message is kept, answered or not


def test_help_in_spanish_answers_in_spanish(client: FlaskClient, services: Services) -> None:
    post_signed(client, services, inbound_form("SM" + "f" * 32, "Ayuda"))
    [reply] = outbox(services)
    assert (reply.purpose, reply.body) == ("help", text("help", "es"))


def test_behind_a_tls_proxy_the_forwarded_url_is_validated_without_public_base_url(
    services: Services,
) -> None:
    from dataclasses import replace

    from webhooks import create_app

    proxied = create_app(
        replace(services, settings=replace(services.settings, public_base_url=None))
    )
    form = inbound_form("SM" + "9" * 32)
    url = "https://bot.example.net/twilio/messages"
    headers = {
        "X-Twilio-Signature": sign(services.settings.twilio_auth_token or "", url, form),
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "bot.example.net",
    }
    response = proxied.test_client().post("/twilio/messages", data=form, headers=headers)
    assert response.status_code == 200
    headers["X-Forwarded-Host"] = "evil.example.net"
    form2 = inbound_form("SM" + "8" * 32)
    response = proxied.test_client().post("/twilio/messages", data=form2, headers=headers)
    assert response.status_code == 403


def test_a_stored_message_whose_handling_crashed_is_answered_later_by_the_resume_job(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from bot.clock import utcnow
    from bot.conversations import inbound

    def explode(*_args: Any) -> None:
        raise RuntimeError("crash after storing")

    monkeypatch.setattr(inbound, "_handle", explode)
    assert post_signed(client, services, inbound_form("SM" + "0" * 32)).status_code == 200
    assert count(services, InboundMessage) == 1 and outbox(services) == []
    monkeypatch.undo()
    later = utcnow() + timedelta(minutes=1)
    assert inbound.resume_unhandled(services.desk, later, timedelta(seconds=30)) == 1
    assert [row.purpose for row in outbox(services)] == ["onboarding_language"]
    assert inbound.resume_unhandled(services.desk, later, timedelta(seconds=30)) == 0


def test_health_is_200_and_readiness_reports_the_database(client: FlaskClient) -> None:
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {"database": "ok", "nlu": "not configured"}


def test_readiness_is_503_when_the_database_is_down(services: Services) -> None:
    from dataclasses import replace

    from storage.db import make_engine
    from webhooks import create_app

    broken = make_engine("postgresql://nobody@127.0.0.1:1/none")
    app = create_app(replace(services, engine=broken))
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "down"


def test_the_simulator_does_not_exist_when_twilio_is_configured(client: FlaskClient) -> None:
    assert client.get("/simulator/").status_code == 404
    response = client.post("/simulator/api/messages", json={"from": RETURNEE, "body": "hi"})
    assert response.status_code == 404


def test_a_webhook_while_the_database_is_down_gets_503_so_twilio_retries(
    services: Services,
) -> None:
    from dataclasses import replace

    from storage.db import make_engine, make_session_factory
    from webhooks import create_app

    broken = make_engine("postgresql://nobody@127.0.0.1:1/none")
    sessions = make_session_factory(broken)
    desk = replace(services.desk, sessions=sessions)
    app = create_app(replace(services, engine=broken, sessions=sessions, desk=desk))
    form = inbound_form("SM" + "1" * 32)
    token = services.settings.twilio_auth_token or ""
    headers = {"X-Twilio-Signature": sign(token, URL, form)}
    response = app.test_client().post("/twilio/messages", data=form, headers=headers)
    assert response.status_code == 503
    assert b"database unavailable" in response.data


def _with_nlu(services: Services, url: str) -> FlaskClient:
    from dataclasses import replace

    from nlu.client import RasaClient
    from webhooks import create_app

    return create_app(replace(services, nlu=RasaClient(url, connect_timeout=0.2))).test_client()


@pytest.mark.parametrize(
    ("body", "purpose"),
    [("mi need a job", "onboarding_language"), ("m vle touye tet mwen", "crisis_reply")],
    ids=["ordinary message: the menu", "crisis: caught by the lexicon"],
)
def test_with_the_nlu_server_down_the_bot_still_answers_and_never_misses_a_crisis(
    services: Services, body: str, purpose: str
) -> None:
    client = _with_nlu(services, "http://127.0.0.1:9")  # nothing listens there
    form = inbound_form("SM" + "2" * 32, body, sender="+50937001234")
    assert post_signed(client, services, form).status_code == 200
    [reply] = outbox(services)
    assert reply.purpose == purpose
    with services.sessions.begin() as session:
        stored = session.scalars(select(InboundMessage)).one()
        assert stored.nlu_source in ("unavailable", "lexicon")


def test_readiness_is_503_naming_the_nlu_when_its_server_is_down(services: Services) -> None:
    response = _with_nlu(services, "http://127.0.0.1:9").get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "nlu": "down"}


def test_what_the_nlu_understood_is_stored_with_the_message(services: Services) -> None:
    from tests.fakes.rasa_api import FakeRasa

    with FakeRasa().running() as rasa:
        rasa.intent, rasa.confidence = "ask_job", 0.91
        client = _with_nlu(services, rasa.url)
        post_signed(client, services, inbound_form("SM" + "3" * 32, "mi need work"))
        post_signed(client, services, inbound_form("SM" + "4" * 32, "STOP"))
        assert client.get("/readyz").get_json()["checks"]["nlu"] == "ok"
    with services.sessions.begin() as session:
        first, second = session.scalars(select(InboundMessage).order_by(InboundMessage.id))
        assert (first.nlu_intent, first.nlu_confidence, first.nlu_source) == (
            "ask_job",
            0.91,
            "rasa",
        )
        assert second.nlu_intent is None  # STOP is answered before and without the NLU
    assert rasa.calls == 1


def test_a_crisis_reply_uses_the_returnees_recorded_country_over_the_numbers(
    client: FlaskClient, services: Services
) -> None:
    from bot.clock import utcnow
    from storage import repositories as repo

    us_number = "+13055550123"  # a deportee still on a US SIM, registered in Jamaica
    with services.sessions.begin() as session:
        repo.add_contact_with_number(
            session, us_number, "en", "sms", utcnow()
        ).contact.country = "JM"
    post_signed(
        client, services, inbound_form("SM" + "5" * 32, "i want to kill myself", sender=us_number)
    )
    [reply] = outbox(services)
    assert reply.purpose == "crisis_reply" and "119" in reply.body and "110" in reply.body


class _BrokenModel:
    def parse(self, text: str) -> Any:
        raise KeyError("a bug in the model client")


def test_a_crashing_model_client_never_leaves_a_message_unanswered(services: Services) -> None:
    from bot.clock import utcnow
    from bot.conversations import inbound

    for index, body in enumerate(["hello there", "m vle mouri"]):
        message = Inbound(f"SM{index:032d}", "sms", "+18765551234", "x", body)
        inbound.receive(services.desk, message, utcnow(), _BrokenModel())
    assert [reply.purpose for reply in outbox(services)] == ["onboarding_language", "crisis_reply"]


def test_odd_bytes_and_long_fields_are_cleaned_and_the_message_is_stored(
    client: FlaskClient, services: Services
) -> None:
    form = inbound_form(
        "SM" + "8" * 32, "hel\x00lo", sender="whatsapp:+50937001299",
        To=f"whatsapp:\x00{WHATSAPP_FROM}", ProfileName="W" * 300 + "\x00", WaId="5" * 64,
    )  # fmt: skip
    assert post_signed(client, services, form).status_code == 200
    with services.sessions.begin() as session:
        stored = session.scalars(select(InboundMessage)).one()
        assert (stored.body, stored.profile_name, stored.wa_id) == ("hello", "W" * 200, "5" * 64)
        assert "\x00" not in stored.to_address
    assert [m.purpose for m in outbox(services)] == ["onboarding_language"]


def test_a_whatsapp_user_without_a_phone_number_is_stored_and_answered_at_the_same_address(
    client: FlaskClient, services: Services
) -> None:
    bsuid = "US.13491208655302741918"
    form = inbound_form("SM" + "9" * 32, "hello", sender=f"whatsapp:{bsuid}",
                        To=f"whatsapp:{WHATSAPP_FROM}")  # fmt: skip
    assert post_signed(client, services, form).status_code == 200
    [reply] = outbox(services)
    assert (reply.to_e164, reply.channel) == (bsuid, "whatsapp")
    with services.sessions.begin() as session:
        assert session.scalars(select(InboundMessage)).one().from_e164 == bsuid
