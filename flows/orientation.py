"""Orientation answers: where, when, who and what to bring, from the country's content."""

import itertools
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows.content import Country, Hours, Service
from flows.keywords import normalise_word
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
        ("WHERE ADDRESS LOCATION DONDE DIRECCION UBICACION OU ADRESSE KOTE ADRES", "where"),
        ("WHEN HOURS HOUR TIME OPEN CUANDO HORARIO HORA QUAND HEURE HEURES HORAIRE KILE",
         "when"),
        ("BRING TAKE CARRY TRAER LLEVAR APPORTER AMENER POTE MENNEN", "bring"),
    )
    for word in words.split()
}  # fmt: skip


def words_of(body: str) -> list[str]:
    """The message's words, upper-case, accents and punctuation folded away."""
    return [normalise_word(word) for word in body.replace("?", " ").split()]


def follow_up_aspect(body: str) -> str | None:
    """Which detail a follow-up question asks for (where, when, bring), if any."""
    words = words_of(body)
    words += ["KILE" for a, b in itertools.pairwise(words) if (a, b) == ("KI", "LE")]
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


def service_answer(country: Country, key: str, language: str) -> str:
    """The answer to a service question: who, where, when, what to bring."""
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


def follow_up_answer(country: Country, key: str, aspect: str, language: str) -> str:
    """The answer to 'where is it?', 'when?' or 'what do I bring?' about the current topic."""
    service, office = country.services[key], country.office
    name = label(key, language)
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
