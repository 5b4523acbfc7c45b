"""`returnee export regional`: the quarter's regional dataset as CSV files and datapackage.json."""

from collections.abc import Callable
from pathlib import Path

import click

from bot.bootstrap import Services
from bot.casework.staff import audit
from bot.clock import utcnow
from bot.reports import regional
from bot.reports.quarters import QuarterError, parse_quarter


def register(cli: click.Group, services: Callable[[], Services]) -> None:
    """Add the export commands to the `returnee` group."""

    @cli.group()
    def export() -> None:
        """Export datasets for sharing."""

    @export.command("regional")
    @click.option("--quarter", required=True, help="the calendar quarter, like 2026Q4")
    @click.option(
        "--out", required=True, type=click.Path(file_okay=False, path_type=Path),
        help="the folder to write the CSV files and datapackage.json into",
    )  # fmt: skip
    def export_regional(quarter: str, out: Path) -> None:
        """Write the pseudonymised regional dataset of a quarter (audited)."""
        now = utcnow()
        try:
            chosen = parse_quarter(quarter, now)
        except QuarterError as error:
            raise click.BadParameter(str(error), param_hint="--quarter") from None
        built = services()
        with built.sessions.begin() as session:
            dataset = regional.build(session, chosen, built.desk.pseudonym_key)
            count = len(dataset.tables["returnees"])
            written = regional.write_package(dataset, out)  # a failed write is not audited
            audit(session, None, "export_regional", now, channel="cli",
                  detail=f"{chosen} all tables (csv): {count} returnees to {out}")  # fmt: skip
        click.echo(f"regional dataset {chosen}: {count} returnees; wrote "
                   f"{', '.join(path.name for path in written)} to {out}")  # fmt: skip
