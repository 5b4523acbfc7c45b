"""Reminder rules are data operators edit; a mistake names the file, the rule and the key."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content import DEFAULT_CONTENT_DIR, load_reminder_book
from flows.content import ContentError
from flows.schedule import ReminderRule, parse_reminder_book

TYPES = ["counselling", "health"]


def test_the_shipped_rules_load_and_every_milestone_type_has_a_reminder() -> None:
    book = load_reminder_book()
    assert len(book.milestone_types) == 9 and len(book.rules) == 16
    assert all(book.for_type(kind) for kind in book.milestone_types)
    assert ReminderRule("counselling", -2, "days", 9) in book.for_type("counselling")


BAD_RULES = [  # (id, rule, key named, words in the problem)
    ("an unknown milestone type", {"milestone": "party", "offset": -1, "unit": "days"},
     "rules[0].milestone", "not one of milestone_types"),
    ("an unknown unit", {"milestone": "health", "offset": -1, "unit": "fortnights"},
     "rules[0]", "unit 'fortnights'"),
    ("a delivery hour of 24", {"milestone": "health", "offset": -1, "unit": "days",
                               "delivery_hour": 24}, "rules[0]", "0-23"),
    ("a delivery hour with an hours offset", {"milestone": "health", "offset": -3,
                                              "unit": "hours", "delivery_hour": 9},
     "rules[0]", "days or weeks"),
    ("an offset in words", {"milestone": "health", "offset": "two", "unit": "days"},
     "rules[0].offset", "whole number"),
    ("a delivery hour in words", {"milestone": "health", "offset": 1, "unit": "days",
                                  "delivery_hour": "nine"}, "rules[0].delivery_hour", "0-23"),
    ("a rule that is not a mapping", "health -1 days", "rules[0]", "mapping"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "key", "words"), [b[1:] for b in BAD_RULES],
                         ids=[b[0] for b in BAD_RULES])  # fmt: skip
def test_a_bad_rule_names_its_key(rule: object, key: str, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_reminder_book({"milestone_types": TYPES, "rules": [rule]}, "reminders.yml")
    assert caught.value.source == "reminders.yml" and caught.value.key == key
    assert words in caught.value.problem


@pytest.mark.parametrize(
    ("data", "key"),
    [([], "(top level)"), ({"rules": []}, "milestone_types"),
     ({"milestone_types": TYPES, "rules": {}}, "rules")],
)  # fmt: skip
def test_a_bad_file_shape_names_its_key(data: object, key: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_reminder_book(data, "reminders.yml")
    assert caught.value.key == key


def test_a_missing_or_broken_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="is missing"):
        load_reminder_book(tmp_path)
    (tmp_path / "reminders.yml").write_text("rules: [unclosed")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_reminder_book(tmp_path)


def test_an_operator_can_add_a_rule_without_code(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_CONTENT_DIR, tmp_path / "content")
    path = tmp_path / "content" / "reminders.yml"
    data = yaml.safe_load(path.read_text())
    data["rules"].append({"milestone": "health", "offset": -3, "unit": "days",
                          "delivery_hour": 17})  # fmt: skip
    path.write_text(yaml.safe_dump(data))
    assert ReminderRule("health", -3, "days", 17) in load_reminder_book(path.parent).rules
