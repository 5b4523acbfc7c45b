"""`returnee report monthly`: the monthly programme report for operators (every office)."""

import json
from collections.abc import Callable
from pathlib import Path

import click

from bot.bootstrap import Services
from bot.casework.staff import audit
from bot.clock import utcnow
from bot.reports import monthly, monthly_files

FORMATS = ("json", "csv", "xlsx")


def register(cli: click.Group, services: Callable[[], Services]) -> None:
    """Add the `report` group to the `returnee` group."""

    @cli.group()
    def report() -> None:
        """Programme reports."""

    @report.command("monthly")
    @click.option("--office", default=monthly.ALL, show_default=True,
                  help="a programme office's country code, like JM, or all")  # fmt: skip
    @click.option("--month", default=None, help="YYYY-MM; default this month")
    @click.option("--format", "kind", type=click.Choice(FORMATS), default="json",
                  show_default=True)  # fmt: skip
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                  help="write to this file instead of the standard output")  # fmt: skip
    def monthly_report(office: str, month: str | None, kind: str, out: Path | None) -> None:
        """The monthly report of an office (or every office), as JSON, CSV or XLSX (audited)."""
        if kind == "xlsx" and out is None:
            raise click.UsageError("XLSX is binary: give --out FILE")
        built, now = services(), utcnow()
        try:
            asked = monthly.ask(built.desk.catalogue, None, office, month, now)
        except monthly.ReportRefused as error:
            raise click.BadParameter(str(error), param_hint=f"--{error.field}") from None
        with built.sessions.begin() as db:
            found = monthly.monthly_report(db, asked)
            audit(db, None, "view_report", now, office=asked.office, channel="cli",
                  detail=f"monthly {asked.office_name} {asked.month} {kind}")  # fmt: skip
        _write(_render(found, kind), out)
        if out is not None:
            click.echo(f"monthly report {asked.office_name} {asked.month} written to {out}")


def _render(report: monthly.Json, kind: str) -> bytes:
    """The report in the asked format."""
    if kind == "csv":
        return monthly_files.to_csv(report).encode("utf-8")
    if kind == "xlsx":
        return monthly_files.to_xlsx(report)
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write(body: bytes, out: Path | None) -> None:
    """To the file, or (JSON and CSV) to the standard output."""
    if out is not None:
        out.write_bytes(body)
    else:
        click.echo(body.decode("utf-8"), nl=False)
