"""What the commands share: options, argument types, text layout, report output.

A command module registers its parser with ``register(sub)`` and sets
``run(args, out) -> int`` as its handler; :func:`zfgk.cli.main` dispatches.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO, TypeVar

import attrs

from zfgk._arguments import quiet
from zfgk._progress import pages_read
from zfgk.catalogues import catalogue_label, catalogue_names, load, load_file
from zfgk.errors import AmbiguousItemError, UnknownCatalogueError, UnknownItemError, ZfgkError
from zfgk.guess import suggest_items
from zfgk.i18n import LANGUAGES, N_, Said, display_width, either, fill, listed
from zfgk.model import Catalogue, Item
from zfgk.problems import Problem, ProblemCode, code_label
from zfgk.workdays import WorkdayCalendar, default_calendar, parse_date

__all__ = [
    "DEFAULT_CATALOGUE",
    "Progress",
    "ZfgkUsageError",
    "add_catalogue_option",
    "add_quiet_option",
    "add_report_options",
    "catalogue_name",
    "code_text",
    "display_width",
    "emit_json",
    "find_item",
    "iso_date",
    "json_line",
    "load_catalogue",
    "pad",
]

E = TypeVar("E", bound=enum.Enum)

DEFAULT_CATALOGUE = "chongqing"


class ZfgkUsageError(ZfgkError):
    """A combination of options that makes no sense; exit status 2."""


# ------------------------------------------------------------------ language


@attrs.define
class _Speaker:
    """The language the command line speaks, and whether it shows progress; set once per run."""

    language: str = "en"
    quiet: bool = False


_speaker = _Speaker()


def set_language(language: str) -> None:
    """Speak ``language`` (``zh`` or ``en``) from now on; :func:`zfgk.cli.main` sets it."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _speaker.language = language


def language() -> str:
    """The language the command speaks: ``zh`` or ``en``.

    >>> from zfgk.cli._common import language
    >>> language() in ("zh", "en")
    True
    """
    return _speaker.language


def tr(template: str, /, **params: Any) -> str:
    """``template`` in the command's language, filled with ``params``.

    A parameter that is itself a message (:class:`zfgk.i18n.Message`, or an
    error's :meth:`~zfgk.ZfgkError.as_message`) is said in that language too.

    >>> from zfgk.cli._common import set_language, tr
    >>> set_language("zh")
    >>> tr("rows read: {rows}; rows with problems: {failed}", rows=8, failed=0)
    '读取 8 行；有问题的行：0'
    >>> set_language("en")
    >>> tr("rows read: {rows}; rows with problems: {failed}", rows=8, failed=0)
    'rows read: 8; rows with problems: 0'
    """
    return fill(template, params, _speaker.language)


def problem_text(problem: Problem) -> str:
    """A problem's message in the command's language."""
    return problem.localized(_speaker.language)


def code_text(code: ProblemCode | str) -> str:
    """A problem code as the printed output and the reports name it: in words, in Chinese.

    The code itself stays in JSON (``--json``) and the API.

    >>> from zfgk.cli._common import code_text, set_language
    >>> set_language("zh")
    >>> code_text("stored-as-number"), code_text("unmasked")
    ('存为数字', '未隐藏')
    >>> set_language("en")
    >>> code_text("stored-as-number")
    'stored-as-number'
    """
    return code_label(code, _speaker.language)


def catalogue_name(catalogue: Catalogue) -> str:
    """A catalogue as the command names it: its Chinese title in Chinese, its name in English.

    >>> import zfgk
    >>> from zfgk.cli._common import catalogue_name, set_language
    >>> set_language("zh")
    >>> catalogue_name(zfgk.load("chongqing"))
    '《重庆市保障性住房领域政务公开标准目录》'
    >>> set_language("en")
    >>> catalogue_name(zfgk.load("chongqing"))
    'chongqing'
    """
    return catalogue_label(catalogue).localized(_speaker.language)


