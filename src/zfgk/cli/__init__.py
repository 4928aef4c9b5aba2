"""The ``zfgk`` command (also ``python -m zfgk``).

One module per command (:mod:`zfgk.cli.items`, :mod:`~zfgk.cli.show`,
:mod:`~zfgk.cli.schema`, :mod:`~zfgk.cli.check`, :mod:`~zfgk.cli.mask`,
:mod:`~zfgk.cli.scan`,
:mod:`~zfgk.cli.due`, :mod:`~zfgk.cli.calendar`, :mod:`~zfgk.cli.audit`),
each with its parser and its output; what they share is in
:mod:`zfgk.cli._common`.

Exit status: 0 on success, 1 when a check finds problems, 2 for usage or
input errors (with a one-line message on stderr).

>>> from zfgk.cli import main
>>> main(["show", "19", "--catalogue", "chongqing"])  # doctest: +ELLIPSIS
分配结果（chongqing 第 19 项）
一级事项  配给管理
...
0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from zfgk.cli._common import display_width
from zfgk.errors import ZfgkError

__all__ = ["display_width", "main", "parser"]

#: The command modules of zfgk.cli, in the order ``zfgk --help`` lists them.
COMMANDS = ("items", "show", "schema", "due", "mask", "scan", "check", "audit", "calendar")


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``zfgk`` command.

    With ``command``, only that command's module is imported and its options
    registered (the others are named, so that ``zfgk --help`` and the
    errors stay the same): a run pays for the command it runs.

    >>> from zfgk.cli import parser
    >>> parser().parse_args(["due", "2026-09-28"]).date
    datetime.date(2026, 9, 28)
    """
    top = argparse.ArgumentParser(
        prog="zfgk",
        description="The affordable-housing disclosure catalogues (保障性住房领域政务公开标准目录).",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if command is None or name == command:
            importlib.import_module(f"zfgk.cli.{name}").register(sub)
        else:
            sub.add_parser(name)
    return top


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the ``zfgk`` command; returns its exit status.

    >>> from zfgk.cli import main
    >>> main(["items", "分配结果"])
    19  配给管理  分配结果
    0

    Errors go to stderr as one line, with exit status 2:

    >>> import contextlib, sys
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["show", "99"])
    zfgk: error: no item 99 in the chongqing catalogue: it has items 1–43
    2
    """
    out = stdout or sys.stdout
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    args = parser(command).parse_args(argv)
    try:
        status: int = args.run(args, out)
    except ZfgkError as e:
        print(f"zfgk: error: {e}", file=sys.stderr)
        return 2
    return status
