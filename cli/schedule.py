"""`returnee schedule preview` and `returnee milestone ...`: the scheduler's operator commands."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from sqlalchemy.orm import Session

from bot.bootstrap import Services
from bot.clock import utcnow
from bot.schedule.milestones import (
    MilestoneError,
    add_milestone,
    find_milestone,
    move_milestone,
    parse_local,
    set_status,
)
from bot.schedule.planning import contact_zone
from bot.schedule.preview import preview
from cli.casework import e164_of
from storage import repositories as repo
from storage import schedule_repo as plan
from storage.models import Contact
from storage.schedule import Milestone

SAMPLE = 15


def register(cli: click.Group, services: Callable[[], Services]) -> None:
    """Add the schedule and milestone commands to the `returnee` group."""

    @cli.group()
    def schedule() -> None:
        """The scheduler's plan."""

    @schedule.command("preview")
    @click.option("--days", default=7, show_default=True, type=click.IntRange(1, 62))
    @click.option("--sample", default=SAMPLE, show_default=True, type=click.IntRange(0, 1000))
    def preview_(days: int, sample: int) -> None:
        """List what will go out in the next days, when and to whom, without sending."""
        plan_ = preview(services().desk, utcnow(), days)
        span = f"{plan_.start:%Y-%m-%d %H:%M} to {plan_.end:%Y-%m-%d %H:%M} UTC"
        click.echo(f"next {days} days ({span}): {len(plan_.items)} messages to "
                   f"{plan_.returnees} returnees")  # fmt: skip
        for title, field in (("by kind", "purpose"), ("by country", "country"),
                             ("by local day", "day")):  # fmt: skip
            counts = plan_.counts(field)
            click.echo(f"{title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if plan_.items and sample:
            click.echo(f"first {min(sample, len(plan_.items))}:")
        for item in plan_.items[:sample]:
            mark = "" if item.planned else "  (planned at the next hourly run)"
            click.echo(f"  {item.local:<36} {item.country}  {item.who:<32} {item.what}{mark}")

    @cli.group()
    def milestone() -> None:
        """A returnee's milestones (their reminders are planned from content/reminders.yml)."""

    @milestone.command("add")
    @click.option("--phone", required=True, help="the returnee's number, E.164")
    @click.option("--kind", required=True, help="a milestone type of content/reminders.yml")
    @click.option("--at", "at_", required=True, help="local date and time, YYYY-MM-DD HH:MM")
    @click.option("--place", required=True)
    def add(phone: str, kind: str, at_: str, place: str) -> None:
        """Record a milestone and plan its reminders."""
        built, now = services(), utcnow()
        with built.sessions.begin() as session:
            contact, zone = _returnee(session, built, phone)
            try:
                row = add_milestone(session, built.desk, contact.id, kind, _local(at_, zone),
                                    place, now)  # fmt: skip
            except MilestoneError as error:
                raise click.ClickException(str(error)) from None
            _show(session, row, zone)

    @milestone.command("list")
    @click.option("--phone", required=True)
    def list_(phone: str) -> None:
        """A returnee's milestones and their reminders."""
        built = services()
        with built.sessions.begin() as session:
            contact, zone = _returnee(session, built, phone)
            for row in plan.milestones_of(session, contact.id):
                _show(session, row, zone)

    @milestone.command("move")
    @click.argument("milestone_id", type=int)
    @click.option("--at", "at_", required=True, help="new local date and time, YYYY-MM-DD HH:MM")
    @click.option("--place", default=None)
    def move(milestone_id: int, at_: str, place: str | None) -> None:
        """Change a milestone's date (and place): its reminders are planned again."""
        built = services()
        with built.sessions.begin() as session:
            row, zone = _milestone(session, built, milestone_id)
            move_milestone(session, built.desk, row, _local(at_, zone), utcnow(), place)
            _show(session, row, zone)

    @milestone.command("status")
    @click.argument("milestone_id", type=int)
    @click.argument("status", type=click.Choice(["planned", "done", "missed", "cancelled"]))
    def status(milestone_id: int, status: str) -> None:
        """Mark a milestone done, missed or cancelled (its reminders stop), or planned again."""
        built = services()
        with built.sessions.begin() as session:
            row, zone = _milestone(session, built, milestone_id)
            set_status(session, built.desk, row, status, utcnow())
            _show(session, row, zone)


def _returnee(session: Session, built: Services, phone: str) -> tuple[Contact, ZoneInfo]:
    number = repo.find_number(session, e164_of(phone))
    if number is None:
        raise click.BadParameter("no returnee with this number", param_hint="--phone")
    contact = number.contact
    return contact, contact_zone(contact, built.desk.catalogue)


def _milestone(session: Session, built: Services, milestone_id: int) -> tuple[Milestone, ZoneInfo]:
    found = find_milestone(session, milestone_id)
    if found is None:
        raise click.ClickException(f"no milestone {milestone_id}")
    row, contact = found
    return row, contact_zone(contact, built.desk.catalogue)


def _show(session: Session, row: Milestone, zone: ZoneInfo) -> None:
    local = row.at.astimezone(zone)
    click.echo(f"#{row.id} {row.kind} {local:%Y-%m-%d %H:%M} {zone.key} at {row.place}: "
               f"{row.status}{f', answered {row.answer}' if row.answer else ''}")  # fmt: skip
    for entry in plan.entries_of(session, row.id):
        when = entry.fire_at.astimezone(zone)
        click.echo(f"    reminder {when:%Y-%m-%d %H:%M}: {entry.state}"
                   f"{f' ({entry.reason})' if entry.reason else ''}")  # fmt: skip


def _local(raw: str, zone: ZoneInfo) -> datetime:
    try:
        return parse_local(raw, zone)
    except MilestoneError as error:
        raise click.BadParameter(str(error), param_hint="--at") from None