# ------------------------------------------------------------------ layout


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns.

    >>> from zfgk.cli._common import pad
    >>> pad("房号", 6) + "|"
    '房号  |'
    """
    return text + " " * max(width - display_width(text), 0)


def not_given() -> str:
    """What the commands print where the source gives no value."""
    return tr("(not given by the source)")


def labels(values: frozenset[E] | None, kind: type[E]) -> str:
    """Labels in the enum's order; says so when the source gives none.

    >>> from zfgk import Mode
    >>> from zfgk.cli._common import labels, set_language
    >>> set_language("zh")
    >>> labels(frozenset({Mode.ACTIVE}), Mode), labels(None, Mode), labels(frozenset(), Mode)
    ('主动', '（来源未给出）', '（无）')
    >>> set_language("en")
    >>> labels(None, Mode)
    '(not given by the source)'
    """
    if values is None:
        return not_given()
    chosen = [str(member.value) for member in kind if member in values]
    return "、".join(chosen) if chosen else tr("(none)")


WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def day(d: date) -> str:
    """A date with its weekday, as the commands print it.

    >>> from datetime import date
    >>> from zfgk.cli._common import day, set_language
    >>> set_language("zh")
    >>> day(date(2026, 10, 30))
    '2026-10-30（星期五）'
    >>> set_language("en")
    >>> day(date(2026, 10, 30))
    '2026-10-30 (Friday)'
    """
    return tr("{date} ({weekday})", date=d.isoformat(), weekday=tr(WEEKDAY_NAMES[d.weekday()]))


# ---------------------------------------------------------------- progress


def set_quiet(quiet: bool) -> None:
    """Show no progress from now on (``--quiet``); :func:`zfgk.cli.main` sets it."""
    _speaker.quiet = bool(quiet)


#: What :class:`Progress` counts, and how it says so: without and with a total.
_UNITS = {
    "rows": (N_("{done} rows read ({seconds} s)"), N_("{done} of {total} rows read ({seconds} s)")),
    "sheets": (
        N_("{done} sheets read ({seconds} s)"),
        N_("{done} of {total} sheets read ({seconds} s)"),
    ),
    "pages": (
        N_("{done} pages read ({seconds} s)"),
        N_("{done} of {total} pages read ({seconds} s)"),
    ),
    "files": (
        N_("{done} files read ({seconds} s)"),
        N_("{done} of {total} files read ({seconds} s)"),
    ),
}


def count_pages(progress: Progress) -> contextlib.AbstractContextManager[None]:
    """Within the block, each page read by OCR advances ``progress``, which counts pages from
    the first one on (a scan has no rows to count, and a page takes seconds).

    >>> import io
    >>> from zfgk.cli._common import Progress, count_pages
    >>> from zfgk._progress import page_read
    >>> with Progress("rows", stream=io.StringIO()) as progress, count_pages(progress):
    ...     for _ in range(3):
    ...         page_read()  # what reading a page by OCR calls
    >>> progress.unit, progress.done
    ('pages', 3)
    """

    def page() -> None:
        if progress.unit != "pages":
            progress.update(0, unit="pages")
        progress.advance()

    return pages_read(page)


class Progress:
    """How far a long run has got, on one line of stderr: a sign of life for an officer waiting.

    ``unit`` is what is counted: ``rows``, ``sheets``, ``pages`` or
    ``files``; ``total`` how many there are, where known.  The line shows
    only on a terminal, only once the run has taken ``delay`` seconds (about
    2: a quick run prints nothing), at most every ``interval`` seconds, and
    never after ``--quiet``; it is cleared when the block ends, however it
    ends (Ctrl-C too).  :meth:`advance` costs a clock reading: call it per
    row.

    >>> import io
    >>> from zfgk.cli._common import Progress
    >>> with Progress("rows", stream=io.StringIO()) as progress:  # not a terminal: silent
    ...     for row in range(1000):
    ...         progress.advance()
    >>> progress.done
    1000

    A command reading a workbook counts its rows; one reading many files
    counts the files, with their total.
    """

    def __init__(
        self,
        unit: str,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        quiet: bool | None = None,
        delay: float = 2.0,
        interval: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if unit not in _UNITS:
            raise ValueError(f"unit must be one of {', '.join(_UNITS)}, not {unit!r}")
        self.unit = unit
        self.total = total
        #: How many have been done.
        self.done = 0
        self._stream = stream
        self._clock = clock
        self._start = clock()
        self._next = self._start + delay
        self._interval = interval
        self._width = 0  # of the line on screen
        silent = _speaker.quiet if quiet is None else quiet
        self._on = not silent and self._is_terminal()

    def _is_terminal(self) -> bool:
        stream = self._stream or sys.stderr
        try:
            return stream is not None and stream.isatty()
        except (AttributeError, ValueError):  # no isatty, or closed
            return False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        """``count`` more done."""
        self.done += count
        if self._on:
            now = self._clock()
            if now >= self._next:
                self._show(now)

    def update(self, done: int, *, unit: str | None = None, total: int | None = None) -> None:
        """``done`` done in all, of ``total`` if given; with ``unit``, counting that from now on.

        A new unit starts with the ``total`` given (None: not known).
        """
        if unit is not None:
            if unit not in _UNITS:
                raise ValueError(f"unit must be one of {', '.join(_UNITS)}, not {unit!r}")
            self.unit, self.total = unit, total
        elif total is not None:
            self.total = total
        self.done = 0
        self.advance(done)

    def line(self, now: float | None = None) -> str:
        """The text the line shows now, in the command's language.

        >>> from zfgk.cli._common import Progress, set_language
        >>> set_language("zh")
        >>> progress = Progress("files", total=40, clock=lambda: 0.0)
        >>> progress.advance(12)
        >>> progress.line(now=3.4)
        'zfgk：已读 12/40 个文件（3 秒）'
        >>> set_language("en")
        >>> progress.line(now=3.4)
        'zfgk: 12 of 40 files read (3 s)'
        """
        seconds = int((self._clock() if now is None else now) - self._start)
        bare, counted = _UNITS[self.unit]
        return tr(
            "zfgk: {progress}",
            progress=tr(
                bare if self.total is None else counted,
                done=self.done,
                total=self.total,
                seconds=seconds,
            ),
        )

    def _show(self, now: float) -> None:
        text = self.line(now)
        width = display_width(text)
        self._write("\r" + text + " " * max(self._width - width, 0))
        self._width = width
        self._next = now + self._interval

    def close(self) -> None:
        """Clear the line, if one was shown."""
        if self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0
        self._on = False

    def _write(self, text: str) -> None:
        stream = self._stream or sys.stderr
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop showing
            self._on = False


# ---------------------------------------------------------------- options


def add_quiet_option(parser: argparse.ArgumentParser) -> None:
    """``--quiet`` (``-q``): no progress line on stderr; every command has it.

    >>> import argparse
    >>> from zfgk.cli._common import add_quiet_option
    >>> parser = argparse.ArgumentParser()
    >>> add_quiet_option(parser); add_quiet_option(parser)  # once only
    >>> parser.parse_args(["-q"]).quiet
    True
    """
    if "--quiet" in parser._option_string_actions:
        return
    names = ["--quiet"] if "-q" in parser._option_string_actions else ["--quiet", "-q"]
    parser.add_argument(
        *names,
        action="store_true",
        help=tr(
            "show no progress on stderr (it shows only on a terminal, for runs longer than "
            "about 2 seconds)"
        ),
    )


def add_catalogue_option(parser: argparse.ArgumentParser) -> None:
    """``--catalogue NAME`` (or ``-c``): a packaged catalogue or a catalogue file."""
    parser.add_argument(
        "--catalogue",
        "-c",
        default=DEFAULT_CATALOGUE,
        metavar="NAME",
        help=tr(
            "packaged catalogue ({names}) or a catalogue file (.json, or a sheet as zfgk "
            "export writes, kept as .xlsx, .xls, .ods or .csv); default {default}",
            names=", ".join(catalogue_names()),
            default=DEFAULT_CATALOGUE,
        ),
    )


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """The options of the commands that read a file and report problem rows."""
    parser.add_argument(
        "--json", action="store_true", help=tr("JSON lines: problem rows, then a summary")
    )
    parser.add_argument(
        "--encoding", help=tr("force the encoding (utf-8, utf-8-sig, gb18030, utf-16)")
    )
    parser.add_argument(
        "--show",
        type=int,
        default=20,
        metavar="N",
        help=tr("problem rows to print (default 20)"),
    )


def add_holidays_option(parser: argparse.ArgumentParser) -> None:
    """``--holidays FILE`` (repeatable): holiday-cn year files or folders to count with."""
    parser.add_argument(
        "--holidays",
        action="append",
        default=[],
        metavar="FILE",
        help=tr(
            "a holiday-cn year file (or a folder of them) with a schedule to count with, such "
            "as next year's once the State Council publishes it; repeatable. ZFGK_HOLIDAYS "
            "gives files for every run"
        ),
    )


def working_calendar(args: argparse.Namespace) -> WorkdayCalendar:
    """The default calendar (with ``ZFGK_HOLIDAYS``), plus the ``--holidays`` files.

    >>> import zfgk
    >>> from zfgk.cli import parser
    >>> from zfgk.cli._common import working_calendar
    >>> working_calendar(parser().parse_args(["calendar", "2026-10"])) is zfgk.default_calendar()
    True
    """
    calendar = default_calendar()
    holidays = getattr(args, "holidays", None)
    return calendar.with_holidays(holidays) if holidays else calendar


def load_catalogue(name: str) -> Catalogue:
    """A packaged catalogue by name, or a catalogue file by path (JSON, or a sheet :func:`zfgk.load_file` reads).

    >>> from zfgk.cli._common import load_catalogue
    >>> load_catalogue("shanyin").name
    'shanyin'

    A name that is neither says what the command line takes (not Python's
    ``zfgk.load_file``):

    >>> load_catalogue("beijing")
    Traceback (most recent call last):
    ...
    zfgk.errors.UnknownCatalogueError: no packaged catalogue named 'beijing' (known: chongqing, shanyin); to use your own, give its file: --catalogue FILE (.json, or a sheet as zfgk export writes it)
    """
    if name not in catalogue_names() and (Path(name).suffix or Path(name).exists()):
        return load_file(name)
    try:
        return load(name)
    except UnknownCatalogueError as e:
        if "close" in dict(e.params):  # "did you mean …?": nothing of Python's in it
            raise
        raise UnknownCatalogueError.of(
            N_(
                "no packaged catalogue named '{name}' (known: {known}); to use your own, give "
                "its file: --catalogue FILE (.json, or a sheet as zfgk export writes it)"
            ),
            name=quiet(name),
            known=", ".join(catalogue_names()),
        ) from None


def find_item(
    catalogue: Catalogue,
    key: int | str,
    *,
    category: str | None = None,
    category_option: str | None = None,
) -> Item:
    """An item by number or name, as :meth:`~zfgk.Catalogue.item` finds it, with advice for the command line.

    Where a name names several items, the error says how to choose with
    the command's options (``category_option``, such as ``--category``, or
    the item's number), not with Python's ``category=``.  Where it names
    none, it offers the items whose names are close or that officers call
    so (:func:`zfgk.guess.suggest_items`), with their numbers.

    >>> import zfgk
    >>> from zfgk.cli._common import find_item, set_language
    >>> set_language("en")
    >>> find_item(zfgk.load("chongqing"), "自愿退出", category_option="--category")
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: '自愿退出' names 2 items of chongqing: 22 (配后管理) and 38 (办事指南); choose one with --category 配后管理 or --category 办事指南, or give its number: 22 or 38
    >>> set_language("zh")
    >>> try:
    ...     find_item(zfgk.load("chongqing"), "公租房租赁补贴")
    ... except zfgk.UnknownItemError as e:
    ...     print(e.localized("zh"))
    《重庆市保障性住房领域政务公开标准目录》中没有名为“公租房租赁补贴”的事项；是否要找 14 公租房承租资格审核、15 公租房租赁补贴或租金减免审批 或 26 租赁补贴发放？
    >>> set_language("en")
    """
    try:
        return catalogue.item(key, category=category)
    except AmbiguousItemError as e:
        items = [catalogue.item(n) for n in e.candidates]
        numbers = either([str(i.number) for i in items])
        where = Said(
            en=listed([f"{i.number} ({i.category})" for i in items]).en,
            zh=listed([f"{i.number}（{i.category}）" for i in items]).zh,
        )
        if category_option is not None:
            raise ZfgkUsageError.of(
                N_(
                    "'{name}' names {count} items of {catalogue}: {where}; choose one with "
                    "{choices}, or give its number: {numbers}"
                ),
                name=quiet(key),
                count=len(items),
                catalogue=catalogue_label(catalogue),
                where=where,
                choices=either([f"{category_option} {i.category}" for i in items]),
                numbers=numbers,
            ) from None
        raise ZfgkUsageError.of(
            N_("'{name}' names {count} items of {catalogue}: {where}; give its number: {numbers}"),
            name=quiet(key),
            count=len(items),
            catalogue=catalogue_label(catalogue),
            where=where,
            numbers=numbers,
        ) from None
    except UnknownItemError as e:
        named = isinstance(key, str) and not key.strip().isdecimal()
        suggested = (
            suggest_items(key, catalogue=catalogue) if isinstance(key, str) and named else ()
        )
        if not suggested:
            raise _named(e, catalogue) from None
        raise UnknownItemError.of(
            N_("no item named '{name}' in {catalogue}; did you mean {choices}?"),
            name=quiet(key),
            catalogue=catalogue_label(catalogue),
            choices=either([f"{i.number} {i.name}" for i in suggested]),
        ) from None


def _named(error: UnknownItemError, catalogue: Catalogue) -> UnknownItemError:
    """``error`` with the catalogue called as people call it (:func:`zfgk.catalogues.catalogue_label`)."""
    params = dict(error.params)
    if error.template is None or params.get("catalogue") != catalogue.name:
        return error
    params["catalogue"] = catalogue_label(catalogue)
    return UnknownItemError.of(error.template, **params)


def iso_date(text: str) -> date:
    """An argparse type: a date as :func:`zfgk.parse_date` reads it (2026-09-28, 2026/9/28 …).

    >>> from zfgk.cli._common import iso_date
    >>> iso_date("2026-09-28"), iso_date("2026/9/28")
    (datetime.date(2026, 9, 28), datetime.date(2026, 9, 28))
    >>> iso_date("28/9/2026")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a date: '28/9/2026' (write it as 2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日 or 20260928)
    """
    try:
        return parse_date(text)
    except ZfgkError as e:
        raise argparse.ArgumentTypeError(e.localized(language())) from None


# ----------------------------------------------------------------- output


def emit_json(out: TextIO, data: dict[str, Any]) -> None:
    """One JSON object on one line, Chinese kept readable where the stream can show it.

    On a stream whose encoding lacks a character (a GBK console and a
    no-break space) the line is written with JSON's escapes instead
    (:func:`json_line`): the same value, where replacing the character would
    change it.

    >>> import sys
    >>> from zfgk.cli._common import emit_json
    >>> emit_json(sys.stdout, {"row": 3, "field": "房号"})
    {"row": 3, "field": "房号"}
    """
    print(json_line(data, getattr(out, "encoding", None)), file=out)


def json_line(data: Any, encoding: str | None = None) -> str:
    """``data`` as one line of JSON; escaped to ASCII only if ``encoding`` cannot hold it.

    >>> import json
    >>> from zfgk.cli._common import json_line
    >>> json_line({"名": "张*"}, "gbk")
    '{"名": "张*"}'
    >>> line = json_line({"列": "备" + chr(0xA0) + "注"}, "gbk")  # GBK has no no-break space
    >>> line.isascii(), json.loads(line) == {"列": "备" + chr(0xA0) + "注"}
    (True, True)
    """
    text = json.dumps(data, ensure_ascii=False)
    if encoding:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            return json.dumps(data, ensure_ascii=True)
        except LookupError:  # an encoding Python does not know: leave it to the stream
            pass
    return text


def note_lines(notes: Sequence[dict[str, Any]]) -> list[str]:
    """The text lines of a summary's notes on rows that are not records (titles, footers, totals).

    ``notes`` are in their JSON form (:meth:`zfgk.tables.SkippedRows.to_dict`),
    as the summaries of check and audit hold them.

    >>> from zfgk.cli._common import note_lines
    >>> from zfgk.tables import RowKind, SkippedRows
    >>> note_lines([SkippedRows(RowKind.TITLE, 1, 1, "2026年分配结果公示").to_dict()])
    ['  note: row 1: title 2026年分配结果公示, not a record']
    """
    return ["  " + tr("note: {message}", message=note["message"]) for note in notes]


def problem_lines(row: int, problems: Sequence[Problem]) -> list[str]:
    """The text lines of one row's problems, indented for a report.

    >>> from zfgk.cli._common import problem_lines
    >>> from zfgk import Problem, ProblemCode
    >>> problem_lines(3, [Problem(ProblemCode.EMPTY, "面积", "面积 is blank")])
    ['    row 3: empty 面积: 面积 is blank']
    """
    return [
        "    "
        + tr(
            "row {row}: {code} {field}: {message}",
            row=row,
            code=code_text(p.code),
            field=p.field,
            message=problem_text(p),
        )
        for p in problems
    ]
