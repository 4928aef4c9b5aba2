"""Options that ``zfgk check`` and ``zfgk mask`` share: ``--ignore COLUMN``, ``--sheet``."""

from __future__ import annotations

import argparse

from zfgk.cli._common import tr


def add_ignore_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--ignore COLUMN`` (repeatable, or comma-separated) to a command."""
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COLUMN",
        help=tr(
            "a column that is not a field of the item (your own id, a timestamp), even if its "
            "header names one: it raises no warning; its cells are still searched "
            "for full ID and mobile numbers and masked; repeatable, or comma-separated"
        ),
    )


def ignored_columns(specs: list[str]) -> tuple[str, ...]:
    """``--ignore`` options as column names: each option one name, or several with commas.

    >>> from zfgk.cli._options import ignored_columns
    >>> ignored_columns(["id, created_at", "序号"])
    ('id', 'created_at', '序号')
    """
    return tuple(name.strip() for spec in specs for name in spec.split(",") if name.strip())


def sheet_choice(text: str) -> str | int:
    """``--sheet``: a number from 1 (digits only) or a sheet's name.

    >>> from zfgk.cli._options import sheet_choice
    >>> sheet_choice("2"), sheet_choice("退出名单")
    (2, '退出名单')
    """
    return int(text) if text.isascii() and text.isdigit() else text
