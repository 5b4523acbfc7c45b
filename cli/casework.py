"""`returnee caseworker ...` and `returnee content check`: operator commands for casework."""

from collections.abc import Callable

import click

from bot.bootstrap import Services
from bot.casework.staff import hash_password, issue_token, member, revoke_tokens_of
from bot.clock import utcnow
from bot.content import concerns
from bot.phones import InvalidNumber, parse_address
from storage import casework_repo as cases
from storage.casework import Caseworker
from storage.staff import StaffOffice

ROLES = ("caseworker", "supervisor", "admin")


def register(cli: click.Group, services: Callable[[], Services]) -> None:
    """Add the casework commands to the `returnee` group."""

    @cli.group()
    def caseworker() -> None:
        """Manage the caseworkers who receive alerts."""

    @caseworker.command("add")
    @click.option("--name", required=True)
    @click.option("--phone", required=True, help="E.164, like +18765550100")
    @click.option("--email", required=True)
    @click.option("--office", required=True, help="country code of the office, like JM")
    @click.option("--role", type=click.Choice(ROLES), default="caseworker", show_default=True)
    @click.option("--on-call", is_flag=True, help="receives alerts of unassigned returnees")
    @click.option("--language", type=click.Choice(["en", "es", "fr", "ht"]), default="en")
    def add(name: str, phone: str, email: str, office: str, role: str, on_call: bool,
            language: str) -> None:  # fmt: skip
        """Add a caseworker (or update the one with this phone)."""
        built = services()
        e164 = e164_of(phone)
        office = office.upper()
        if built.desk.catalogue.get(office) is None:
            raise click.BadParameter(f"no content file for office {office}", param_hint="--office")
        if "@" not in email:
            raise click.BadParameter("must be an email address", param_hint="--email")
        with built.sessions.begin() as session:
            person = session.query(Caseworker).filter_by(phone=e164).one_or_none()
            if person is None:
                person = Caseworker(phone=e164, created_at=utcnow())
                session.add(person)
            person.name, person.email = name, email.lower()
            person.office, person.role = office, role
            person.on_call, person.language, person.active = on_call, language, True
        click.echo(
            f"caseworker {name} ({e164}) at {office}: {role}{', on call' if on_call else ''}"
        )

    @caseworker.command("password")
    @click.option("--email", required=True)
    @click.password_option(help="the new dashboard password (asked twice if not given)")
    def password(email: str, password: str) -> None:
        """Set a caseworker's dashboard password (argon2-hashed; unlocks the account)."""
        if len(password) < 10:
            raise click.BadParameter("use at least 10 characters", param_hint="--password")
        with services().sessions.begin() as session:
            person = session.query(Caseworker).filter_by(email=email.strip().lower()).one_or_none()
            if person is None:
                raise click.ClickException(f"no caseworker with email {email}")
            person.password_hash = hash_password(password)
            person.failed_logins, person.locked_until = 0, None
        click.echo(f"password set for {email}")

    @caseworker.command("offices")
    @click.option("--email", required=True)
    @click.option("--add", "add_", multiple=True, help="an office to add, like HT")
    @click.option("--remove", multiple=True, help="an office to remove")
    def offices(email: str, add_: tuple[str, ...], remove: tuple[str, ...]) -> None:
        """Let a caseworker see more country offices than their own (or fewer)."""
        built = services()
        with built.sessions.begin() as session:
            person = session.query(Caseworker).filter_by(email=email.strip().lower()).one_or_none()
            if person is None:
                raise click.ClickException(f"no caseworker with email {email}")
            for office in (o.upper() for o in add_):
                if built.desk.catalogue.get(office) is None:
                    raise click.BadParameter(f"no content file for {office}", param_hint="--add")
                session.merge(StaffOffice(caseworker_id=person.id, office=office))
            for office in (o.upper() for o in remove):
                found = session.get(StaffOffice, (person.id, office))
                if found is not None:
                    session.delete(found)
            session.flush()
            click.echo(f"{email}: {', '.join(member(session, person).offices)}")

    @caseworker.command("token")
    @click.option("--email", required=True)
    @click.option("--name", required=True, help="what the token is for, like 'Primero sync'")
    def token(email: str, name: str) -> None:
        """Issue an API bearer token for a partner system (shown once)."""
        with services().sessions.begin() as session:
            person = session.query(Caseworker).filter_by(email=email.strip().lower()).one_or_none()
            if person is None:
                raise click.ClickException(f"no caseworker with email {email}")
            issued = issue_token(session, person.id, name, utcnow())
        click.echo(issued)

    @caseworker.command("revoke-tokens")
    @click.option("--email", required=True)
    def revoke_tokens(email: str) -> None:
        """Revoke every API token of a caseworker (a partner system must get a new one)."""
        with services().sessions.begin() as session:
            person = session.query(Caseworker).filter_by(email=email.strip().lower()).one_or_none()
            if person is None:
                raise click.ClickException(f"no caseworker with email {email}")
            count = revoke_tokens_of(session, person.id, utcnow())
        click.echo(f"{count} tokens revoked for {email}")

    @caseworker.command("list")
    @click.option("--office", default=None, help="only this office")
    def list_(office: str | None) -> None:
        """List the active caseworkers."""
        with services().sessions.begin() as session:
            people = cases.list_caseworkers(session, office.upper() if office else None)
            for p in people:
                flags = " on-call" if p.on_call else ""
                click.echo(f"{p.office}  {p.role:<10} {p.phone:<16} {p.email:<30} {p.name}{flags}")
            if not people:
                click.echo("no caseworkers")

    @caseworker.command("remove")
    @click.option("--phone", required=True)
    def remove(phone: str) -> None:
        """Deactivate a caseworker (their alerts stay on record)."""
        e164 = e164_of(phone)
        with services().sessions.begin() as session:
            person = cases.caseworker_by_phone(session, e164)
            if person is None:
                raise click.ClickException(f"no active caseworker with phone {e164}")
            person.active, person.on_call = False, False
        click.echo(f"caseworker {e164} removed")

    @cli.group()
    def content() -> None:
        """Country content commands."""

    @content.command("check")
    def check() -> None:
        """Validate the content files and list what offices must confirm or replace."""
        catalogue = services().desk.catalogue
        found = concerns(catalogue)
        click.echo(f"content ok: {len(catalogue.countries)} countries "
                   f"({', '.join(catalogue.order)})")  # fmt: skip
        for item in found:
            mark = "UNVERIFIED" if item.what == "unverified" else "EXAMPLE   "
            click.echo(f"  {mark} {item.country} {item.key}")
        click.echo(f"{len(found)} items to confirm or replace before launch")


def e164_of(raw: str) -> str:
    """The number in E.164 form, or a usage error naming the expected form."""
    try:
        return parse_address(raw).e164
    except InvalidNumber:
        raise click.BadParameter("must be a phone number like +18765550100") from None
