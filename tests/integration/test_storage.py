"""Storage facts the rest relies on: several numbers per contact, no data in error text."""

import pytest
from sqlalchemy.exc import IntegrityError

from bot.bootstrap import Services
from bot.clock import utcnow
from storage import repositories as repo
from storage.models import ContactNumber, InboundMessage


def test_a_contact_keeps_several_numbers_and_each_has_its_own_opt_out(services: Services) -> None:
    now = utcnow()
    with services.sessions.begin() as session:
        old_sim = repo.add_contact_with_number(session, "+18765550001", "en", "sms", now)
        new_sim = ContactNumber(
            contact=old_sim.contact, e164="+18765550002", first_seen_at=now, last_seen_at=now
        )
        session.add(new_sim)
        session.flush()
        repo.mark_opted_out(session, "+18765550001", now)
    with services.sessions.begin() as session:
        first = repo.find_number(session, "+18765550001")
        second = repo.find_number(session, "+18765550002")
        assert first is not None and second is not None
        assert first.contact_id == second.contact_id
        assert [n.e164 for n in first.contact.numbers] == ["+18765550001", "+18765550002"]
        assert first.opted_out_at is not None and second.opted_out_at is None


def test_a_database_error_message_never_contains_the_message_body_or_number(
    services: Services,
) -> None:
    now = utcnow()
    row = {"message_sid": "SM1", "channel": "sms", "from_e164": "+18765559876", "to_address": "x",
           "body": "my secret story", "received_at": now}  # fmt: skip
    with services.sessions.begin() as session:
        session.add(InboundMessage(**row))
    with pytest.raises(IntegrityError) as caught, services.sessions.begin() as session:
        session.add(InboundMessage(**row))
    assert "my secret story" not in str(caught.value)
    assert "+18765559876" not in str(caught.value)


def test_bootstrap_builds_the_rasa_client_exactly_when_rasa_url_is_set(services: Services) -> None:
    from dataclasses import replace

    from bot.bootstrap import bootstrap
    from nlu.client import RasaClient

    assert services.nlu is None  # the test settings set no RASA_URL
    settings = replace(services.settings, rasa_url="http://127.0.0.1:5005", rasa_auth_token="t")
    built = bootstrap(settings)
    assert isinstance(built.nlu, RasaClient)
    assert (built.nlu.base_url, built.nlu.params) == ("http://127.0.0.1:5005", {"token": "t"})
    built.engine.dispose()
