"""The regional dataset: one row per returnee and quarter under a keyed pseudonym, and aggregate
tables whose cells under 5 are suppressed. No names, numbers, free text or exact dates: the
rows are built from the fields of storage.regional_repo.Person and counts, nothing else."""

import csv
import io
import json
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.casework.erasure import age_band, keyed_hash
from bot.reports.quarters import Quarter, quarter_of
from flows.vocabulary import ServiceKind
from storage import regional_repo as repo

SUPPRESS_BELOW = 5
PACKAGE = Path(__file__).with_name("datapackage.json")
DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
# Each table's columns, in order, as the Data Package publishes them.
COLUMNS = {r["name"]: tuple(f["name"] for f in r["schema"]["fields"])
           for r in DESCRIPTOR["resources"]}  # fmt: skip
TABLES = tuple(COLUMNS)
SERVICE_KINDS = tuple(str(kind) for kind in ServiceKind)
SCORES = ("economic", "social", "psychosocial", "overall")
UNKNOWN = "unknown"
Value = str | int | float | bool | None
Row = dict[str, Value]


@dataclass(frozen=True)
class RegionalDataset:
    """A quarter's tables: `returnees` and the aggregates, each a list of rows."""

    quarter: Quarter
    tables: dict[str, list[Row]]

    def as_json(self) -> dict[str, Any]:
        """The API's JSON answer."""
        return {"quarter": str(self.quarter), "suppression_threshold": SUPPRESS_BELOW,
                **self.tables}  # fmt: skip


def pseudonym(key: str, contact_id: int) -> str:
    """The returnee's pseudonym: HMAC-SHA256 of their stable id with the deployment's key."""
    return keyed_hash(key, f"returnee:{contact_id}")


def build(session: Session, quarter: Quarter, key: str) -> RegionalDataset:
    """The dataset of one quarter (erased returnees are never in it)."""
    people = repo.people(session, quarter.end)
    services = repo.service_counts(session, quarter.first_day, quarter.last_day, quarter.end)
    referrals = repo.referral_counts(session, quarter.start, quarter.end)
    scores = latest_scores(repo.closed_surveys(session, quarter.start, quarter.end))
    frame = (str(quarter), quarter.last_day)  # once, not per row
    rows = [_row(person, frame, key, services.get(person.id, {}),
                 referrals.get(person.id, (0, 0)), scores.get(person.id, {}))
            for person in people]  # fmt: skip
    return RegionalDataset(quarter, {"returnees": rows, **aggregates(str(quarter), rows)})


def _row(person: repo.Person, frame: tuple[str, date], key: str, services: dict[str, int],
         referrals: tuple[int, int], scores: dict[str, float]) -> Row:  # fmt: skip
    """One returnee's row in the quarter (its name, its last day): categories, counts and
    scores only."""
    quarter, last_day = frame
    band = age_band(person.birth_date, last_day) if person.birth_date else person.age_band
    returned = str(quarter_of(person.returned_at.date())) if person.returned_at else None
    return {
        "pseudonym": pseudonym(key, person.id), "quarter": quarter,
        "country": person.country, "return_type": person.return_type,
        "deporting_country": person.deporting_country, "age_band": band, "sex": person.sex,
        "quarter_of_return": returned,
        **{f"services_{kind}": services.get(kind, 0) for kind in SERVICE_KINDS},
        "referrals_made": referrals[0], "referrals_completed": referrals[1],
        **{f"score_{name}": scores.get(name) for name in SCORES},
    }  # fmt: skip


def latest_scores(surveys: Iterable[repo.Scores]) -> dict[int, dict[str, float]]:
    """Per returnee, the latest score of each dimension and overall (surveys oldest first)."""
    found: dict[int, dict[str, float]] = {}
    for survey in surveys:
        mine = found.setdefault(survey.contact_id, {})
        for name in SCORES:
            value = getattr(survey, name)
            if value is not None:
                mine[name] = round(value, 4)
    return found


def aggregates(quarter: str, rows: list[Row]) -> dict[str, list[Row]]:
    """Counts by country x return type, by age band x sex, and by service, suppressed under 5."""
    places = Counter((r["country"], r["return_type"] or UNKNOWN) for r in rows)
    groups = Counter((r["age_band"] or UNKNOWN, r["sex"] or UNKNOWN) for r in rows)
    return {
        "by_country_return_type": [
            {"quarter": quarter, "country": c, "return_type": t, **_counted(n)}
            for (c, t), n in sorted(places.items(), key=str)],
        "by_age_band_sex": [
            {"quarter": quarter, "age_band": b, "sex": s, **_counted(n)}
            for (b, s), n in sorted(groups.items(), key=str)],
        "by_service": _by_service(quarter, rows),
    }  # fmt: skip


def _by_service(quarter: str, rows: list[Row]) -> list[Row]:
    """Per kind delivered in the quarter: returnees who received it and services delivered."""
    found: list[Row] = []
    for kind in SERVICE_KINDS:
        counts = [int(r[f"services_{kind}"] or 0) for r in rows]
        people = sum(1 for count in counts if count)
        if people:
            shown = people >= SUPPRESS_BELOW  # a small group of people is withheld whole
            found.append(
                {
                    "quarter": quarter,
                    "service": kind,
                    "returnees": people if shown else None,
                    "services": sum(counts) if shown else None,
                    "suppressed": not shown,
                }
            )
    return found


def _counted(count: int) -> Row:
    """A count cell: withheld (None, suppressed) when under the threshold."""
    shown = count >= SUPPRESS_BELOW
    return {"returnees": count if shown else None, "suppressed": not shown}


def csv_text(dataset: RegionalDataset, table: str) -> str:
    """One table as CSV (UTF-8 text, a header row, empty cells for nothing)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS[table])
    for row in dataset.tables[table]:
        writer.writerow([_cell(row[name]) for name in COLUMNS[table]])
    return out.getvalue()


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_package(dataset: RegionalDataset, folder: Path) -> list[Path]:
    """Write every table's CSV and datapackage.json into `folder`; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for resource in DESCRIPTOR["resources"]:
        path = folder / resource["path"]
        path.write_text(csv_text(dataset, resource["name"]), encoding="utf-8")
        written.append(path)
    shutil.copyfile(PACKAGE, folder / PACKAGE.name)
    return [*written, folder / PACKAGE.name]
