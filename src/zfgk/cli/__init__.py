"""The ``zfgk`` command (also ``python -m zfgk``).

One module per command (:mod:`zfgk.cli.items`, :mod:`~zfgk.cli.show`,
:mod:`~zfgk.cli.schema`, :mod:`~zfgk.cli.check`, :mod:`~zfgk.cli.mask`,
:mod:`~zfgk.cli.scan`,
:mod:`~zfgk.cli.due`, :mod:`~zfgk.cli.calendar`, :mod:`~zfgk.cli.audit`),
each with its parser and its output; what they share is in
:mod:`zfgk.cli._common`.

Exit status: 0 on success, 1 when a check finds problems, 2 for usage or
input errors or a file that cannot be checked (with a one-line message on
stderr), 130 when interrupted (Ctrl-C), 128 + the signal's number when
stopped by SIGTERM or SIGHUP (143, 129): those unwind as Ctrl-C does, so
that no partial output or temporary copy is left behind.

>>> from zfgk.cli import main
>>> main(["show", "19", "--catalogue", "chongqing", "--lang", "zh"])  # doctest: +ELLIPSIS
分配结果（《重庆市保障性住房领域政务公开标准目录》第 19 项）
一级事项  配给管理
...
0
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from zfgk._version import __version__
from zfgk.cli._common import add_quiet_option, display_width, set_language, set_quiet, tr
from zfgk.errors import ZfgkError
from zfgk.i18n import (
    IN_USE,
    LANGUAGES,
    N_,
    Message,
    held_open,
    language_from_environment,
    os_reason,
    translate,
)

__all__ = ["display_width", "main", "parser", "unexpected"]

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
        help=tr(
            "the language of messages (default: from LANG/LC_ALL: zh_* is Chinese; where "
            "they are unset, as on Windows, the system's display language)"
        ),
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"zfgk {__version__}",
        help=tr("print zfgk's version and exit"),
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if command is None or name == command:
            importlib.import_module(f"zfgk.cli.{name}").register(sub)
            add_quiet_option(sub.choices[name])
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
    ``LC_ALL``… ``zh_*``; where none is set, as on Windows, the system's
    display language) and in English otherwise; ``--lang zh`` or
    ``--lang en`` chooses.  Codes and JSON keys are never translated.

    >>> from zfgk.cli import main
    >>> main(["items", "分配结果"])
    19  配给管理  分配结果
    0

    Exit status: 0 clean, 1 problems found, 2 a usage or input error (or a
    file that cannot be checked), 130 interrupted (Ctrl-C).  Errors go to
    stderr as one line, never a traceback:

    >>> import contextlib, sys
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["show", "99", "--lang", "en"])
    zfgk: error: no item 99 in the chongqing catalogue: it has items 1–43
    2
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["show", "99", "--lang", "zh"])
    zfgk：错误：《重庆市保障性住房领域政务公开标准目录》 中没有第 99 项：它有第 1–43 项
    2

    What the console cannot show (a no-break space on a GBK console) is
    replaced, so output never fails on the console's encoding.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = _take_language(arguments)
    if chosen is not None and chosen not in LANGUAGES:
        print(
            f"zfgk: error: --lang takes {' or '.join(LANGUAGES)}, not {chosen!r}", file=sys.stderr
        )
        return 2
    lang = chosen or language_from_environment()
    set_language(lang)
    with _console_streams(), _stop_signals() as stopped:
        try:
            status = _run(arguments, lang, stdout or sys.stdout)
        except KeyboardInterrupt:  # Ctrl-C: the tasks leave no partial output behind
            stopped.append(signal.SIGINT)  # (a signal taken here came first: it decides)
        # (a stop raised where Python only prints an exception, a finalizer, is a stop too)
        if stopped:
            _say(tr("zfgk: interrupted"))
            return 128 + stopped[0]
        return status


class _Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal other than Ctrl-C's (SIGTERM, SIGHUP, SIGBREAK).

    Raised where the run is, as Ctrl-C raises :class:`KeyboardInterrupt`
    (of which it is one), so that every task unwinds the same way: no
    partial output file, no temporary copy of a list left in the temporary
    folder.
    """


#: The signals that stop a run: Ctrl-C (SIGINT), a service manager's or ``kill``'s
#: (SIGTERM), a closed terminal's (SIGHUP), a Windows console's Ctrl-Break (SIGBREAK).
_STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")


