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
>>> main(["show", "19", "--catalogue", "chongqing", "--lang", "zh"])  # doctest: +ELLIPSIS
分配结果（chongqing 第 19 项）
一级事项  配给管理
...
0
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from zfgk.cli._common import display_width, set_language, tr
from zfgk.errors import ZfgkError
from zfgk.i18n import LANGUAGES, N_, Message, language_from_environment, os_reason, translate

__all__ = ["display_width", "main", "parser"]

#: The command modules of zfgk.cli, in the order ``zfgk --help`` lists them.
COMMANDS = (
    "items",
    "show",
    "export",
    "diff",
    "schema",
    "due",
    "mask",
    "scan",
    "check",
    "audit",
    "calendar",
)


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
        description=tr(
            "The affordable-housing disclosure catalogues (保障性住房领域政务公开标准目录)."
        ),
    )
    top.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=tr("the language of messages (default: from LANG/LC_ALL: zh_* is Chinese)"),
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if command is None or name == command:
            importlib.import_module(f"zfgk.cli.{name}").register(sub)
        else:
            sub.add_parser(name)
    return top


def _take_language(argv: list[str]) -> str | None:
    """Remove ``--lang X`` (or ``--lang=X``) from anywhere in ``argv``; return X."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
            del argv[index : index + 2]
            return value
        if arg.startswith("--lang="):
            del argv[index]
            return arg.partition("=")[2]
    return None


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the ``zfgk`` command; returns its exit status.

    The messages are in Chinese when the locale is Chinese (``LANG``,
    ``LC_ALL``… ``zh_*``) and in English otherwise; ``--lang zh`` or
    ``--lang en`` chooses.  Codes and JSON keys are never translated.

    >>> from zfgk.cli import main
    >>> main(["items", "分配结果"])
    19  配给管理  分配结果
    0

    Errors go to stderr as one line, with exit status 2:

    >>> import contextlib, sys
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["show", "99", "--lang", "en"])
    zfgk: error: no item 99 in the chongqing catalogue: it has items 1–43
    2
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["show", "99", "--lang", "zh"])
    zfgk：错误：chongqing 目录中没有第 99 项：它有第 1–43 项
    2
    """
    out = stdout or sys.stdout
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = _take_language(arguments)
    if chosen is not None and chosen not in LANGUAGES:
        print(
            f"zfgk: error: --lang takes {' or '.join(LANGUAGES)}, not {chosen!r}", file=sys.stderr
        )
        return 2
    lang = chosen or language_from_environment()
    set_language(lang)
    command = arguments[0] if arguments and arguments[0] in COMMANDS else None
    with _argparse_in(lang):
        args = parser(command).parse_args(arguments)
        try:
            status: int = args.run(args, out)
        except ZfgkError as e:
            print(tr("zfgk: error: {message}", message=e.as_message()), file=sys.stderr)
            return 2
        except BrokenPipeError:  # the reader stopped (zfgk … | head): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        except OSError as e:  # one zfgk does not word itself: say which file and why
            reason = os_reason(e)
            if e.filename is not None:
                reason = Message(N_("{path}: {reason}"), path=e.filename, reason=reason)
            print(tr("zfgk: error: {message}", message=reason), file=sys.stderr)
            return 2
    return status


@contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """argparse's own messages (usage, errors) in ``lang``, for the run."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return translate(message, lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural, lang)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
