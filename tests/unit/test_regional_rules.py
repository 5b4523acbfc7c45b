"""The regional dataset's pure rules, table-driven: quarters, demographics, suppression and the
latest score per dimension."""

from datetime import UTC, date, datetime

import pytest

from bot.casework.demographics import Demographics, DemographicsError, parse_demographics
from bot.reports import regional
from bot.reports.quarters import Quarter, QuarterError, parse_quarter, quarter_of
from storage.regional_repo import Scores

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("text", "quarter", "first", "last"), [
    ("2026Q4", Quarter(2026, 4), date(2026, 10, 1), date(2026, 12, 31)),
    (" 2026q1 ", Quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31)),
    ("2024Q1", Quarter(2024, 1), date(2024, 1, 1), date(2024, 3, 31)),
    ("2025Q3", Quarter(2025, 3), date(2025, 7, 1), date(2025, 9, 30)),
])  # fmt: skip
def test_a_quarter_is_read_with_its_first_and_last_day(
    text: str, quarter: Quarter, first: date, last: date
) -> None:
    found = parse_quarter(text, NOW)
    assert (found, found.first_day, found.last_day) == (quarter, first, last)
    assert found.end == found.following().start and str(found) == str(quarter)


@pytest.mark.parametrize(("text", "says"), [
    ("2026Q5", "quarter: 2026Q5 has no quarter 5; a year has Q1 to Q4"),
    ("2026Q0", "has no quarter 0"),
    ("2026-4", "quarter: '2026-4' is not a quarter; write the year, Q and 1 to 4, like 2026Q4"),
    ("", "is not a quarter"),
    ("26Q4", "is not a quarter"),
    ("2027Q1", "quarter: 2027Q1 is in the future (the current quarter is 2026Q4)"),
    ("1999Q4", "is before 2000"),
])  # fmt: skip
def test_a_malformed_or_future_quarter_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(QuarterError) as refused:
        parse_quarter(text, NOW)
    assert says in str(refused.value)


def test_the_quarter_of_a_day() -> None:
    assert [str(quarter_of(date(2026, m, 15))) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [
        "2026Q1", "2026Q1", "2026Q2", "2026Q2", "2026Q3", "2026Q3", "2026Q4", "2026Q4"]  # fmt: skip


@pytest.mark.parametrize(("raw", "found"), [
    ({}, Demographics()),
    ({"birth_date": "2008-12-03"}, Demographics(date(2008, 12, 3), "0-17")),
    ({"birth_date": "2008-12-02"}, Demographics(date(2008, 12, 2), "18-24")),
    ({"birth_date": "1961-01-01"}, Demographics(date(1961, 1, 1), "65+")),
    ({"age_band": " 55 - 64 "}, Demographics(age_band="55-64")),
    ({"sex": " Other ", "return_type": "VOLUNTARY", "deporting_country": "bs"},
     Demographics(sex="other", return_type="voluntary", deporting_country="BS")),
    ({"sex": "", "age_band": None}, Demographics()),
])  # fmt: skip
def test_demographics_are_cleaned_and_the_band_derived_on_the_day(
    raw: dict[str, str | None], found: Demographics
) -> None:
    assert parse_demographics(raw, TODAY) == found


@pytest.mark.parametrize(("raw", "field"), [
    ({"birth_date": "2026-12-03"}, "birth_date"), ({"birth_date": "1899-12-31"}, "birth_date"),
    ({"birth_date": "17/05/1990"}, "birth_date"), ({"age_band": "65-74"}, "age_band"),
    ({"deporting_country": "EU"}, "deporting_country"), ({"deporting_country": "USA"},
                                                         "deporting_country"),
    ({"sex": "m"}, "sex"), ({"return_type": "removed"}, "return_type"),
])  # fmt: skip
def test_a_bad_demographic_names_its_field(raw: dict[str, str], field: str) -> None:
    with pytest.raises(DemographicsError) as refused:
        parse_demographics(raw, TODAY)
    assert refused.value.field == field and str(refused.value).startswith(f"{field}: ")


@pytest.mark.parametrize(("count", "cell"), [
    (1, {"returnees": None, "suppressed": True}), (4, {"returnees": None, "suppressed": True}),
    (5, {"returnees": 5, "suppressed": False}), (120, {"returnees": 120, "suppressed": False}),
])  # fmt: skip
def test_an_aggregate_cell_under_five_is_withheld(count: int, cell: dict[str, object]) -> None:
    services = {f"services_{kind}": 0 for kind in regional.SERVICE_KINDS}
    rows: list[regional.Row] = [{"country": "JM", "return_type": None, "age_band": None,
                                 "sex": "male", **services}] * count  # fmt: skip
    [found] = regional.aggregates("2026Q4", rows)["by_country_return_type"]
    assert found == {"quarter": "2026Q4", "country": "JM", "return_type": "unknown", **cell}


def test_the_latest_score_of_each_dimension_wins_and_a_missing_one_keeps_the_earlier() -> None:
    at = [datetime(2026, 10, d, tzinfo=UTC) for d in (1, 2)]
    surveys = [Scores(7, at[0], 0.1, 0.2, 0.3, 0.2), Scores(7, at[1], 0.5, None, None, 0.5)]
    assert regional.latest_scores(surveys) == {
        7: {"economic": 0.5, "social": 0.2, "psychosocial": 0.3, "overall": 0.5}}  # fmt: skip
