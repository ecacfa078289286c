"""Click's commands and options with their help translated when it is shown, not when it is defined:
the help is written in English in pipeline/cli.py and the language is only known once the command
line is read (`--lang`). Click's own words (Usage:, Options, Error: …) come from the same catalog."""

from __future__ import annotations

import contextlib

import click

from pipeline.i18n import _


@contextlib.contextmanager
def _translated(item, attribute: str):
    original = getattr(item, attribute)
    if original:
        setattr(item, attribute, _(original))
    try:
        yield
    finally:
        setattr(item, attribute, original)


class Option(click.Option):
    def get_help_record(self, ctx):
        with _translated(self, "help"):
            return super().get_help_record(ctx)


class Command(click.Command):
    def format_help_text(self, ctx, formatter):
        with _translated(self, "help"):
            super().format_help_text(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self, "help"):
            return super().get_short_help_str(limit)


class Group(click.Group):
    command_class = Command

    def format_help_text(self, ctx, formatter):
        with _translated(self, "help"):
            super().format_help_text(ctx, formatter)


def option(*declarations, **attributes):
    """click.option whose help is translated when shown."""
    return click.option(*declarations, cls=Option, **attributes)
