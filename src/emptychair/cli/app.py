"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="emptychair",
    help="Who actually shows up? Attendance claims about international meetings.",
    no_args_is_help=True,
    add_completion=False,
)
