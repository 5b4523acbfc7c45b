"""The house rules of the layout (README "Layout"): small modules, no ORM in the CLI."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "cli", "dashboard", "flows", "nlu", "scheduler", "storage", "webhooks")
MAX_LINES = 400


def _modules(*packages: str) -> list[Path]:
    return sorted(
        path
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


@pytest.mark.parametrize("path", _modules(*PACKAGES), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by noun"


@pytest.mark.parametrize("path", _modules("cli"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_cli_leaves_database_work_to_the_services(path: Path) -> None:
    """Commands parse options and print; queries and changes live in bot/ and storage/."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    orm_calls = [
        f"line {node.lineno}: session.{node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "session"
        and node.func.attr in {"query", "get", "add", "delete", "merge", "execute", "scalar",
                               "scalars", "flush"}
    ]  # fmt: skip
    assert not orm_calls, f"{path.relative_to(ROOT)} runs ORM calls itself: {orm_calls}"
