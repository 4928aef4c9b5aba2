"""What the commands share: options, argument types, text layout, report output.

A command module registers its parser with ``register(sub)`` and sets
``run(args, out) -> int`` as its handler; :func:`zfgk.cli.main` dispatches.
"""

from __future__ import annotations

import argparse
import enum
import json
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO, TypeVar

import attrs

from zfgk.catalogues import catalogue_names, load, load_file
from zfgk.errors import ZfgkError
from zfgk.i18n import LANGUAGES, N_, fill
from zfgk.model import Catalogue
from zfgk.problems import Problem
from zfgk.workdays import WorkdayCalendar, default_calendar, parse_date

__all__ = [
    "DEFAULT_CATALOGUE",
    "ZfgkUsageError",
    "add_catalogue_option",
    "add_report_options",
    "display_width",
    "emit_json",
    "iso_date",
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
    """The language the command line speaks, set once per run by :func:`set_language`."""

    language: str = "en"


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


# ------------------------------------------------------------------ layout


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK and full-width characters take two.

    >>> from zfgk.cli import display_width
    >>> display_width("分配结果"), display_width("abc"), display_width("（1）")
    (8, 3, 5)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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


# ---------------------------------------------------------------- options


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
    """
    if name not in catalogue_names() and (Path(name).suffix or Path(name).exists()):
        return load_file(name)
    return load(name)


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
    """One JSON object on one line, Chinese kept readable.

    >>> import sys
    >>> from zfgk.cli._common import emit_json
    >>> emit_json(sys.stdout, {"row": 3, "field": "房号"})
    {"row": 3, "field": "房号"}
    """
    print(json.dumps(data, ensure_ascii=False), file=out)


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
            code=p.code.value,
            field=p.field,
            message=problem_text(p),
        )
        for p in problems
    ]
