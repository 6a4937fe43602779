"""The README documents every command, and every command explains itself."""

from __future__ import annotations

from pathlib import Path

import typer.main

from emptychair.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in _commands() if f"emptychair {name}" not in README]
    assert missing == []


def test_every_command_has_help_text() -> None:
    assert all(getattr(cmd, "help", None) for cmd in _commands().values())


def test_readme_opens_with_the_two_setup_commands() -> None:
    block = README.split("```")[1].strip().splitlines()
    assert [line.split("#")[0].strip() for line in block] == ["make demo", "make test"]