@contextmanager
def _stop_signals() -> Iterator[list[int]]:
    """For the run, :data:`_STOP_SIGNALS` raise :class:`KeyboardInterrupt` (Ctrl-C) or
    :class:`_Stopped`; gives the list that holds the signal that stopped the run, once one has.

    Only signals left to Python's and the system's defaults are taken (a
    program that embeds :func:`main` keeps its own handlers, and ``nohup``
    its ignored SIGHUP), only on the main thread (where Python delivers
    signals), and only once: a signal while the run unwinds is ignored, so
    that the clean-up finishes, and the first one decides the exit status.
    The handlers before are put back after the run.
    """
    stopped: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield stopped
        return
    previous: dict[int, object] = {}

    def stop(signum: int, frame: object) -> None:
        if stopped:
            return  # unwinding already
        stopped.append(signum)
        raise KeyboardInterrupt if signum == signal.SIGINT else _Stopped(signum)

    for name in _STOP_SIGNALS:
        signum = getattr(signal, name, None)
        default = signal.default_int_handler if name == "SIGINT" else signal.SIG_DFL
        if signum is not None and signal.getsignal(signum) is default:
            with suppress(OSError, ValueError):
                previous[signum] = signal.signal(signum, stop)
    try:
        yield stopped
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def _run(arguments: list[str], lang: str, out: TextIO) -> int:
    """Parse ``arguments``, run the command, and turn every error into one line and a status."""
    command = arguments[0] if arguments and arguments[0] in COMMANDS else None
    with _argparse_in(lang):
        args = parser(command).parse_args(arguments)
    set_quiet(getattr(args, "quiet", False))
    try:
        status: int = args.run(args, out)
    except BrokenPipeError:  # the reader stopped (zfgk … | head): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (ZfgkError, OSError) as e:
        in_use = held_open(e)
        if in_use is not None:  # Excel or WPS has the file open: say what to do
            message: object = Message(IN_USE, name=os.path.basename(in_use))
        elif isinstance(e, ZfgkError):
            message = e.as_message()
        else:  # an OSError zfgk does not word itself: say which file and why
            message = os_reason(e)
            if e.filename is not None:
                message = Message(N_("{path}: {reason}"), path=e.filename, reason=message)
        _say(tr("zfgk: error: {message}", message=message))
        return 2
    except Exception as e:  # a bug: one line and "cannot check", not a traceback and "found"
        if os.environ.get("ZFGK_DEBUG"):
            raise
        _say(tr("zfgk: error: {message}", message=unexpected(e)))
        return 2
    return status


def unexpected(error: BaseException) -> Message:
    """The one line for an error zfgk did not expect: its kind and where, never its text.

    The text of an unexpected error may hold a value read from a file (a
    name, an ID number), so only the exception's class and the line of zfgk
    that raised it are said.

    >>> from zfgk.cli import unexpected
    >>> try:
    ...     {}["11010519491231002X"]
    ... except KeyError as e:
    ...     print(unexpected(e))  # doctest: +ELLIPSIS
    zfgk stopped on an error it did not expect (KeyError at ...); ...
    """
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f"{os.sep}zfgk{os.sep}" in f.filename] or frames
    place = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return Message(
        N_(
            "zfgk stopped on an error it did not expect ({kind} at {place}); this is a fault in "
            "zfgk: please report it with the command you ran (ZFGK_DEBUG=1 shows the details)"
        ),
        kind=type(error).__name__,
        place=place,
    )


def _say(line: str) -> None:
    """One line on stderr."""
    print(line, file=sys.stderr)


#: Error handlers of a stream that fail (or escape) on a character its encoding lacks.
_FAILING = frozenset({"strict", "backslashreplace", "surrogateescape"})


@contextmanager
def _console_streams() -> Iterator[None]:
    """stdout and stderr replace what their encoding cannot show (GBK and "•"), for the run.

    A Windows console redirected to a file or a pipe, or ``PYTHONIOENCODING=gbk``,
    encodes in a code page that lacks characters a file name or a header may hold;
    Python would stop with a UnicodeEncodeError.  Each stream's own setting is
    restored afterwards.
    """
    saved = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        if isinstance(stream, io.TextIOWrapper) and errors in _FAILING:
            stream.reconfigure(errors="replace")
            saved.append((stream, errors))
    try:
        yield
    finally:
        for stream, errors in saved:
            with suppress(ValueError):  # a stream closed meanwhile
                stream.reconfigure(errors=errors)


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
