"""Read content/survey.yml and content/plan.yml; each mapping keeps its line, so a mistake
names it."""

from pathlib import Path
from typing import Any

import yaml

from flows.content import ContentError
from flows.plans import PlanBook, parse_plan_book
from flows.survey_book import LINE, SurveyBook, parse_survey_book

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
FILE = "survey.yml"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records where each mapping starts (1-based) under LINE."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def read_with_lines(path: Path, source: str) -> Any:
    """A content YAML file whose mappings carry the line they start on (under LINE)."""
    if not path.exists():
        raise ContentError(str(path), "(file)", "is missing")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        raise ContentError(source, where, "is not valid YAML") from None


def load_survey_book(directory: Path = DEFAULT_CONTENT_DIR) -> SurveyBook:
    """`survey.yml` in `directory`, validated; ContentError names the line and key."""
    return parse_survey_book(read_with_lines(directory / FILE, FILE), FILE)


def load_plan_book(directory: Path = DEFAULT_CONTENT_DIR) -> PlanBook:
    """`plan.yml` in `directory`: business types, currencies, milestones that are services."""
    return parse_plan_book(read_with_lines(directory / "plan.yml", "plan.yml"), "plan.yml")
