"""`returnee caseworker ...` and `returnee content check`: operator commands for casework."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from bot.bootstrap import Services
from bot.casework import roster
from bot.casework.staff import issue_token, revoke_tokens_of
from bot.clock import utcnow
from bot.content import concerns
from bot.phones import InvalidNumber, parse_address
from flows.texts import LANGUAGES
from storage import casework_repo as cases


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
    @click.option(
        "--role", type=click.Choice(roster.ROLES), default="caseworker", show_default=True
    )
    @click.option("--on-call", is_flag=True, help="receives alerts of unassigned returnees")
    @click.option("--language", type=click.Choice(LANGUAGES), default="en")
    def add(name: str, phone: str, email: str, office: str, role: str, on_call: bool,
            language: str) -> None:  # fmt: skip
        """Add a caseworker (or update the one with this phone)."""
        built = services()
        e164 = e164_of(phone)
        office = office.upper()
        if built.desk.catalogue.get(office) is None:
            raise click.BadParameter(f"no content file for office {office}", param_hint="--office")
        with built.sessions.begin() as session, _refused("--email"):
            roster.save_caseworker(
                session, name=name, e164=e164, email=email, office=office, role=role,
                on_call=on_call, language=language, now=utcnow(),
            )  # fmt: skip
        click.echo(
            f"caseworker {name} ({e164}) at {office}: {role}{', on call' if on_call else ''}"
        )

    @caseworker.command("password")
    @click.option("--email", required=True)
    @click.password_option(help="the new dashboard password (asked twice if not given)")
    def password(email: str, password: str) -> None:
        """Set a caseworker's dashboard password (argon2-hashed; unlocks the account)."""
        with services().sessions.begin() as session, _refused("--password"):
            roster.set_password(session, email, password)
        click.echo(f"password set for {email}")

    @caseworker.command("offices")
    @click.option("--email", required=True)
    @click.option("--add", "add_", multiple=True, help="an office to add, like HT")
    @click.option("--remove", multiple=True, help="an office to remove")
    def offices(email: str, add_: tuple[str, ...], remove: tuple[str, ...]) -> None:
        """Let a caseworker see more country offices than their own (or fewer)."""
        built = services()
        for office in (o.upper() for o in add_):
            if built.desk.catalogue.get(office) is None:
                raise click.BadParameter(f"no content file for {office}", param_hint="--add")
        with built.sessions.begin() as session, _refused("--email"):
            seen = roster.change_offices(session, email, add_, remove)
        click.echo(f"{email}: {', '.join(seen.offices)}")

    @caseworker.command("token")
    @click.option("--email", required=True)
    @click.option("--name", required=True, help="what the token is for, like 'Primero sync'")
    def token(email: str, name: str) -> None:
        """Issue an API bearer token for a partner system (shown once)."""
        with services().sessions.begin() as session, _refused("--email"):
            person = roster.by_email(session, email)
            issued = issue_token(session, person.id, name, utcnow())
        click.echo(issued)

    @caseworker.command("revoke-tokens")
    @click.option("--email", required=True)
    def revoke_tokens(email: str) -> None:
        """Revoke every API token of a caseworker (a partner system must get a new one)."""
        with services().sessions.begin() as session, _refused("--email"):
            person = roster.by_email(session, email)
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
        with services().sessions.begin() as session, _refused("--phone"):
            roster.deactivate(session, e164)
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


@contextmanager
def _refused(param_hint: str) -> Iterator[None]:
    """A roster refusal as a usage error (no change is made: the transaction rolls back)."""
    try:
        yield
    except roster.RosterError as error:
        if str(error).startswith("no "):
            raise click.ClickException(str(error)) from None
        raise click.BadParameter(str(error), param_hint=param_hint) from None
