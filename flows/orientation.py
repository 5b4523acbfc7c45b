"""Orientation answers: where, when, who and what to bring, from the country's content."""

import itertools
from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows.answers import says_no_id
from flows.content import FREE, Country, Hours, Service
from flows.conversation import Context, Conversation, DirectoryPartner, Event, Send
from flows.keywords import normalise_word
from flows.segments import count_segments
from flows.texts import day_names, label, render

# Service intents of the NLU contract, and the content key each one asks about.
SERVICE_INTENTS: dict[str, str] = {
    "ask_counselling": "counselling",
    "ask_vocational_training": "vocational_training",
    "ask_business_training": "business_training",
    "ask_job": "job_placement",
    "ask_grant": "grants",
    "ask_drug_rehab": "drug_rehab",
    "ask_documents": "documents",
    "ask_health": "health",
    "ask_housing": "housing",
}

# Follow-up words that keep the current topic ("where is it?", "what do I bring?").
FOLLOW_UP_WORDS: dict[str, str] = {
    word: aspect
    for words, aspect in (
        ("WHERE WHR WHER WEH WEY WHEREABOUTS ADDRESS LOCATION DONDE ONDE DIRECCION UBICACION "
         "OU ADRESSE KOTE ADRES", "where"),
        ("WHEN WEN WHN HOURS HOUR TIME OPEN OPENS CLOSE CUANDO HORARIO HORA QUAND HEURE HEURES "
         "HORAIRE KILE", "when"),
        ("BRING TAKE CARRY TRAER LLEVAR APPORTER AMENER POTE MENNEN", "bring"),
        ("COST COSTS PAY PAYING PRICE FREE FEE FEES CHARGE CUANTO CUESTA PAGAR PAGO GRATIS "
         "PRECIO COBRAN COMBIEN PAYER PAYANT GRATUIT PRIX KONBYEN PEYE FRE", "cost"),
        ("QUALIFY ELIGIBLE ELIGIBILITY REQUIREMENTS REQUIREMENT REQUISITOS REQUISITO CALIFICO "
         "ELEGIBLE CONDITIONS KALIFYE KONDISYON", "eligibility"),
    )
    for word in words.split()
}  # fmt: skip


def words_of(body: str) -> list[str]:
    """The message's words, upper-case, accents and punctuation folded away."""
    return [normalise_word(word) for word in body.replace("?", " ").split()]


def follow_up_aspect(body: str) -> str | None:
    """Which detail a follow-up question asks for (where, when, bring), if any."""
    words = words_of(body)
    pairs = {("KI", "LE"): "KILE", ("HOW", "MUCH"): "COST"}
    words += [pairs[pair] for pair in itertools.pairwise(words) if pairs.get(pair)]
    aspects = [FOLLOW_UP_WORDS[w] for w in words if w in FOLLOW_UP_WORDS]
    return aspects[0] if aspects else None


def format_hours(hours: Hours, language: str) -> str:
    """'Mon-Fri 08:30-16:30' with the day names of `language`."""
    names = day_names(language)
    groups: list[list[int]] = []
    for day in sorted(hours.days):
        if groups and groups[-1][-1] == day - 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    days = ",".join(names[g[0]] if len(g) == 1 else f"{names[g[0]]}-{names[g[-1]]}" for g in groups)
    return f"{days} {hours.open:%H:%M}-{hours.close:%H:%M}"


def _service_hours(service: Service, country: Country, language: str) -> str:
    if service.hours is None:
        return render("by_appointment", language, phone=country.office.phone)
    return format_hours(service.hours, language)


def _bring(service: Service, language: str) -> str:
    if not service.bring:
        return render("nothing_to_bring", language)
    return ", ".join(label(item, language) for item in service.bring)


def nearest_first(
    partners: tuple[DirectoryPartner, ...], area: str | None
) -> list[DirectoryPartner]:
    """The partners serving the returnee's area first, then the others, each in their order."""
    wanted = normalise_word(area or "")
    serves = [p for p in partners if wanted and wanted in {normalise_word(a) for a in p.areas}]
    return serves + [p for p in partners if p not in serves]


def _named(partner: DirectoryPartner) -> str:
    return f"{partner.name} {partner.phone}" if partner.phone else partner.name


def directory_answer(
    country: Country, key: str, language: str, partners: tuple[DirectoryPartner, ...],
    area: str | None,
) -> str:  # fmt: skip
    """A service answer naming the directory's partners, the nearest first: as many as fit
    in two SMS segments (at most three), with the first one's address and hours."""
    ordered = nearest_first(partners, area)
    service, first = country.services[key], ordered[0]
    values = {
        "service": label(key, language), "where": first.address or service.where or
        country.office.address, "hours": first.hours or _service_hours(service, country,
        language), "bring": _bring(service, language),
    }  # fmt: skip
    for count in range(min(3, len(ordered)), 0, -1):
        names = " / ".join(_named(partner) for partner in ordered[:count])
        body = render("service_answer", language, partner=names, **values)
        if count_segments(body).segments <= 2:
            return body
    return render("service_answer", language, partner=first.name[:40], **values)


def service_answer(
    country: Country, key: str, language: str, partners: tuple[DirectoryPartner, ...] = (),
    area: str | None = None,
) -> str:  # fmt: skip
    """The answer to a service question: who, where, when, what to bring."""
    if partners:
        return directory_answer(country, key, language, partners, area)
    service, office = country.services[key], country.office
    name = label(key, language)
    if service.partner is None:
        return render(
            "service_via_office", language, service=name, office=office.name,
            address=office.address, hours=format_hours(office.hours, language),
        )  # fmt: skip
    return render(
        "service_answer", language, service=name, partner=service.partner,
        where=service.where or office.address, hours=_service_hours(service, country, language),
        bring=_bring(service, language),
    )  # fmt: skip


