"""Option stacks the commands share, so each reads and is spelled alike."""

from __future__ import annotations

from collections.abc import Callable

import click

paths_argument = click.argument("paths", nargs=-1, type=click.Path())

output_option = click.option(
    "--output",
    "--output-file",
    "output",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of stdout (all at once: never half a file).",
)

cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Keep the cache in this folder. [default: $TIMELINE_CACHE_DIR, else the user's cache folder]",
)

config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from this file instead of looking for one."
)


def rule_options(function: Callable) -> Callable:
    """--select, --extend-select and --ignore."""
    for option in reversed(
        [
            click.option("--select", multiple=True, metavar="RULE", help="Run only these rules, replacing the configuration's select (repeatable, or comma-separated)."),
            click.option("--extend-select", multiple=True, metavar="RULE", help="Run these rules too, beside the selection."),
            click.option("--ignore", multiple=True, metavar="RULE", help="Don't run these rules, beside those the configuration ignores."),
        ]
    ):
        function = option(function)
    return function


def filter_options(function: Callable) -> Callable:
    """Which events a view shows."""
    for option in reversed(
        [
            click.option("--from", "start", metavar="DATE", help="Only events that may be on or after this date (any store date form)."),
            click.option("--to", "end", metavar="DATE", help="Only events that may be on or before this date."),
            click.option("--country", multiple=True, metavar="CODE", help="Only events involving this country (repeatable)."),
            click.option("--actor", multiple=True, metavar="ID", help="Only events with this actor (repeatable)."),
            click.option("--type", "types", multiple=True, metavar="TYPE", help="Only events of this type (repeatable)."),
            click.option("--grep", metavar="TEXT", help="Only events whose title, notes or quotes contain this."),
            click.option("--source", multiple=True, metavar="ID", help="Only events citing this source (repeatable)."),
        ]
    ):
        function = option(function)
    return function


def rules(values: tuple[str, ...]) -> list[str]:
    """Rule names from repeated and comma-separated options."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]
