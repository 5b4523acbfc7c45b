"""The monthly report as files: a CSV of (section, item, measure, value) rows, and an XLSX
workbook with the same rows on one sheet and the twelve-month trends on another."""

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

Json = dict[str, Any]
Row = tuple[str, str, str, Any]
HEADER = ("section", "item", "measure", "value")
SUMMARY = ("consented", "reached", "wrote_in", "opt_outs", "erasures")


def rows(report: Json) -> list[Row]:
    """Every figure of the report as one row each, in the order the page shows them."""
    return [*_about(report), *_registered(report), *_summary(report), *_checkins(report),
            *_alerts(report), *_referrals(report), *_services(report), *_grants(report),
            *_sustainability(report), *_funnel(report), *_trends(report)]  # fmt: skip


def _about(report: Json) -> list[Row]:
    return [("report", "office", "", report["office"]), ("report", "month", "", report["month"]),
            ("report", "time_zone", "", report["time_zone"]),
            ("report", "period", "start", report["period"]["start"]),
            ("report", "period", "end", report["period"]["end"])]  # fmt: skip


def _registered(report: Json) -> list[Row]:
    registered = report["registered"]
    found: list[Row] = [("registered", "total", "", registered["total"])]
    found += [("registered", "return_type", k, v) for k, v in registered["by_return_type"].items()]
    return found + [("registered", "deporting_country", k, v)
                    for k, v in registered["by_deporting_country"].items()]  # fmt: skip


def _summary(report: Json) -> list[Row]:
    found: list[Row] = [("returnees", name, "", report[name]) for name in SUMMARY]
    return found + [("messages", name, "", n) for name, n in report["messages"].items()]


def _checkins(report: Json) -> list[Row]:
    checkins = report["checkins"]
    found: list[Row] = [("checkins", "sent", "", checkins["sent"]),
                        ("checkins", "answered", "", checkins["answered"])]  # fmt: skip
    return found + [("checkins", "answer", k, v) for k, v in checkins["by_answer"].items()]


def _alerts(report: Json) -> list[Row]:
    measures = ("raised", "acknowledged", "median_minutes_to_acknowledge")
    return [
        ("alerts", row["kind"], name, row[name]) for row in report["alerts"] for name in measures
    ]


def _referrals(report: Json) -> list[Row]:
    return [("referrals", f"{row['service']}/{row['partner_kind']}", name, row[name])
            for row in report["referrals"] for name in ("made", "completed")]  # fmt: skip


def _services(report: Json) -> list[Row]:
    return [("services", row["kind"], "delivered", row["delivered"]) for row in report["services"]]


def _grants(report: Json) -> list[Row]:
    return [("grants", row["business_type"], name, row[name])
            for row in report["grants"] for name in ("approved", "disbursed")]  # fmt: skip


def _sustainability(report: Json) -> list[Row]:
    scores = report["sustainability"]
    found: list[Row] = [("sustainability", "surveys", "", scores["surveys"])]
    return found + [("sustainability", k, "median", v) for k, v in scores["median"].items()]


def _funnel(report: Json) -> list[Row]:
    return [("funnel", stage, "", count) for stage, count in report["funnel"].items()]


def _trends(report: Json) -> list[Row]:
    trends = report["trends"]
    measures = [name for name in trends if name != "months"]
    return [("trends", name, month, trends[name][i])
            for name in measures for i, month in enumerate(trends["months"])]  # fmt: skip


def to_csv(report: Json) -> str:
    """The report as CSV (UTF-8, a header row; an empty cell where a median has no value)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(report))
    return out.getvalue()


def to_xlsx(report: Json) -> bytes:
    """The report as an XLSX workbook: sheet "Report" (every row) and sheet "Trends"."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Report"
    _fill(sheet, HEADER, rows(report))
    trends = report["trends"]
    measures = [name for name in trends if name != "months"]
    table = [(month, *(trends[name][i] for name in measures))
             for i, month in enumerate(trends["months"])]  # fmt: skip
    _fill(book.create_sheet("Trends"), ("month", *measures), table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: Any, header: tuple[str, ...], table: list[tuple[Any, ...]]) -> None:
    """A bold header row, then the rows; the columns wide enough to read."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(list(row))
    for index, _ in enumerate(header):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 22
    sheet.freeze_panes = "A2"
