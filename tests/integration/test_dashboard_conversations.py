"""The returnee page during a handoff: acknowledge and resolve there, who acknowledged, the
caseworker's messages apart from the bot's, office-local times, unread messages, a name for
someone who texted in, and a page that reloads when a message comes."""

import re
from typing import Any

from flask import Flask

from bot.bootstrap import Services
from bot.conversations import inbound
from bot.messaging.ports import Inbound
from storage.casework import Alert
from storage.models import Contact
from tests.helpers import db_rows
from tests.integration.test_dashboard import (  # noqa: F401  (world is a fixture)
    JM_RETURNEE,
    NOW,
    crisis,
    post,
    sign_in,
    world,
)

World = tuple[Services, Flask, dict[str, int]]


def text_in(services: Services, body: str, sid: str) -> None:
    message = Inbound(sid, "sms", JM_RETURNEE, "+18765550000", body)
    inbound.receive(services.desk, message, NOW)


def test_a_crisis_is_acknowledged_and_resolved_from_the_returnee_page_which_says_by_whom(
    world: World,  # noqa: F811
) -> None:
    services, app, ids = world
    crisis(services, JM_RETURNEE)
    client = sign_in(app, "marcia@office.test")
    page_url = f"/dashboard/returnees/{ids['jm']}"
    [alert] = db_rows(services, Alert)

    acked = post(client, page_url, f"/dashboard/alerts/{alert.id}/acknowledge", back=page_url)
    assert acked.status_code == 302 and acked.headers["Location"].endswith(page_url)
    page = client.get(page_url).get_data(as_text=True)
    assert "acknowledged by Marcia at 2026-12-02 10:00 EST" in page  # Kingston, not UTC
    assert "paused, Marcia has the conversation" in page

    done = post(client, page_url, f"/dashboard/alerts/{alert.id}/resolve", back=page_url,
                note="called her, safe with family")  # fmt: skip
    assert done.status_code == 302 and done.headers["Location"].endswith(page_url)
    assert db_rows(services, Alert)[0].status == "resolved"


def test_a_back_address_elsewhere_is_ignored(world: World) -> None:  # noqa: F811
    services, app, ids = world
    crisis(services, JM_RETURNEE)
    client = sign_in(app, "marcia@office.test")
    [alert] = db_rows(services, Alert)
    page_url = f"/dashboard/returnees/{ids['jm']}"
    reply = post(client, page_url, f"/dashboard/alerts/{alert.id}/acknowledge",
                 back="https://evil.example/dashboard/")  # fmt: skip
    assert reply.headers["Location"].endswith("/dashboard/")


def test_unread_messages_show_in_the_queue_until_the_page_is_opened(
    world: World,  # noqa: F811
) -> None:
    services, app, ids = world
    crisis(services, JM_RETURNEE)
    text_in(services, "hello? are you there", "SM" + "d" * 32)
    text_in(services, "please answer", "SM" + "e" * 32)
    client = sign_in(app, "marcia@office.test")

    queue = client.get("/dashboard/").get_data(as_text=True)
    assert re.search(r"handoff message.*?3 unread", queue, flags=re.S)
    client.get(f"/dashboard/returnees/{ids['jm']}")
    assert "unread" not in client.get("/dashboard/").get_data(as_text=True)


def test_caseworker_messages_are_marked_apart_from_the_bots(world: World) -> None:  # noqa: F811
    services, app, ids = world
    crisis(services, JM_RETURNEE)
    client = sign_in(app, "marcia@office.test")
    page_url = f"/dashboard/returnees/{ids['jm']}"
    post(client, page_url, f"{page_url}/reply", body="Hello, this is Marcia", nonce="n1")

    page = client.get(page_url).get_data(as_text=True)
    assert re.search(r'class="out caseworker".*?Hello, this is Marcia', page, flags=re.S)
    assert re.search(r'class="out bot".*?We are worried about you', page, flags=re.S)
    assert re.search(r'class="in returnee".*?i want to kill myself', page, flags=re.S)


def test_the_page_version_changes_when_the_returnee_writes(world: World) -> None:  # noqa: F811
    services, app, ids = world
    client = sign_in(app, "marcia@office.test")
    url = f"/dashboard/returnees/{ids['jm']}/version"
    before = client.get(url).get_json()["version"]
    text_in(services, "hi", "SM" + "f" * 32)
    after = client.get(url).get_json()["version"]
    assert before != after
    assert client.get(f"/dashboard/returnees/{ids['ht']}/version").status_code == 404


def test_someone_who_texted_in_can_be_given_a_name_and_a_bad_one_is_refused(
    world: World,  # noqa: F811
) -> None:
    services, app, _ = world
    stranger_says = Inbound("SM" + "a" * 31 + "1", "sms", "+18765551999", "+18765550000",
                                    "hello")  # fmt: skip
    inbound.receive(services.desk, stranger_says, NOW)
    stranger = next(c for c in db_rows(services, Contact) if c.name is None)
    client = sign_in(app, "marcia@office.test")
    page_url = f"/dashboard/returnees/{stranger.id}"

    def name(value: Any) -> str:
        post(client, page_url, f"{page_url}/name", name=value)
        return client.get(page_url).get_data(as_text=True)

    assert "Not saved: the name is empty" in name("   ")
    assert "Not saved" in name("x" * 201)
    assert "<h1>Kemar Brown</h1>" in name("  Kemar   Brown ")
    assert "Name this person" not in client.get(page_url).get_data(as_text=True)