def follow_up_answer(country: Country, topic: str, aspect: str, language: str) -> str:
    """The answer to 'where is it?', 'when?', 'what do I bring?', 'how much?' or 'can I get
    it?' about the current topic (a service, or a document: `doc:passport`)."""
    document = country.documents.get(topic[4:]) if topic.startswith("doc:") else None
    key = service_of(topic)
    service, office = country.services[key], country.office
    name = label(f"doc_{topic[4:]}", language) if document else label(key, language)
    if aspect == "cost":
        return cost_answer(name, document.cost if document else service.cost, country, language)
    if aspect == "eligibility":
        return render("follow_eligibility", language, service=name, bring=_bring(service, language))
    if document is not None and aspect in ("where", "bring"):
        return document_answer(country, topic[4:], language)
    if aspect == "when":
        return render("follow_when", language, service=name,
                      hours=_service_hours(service, country, language))  # fmt: skip
    if aspect == "bring":
        return render("follow_bring", language, service=name, bring=_bring(service, language))
    return render(
        "follow_where", language, service=name, partner=service.partner or office.name,
        where=service.where or office.address, phone=office.phone,
    )  # fmt: skip


def office_answer(country: Country, language: str) -> str:
    """Where the office is, when it is open and its phone number."""
    office = country.office
    return render(
        "office_answer", language, office=office.name, address=office.address,
        hours=format_hours(office.hours, language), phone=office.phone,
    )  # fmt: skip


def contact_when(country: Country, now: datetime, language: str) -> str:
    """When a caseworker can call back: within today's office hours, or the next open day."""
    local = now.astimezone(ZoneInfo(country.time_zone))
    hours = country.office.hours
    if local.weekday() in hours.days and local.time() < hours.close:
        if local.time() >= hours.open:
            return render("when_now", language, time=_hm(hours.close))
        return render("when_today", language, time=_hm(hours.open))
    for ahead in range(1, 8):
        day = (local + timedelta(days=ahead)).weekday()
        if day in hours.days:
            if ahead == 1:
                return render("when_tomorrow", language, time=_hm(hours.open))
            return render("when_day", language, day=day_names(language)[day],
                          time=_hm(hours.open))  # fmt: skip
    raise ValueError(f"office of {country.code} has no opening days")  # content forbids it


def _hm(moment: time) -> str:
    return f"{moment:%H:%M}"


def service_of(topic: str) -> str:
    """The service a topic belongs to (a document's is `documents`)."""
    return "documents" if topic.startswith("doc:") else topic


def cost_words(cost: str | None, language: str) -> str:
    """ "free", the amount, or "ask the office", in `language`."""
    if cost is None:
        return label("cost_unknown", language)
    return label("cost_free", language) if cost == FREE else cost


def cost_answer(name: str, cost: str | None, country: Country, language: str) -> str:
    """What a service or document costs, from the content."""
    if cost is None:
        return render("follow_cost_unknown", language, service=name, phone=country.office.phone)
    if cost == FREE:
        return render("follow_cost_free", language, service=name)
    return render("follow_cost_amount", language, service=name, cost=cost)


def document_answer(country: Country, key: str, language: str) -> str:
    """Where to apply for a document, its cost and what to bring (never the document)."""
    document = country.documents.get(key)
    name = label(f"doc_{key}", language)
    if document is None:
        return render("document_not_issued", language, document=name,
                      country=country.name(language), phone=country.office.phone)  # fmt: skip
    bring = ", ".join(label(item, language) for item in document.bring)
    return render(
        "document_answer", language, document=name, where=document.where,
        cost=cost_words(document.cost, language),
        bring=bring or render("nothing_to_bring", language),
    )  # fmt: skip


def service_reply(
    conversation: Conversation, event: Event, ctx: Context, key: str, document: str | None = None
) -> tuple[Conversation, list[Send]]:
    """Answer a service question (or a named document's), and make it the topic."""
    country, language = ctx.country(conversation, event), conversation.language
    until = ctx.now + ctx.policy.topic
    if key == "documents" and document is not None and document in country.documents:
        body = document_answer(country, document, language)
        topical = replace(conversation, topic=f"doc:{document}", topic_until=until, asked=None)
        return topical, [Send(body, f"document_{document}")]
    topical = replace(conversation, topic=key, topic_until=until, asked=None)
    # The directory's partners were looked up for this message's own service question.
    asked = SERVICE_INTENTS.get(event.intent or "") == key
    body = service_answer(country, key, language, event.partners if asked else (), event.area)
    sends = [Send(body, f"orientation_{key}")]
    if "id_card" in country.services[key].bring and says_no_id(event.body):
        sends.append(Send(render("no_id_hint", language), "no_id_hint"))
    return topical, sends


def answer_pending(
    conversation: Conversation, event: Event, ctx: Context, intent: str, document: str | None
) -> tuple[Conversation, list[Send]]:
    """Answer the request a returnee made while onboarding."""
    if intent == "ask_office":
        body = office_answer(ctx.country(conversation, event), conversation.language)
        return conversation, [Send(body, "orientation_office")]
    return service_reply(conversation, event, ctx, SERVICE_INTENTS[intent], document)
