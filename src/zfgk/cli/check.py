"""``zfgk check FILE --item N``: every row of an export carries what the item requires."""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from zfgk.cli._common import (
    ZfgkUsageError,
    add_catalogue_option,
    add_report_options,
    display_width,
    emit_json,
    language,
    load_catalogue,
    note_lines,
    pad,
    problem_lines,
    problem_text,
    tr,
)
from zfgk.cli._options import add_ignore_option, ignored_columns, sheet_choice
from zfgk.i18n import N_
from zfgk.model import Item
from zfgk.problems import Problem, ProblemCode, Report, Tally
from zfgk.tables import Table, read_table
from zfgk.validation import HeaderChecker, Validator, check_report, set_aside_leaks


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command to the parser."""
    parser = sub.add_parser(
        "check",
        help=tr("check an exported file against a catalogue item's required fields"),
        description=tr(
            "Check every record of a list (a workbook: .xlsx, .xlsm, .xlsb, .xls, .ods; CSV as "
            "UTF-8, UTF-8 with BOM or GB18030; Excel's Unicode text; JSON Lines) against a "
            "catalogue item. The header is found under any title by the item's field names; "
            "merged cells count in every cell they cover; titles, blank rows, totals and "
            "signature footers are not records and are named in notes. Exit 0 when every "
            "record passes, 1 when any has problems or the file holds none, 2 for usage or "
            "input errors."
        ),
    )
    parser.add_argument("file", type=Path, help=tr("the exported file"))
    parser.add_argument("--item", required=True, help=tr("item number or name"))
    add_catalogue_option(parser)
    parser.add_argument(
        "--alias",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=tr("map one of your columns to a field of the item; repeatable"),
    )
    add_ignore_option(parser)
    parser.add_argument(
        "--sheet",
        type=sheet_choice,
        metavar="NAME|N",
        help=tr(
            "the sheet of a workbook to check, by name or number from 1 (default: the first visible one)"
        ),
    )
    parser.add_argument(
        "--header-row",
        type=row_number,
        metavar="N",
        help=tr(
            "the row that holds the header, as the sheet numbers it (default: the row naming "
            "the most fields of the item, under any title)"
        ),
    )
    add_report_options(parser)
    parser.add_argument(
        "--report",
        type=Path,
        metavar="REPORT.xlsx",
        help=tr(
            "also write a workbook: a copy of the checked sheet with each problem cell filled "
            "(errors red, warnings yellow) and commented, and a first sheet with the summary"
        ),
    )
    parser.set_defaults(run=run)


def parse_aliases(specs: list[str]) -> dict[str, str]:
    """``--alias COLUMN=FIELD`` options as a mapping.

    >>> from zfgk.cli.check import parse_aliases
    >>> parse_aliases(["户主=保障对象姓名"])
    {'户主': '保障对象姓名'}
    >>> parse_aliases(["户主"])
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: --alias expects COLUMN=FIELD, got '户主'
    """
    aliases = {}
    for spec in specs:
        column, sep, field = spec.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise ZfgkUsageError.of(N_("--alias expects COLUMN=FIELD, got {spec!r}"), spec=spec)
        aliases[column.strip()] = field.strip()
    return aliases


def row_number(text: str) -> int:
    """``--header-row``: a row number from 1.

    >>> from zfgk.cli.check import row_number
    >>> row_number("3")
    3
    >>> row_number("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a row number (1 or more): '0'
    """
    if text.isascii() and text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(tr("not a row number (1 or more): {text!r}", text=text))


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check the file; exit status 0 when every row passes, 1 when any has problems.

    A file with no records has checked nothing, and fails too (status 1).
    """
    catalogue = load_catalogue(args.catalogue)
    item = catalogue.item(args.item)
    validator = Validator(
        item, parse_aliases(args.alias), ignore=ignored_columns(args.ignore), strict=True
    )
    table = read_table(
        args.file,
        args.encoding,
        sheet=args.sheet,
        known=lambda name: validator.fields_for(name) is not None or validator.ignores(name),
        header_row=args.header_row,
    )
    check = validator.for_header(table.header) if table.header is not None else None
    header_problems = _header_problems(item, check)
    lang = language()
    tally = Tally()
    failed: list[tuple[int, Report]] = []  # rows with errors, shown before ...
    warned: list[tuple[int, Report]] = []  # ... rows with warnings only
    as_json: dict[Problem, str] = {}  # the same problems recur on many rows: encode each once
    checked: Iterator[tuple[int, Report]]
    if check is not None:
        checked = ((row, check(values)) for row, values in table.lists())
    else:
        checked = ((row, validator(record)) for row, record in table.rows())
    # Then the title, header and footer rows: not records, but published with them.
    every = itertools.chain(checked, _after(lambda: set_aside_leaks(table)))
    for row, report in _with_problems(every, lambda: table.record_count, progress=not args.json):
        tally.add(report)
        if args.json:
            out.write(_json_line(row, report, as_json, lang))
        else:
            kept = warned if report.ok else failed
            if len(kept) < args.show:
                kept.append((row, report))
    summary = _summary(args, catalogue.name, item, table, tally=tally, header=header_problems)
    if args.json:
        emit_json(out, {"summary": summary})
    else:
        shown = [*failed, *warned][: args.show]
        print(render_check(item, summary, shown, header_problems), file=out)
    if args.report is not None:
        _write_report(args, validator, render_check(item, summary, [], header_problems))
    return 0 if summary["ok"] else 1


def _write_report(args: argparse.Namespace, validator: Validator, summary: str) -> None:
    """``--report``: the problems marked in a copy of the sheet, the summary on a first sheet."""
    check_report(
        args.report,
        args.file,
        validator,
        # A sheet's font is proportional: the terminal's padding would misalign, not align.
        [re.sub(" {2,}", "  ", line.strip()) for line in summary.splitlines()],
        encoding=args.encoding,
        sheet=args.sheet,
        header_row=args.header_row,
        language=language(),
    )
    print(tr("zfgk check: problems marked in {report}", report=args.report), file=sys.stderr)


def _summary(
    args: argparse.Namespace,
    catalogue: str,
    item: Item,
    table: Table,
    *,
    tally: Tally,
    header: tuple[Problem, ...],
) -> dict[str, Any]:
    """The summary of a check, in its JSON form: ``rows`` is the records checked."""
    lang = language()
    return {
        "file": str(args.file),
        "sheet": table.sheet,
        "catalogue": catalogue,
        "item": item.number,
        "header_rows": list(table.header_rows) if table.header is not None else None,
        "rows": table.record_count,
        "rows_with_problems": tally.failed,
        "rows_with_warnings_only": tally.warned,
        "blank_rows": table.blank_rows,
        "header_problems": [p.to_dict(lang) for p in header],
        "notes": [note.to_dict(lang) for note in table.notes],
        "problems": [{"field": f, "code": c, "count": n} for f, c, n in tally.by_field_and_code()],
        "no_records": table.record_count == 0,
        "ok": tally.ok(records=table.record_count, header=header),
    }


def _header_problems(item: Item, check: HeaderChecker | None) -> tuple[Problem, ...]:
    """What the header lacks (``missing``), and a note for each column the item does not have."""
    if check is None:
        return ()
    unknown = tuple(
        Problem.of(
            ProblemCode.UNKNOWN,
            name,
            N_(
                "column {column} is not a field of item {item} ({item_name}); it is "
                "ignored (map it with --alias if it is one under another name)"
            ),
            column=name,
            item=item.number,
            item_name=item.name,
        )
        for name in check.unknown
    )
    return check.missing + unknown


def _after(make: Callable[[], Iterable[tuple[int, Report]]]) -> Iterator[tuple[int, Report]]:
    """The pairs ``make`` gives, made only when reached (once the records are read)."""
    yield from make()


def _with_problems(
    checked: Iterable[tuple[int, Report]], rows_read: Callable[[], int], *, progress: bool
) -> Iterator[tuple[int, Report]]:
    """The (row, report) pairs with a problem; on a terminal, the rows read so far."""
    progress = progress and sys.stderr.isatty()
    for row, report in checked:
        if report.problems:
            yield row, report
        if progress and rows_read() % 5000 == 0:
            _progress(rows_read())
    if progress and rows_read() >= 5000:
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr)


def _json_line(row: int, report: Report, encoded: dict[Problem, str], lang: str) -> str:
    """One row's problems as a JSON line, reusing the problems already encoded."""
    parts = []
    for p in report.problems:
        text = encoded.get(p)
        if text is None:
            text = encoded[p] = json.dumps(p.to_dict(lang), ensure_ascii=False)
        parts.append(text)
    return f'{{"row": {row}, "problems": [{", ".join(parts)}]}}\n'


def _progress(rows: int) -> None:
    print("\r" + tr("zfgk check: {rows} rows…", rows=rows), end="", file=sys.stderr, flush=True)


def render_check(
    item: Item,
    summary: dict[str, Any],
    shown: list[tuple[int, Report]],
    header_problems: tuple[Problem, ...],
) -> str:
    """The text report of ``zfgk check``, in the command's language."""
    where = summary["file"]
    if summary["sheet"] is not None:
        where = tr("{file}, sheet {sheet}", file=where, sheet=summary["sheet"])
    lines = [
        tr(
            "{file}: item {number} {name} ({catalogue})",
            file=where,
            number=item.number,
            name=item.name,
            catalogue=summary["catalogue"],
        )
    ]
    for p in header_problems:
        if p.warning:
            lines.append("  " + tr("note: {message}", message=problem_text(p)))
        else:
            lines.append(
                "  "
                + tr(
                    "header: {code} {field}: {message}",
                    code=p.code.value,
                    field=p.field,
                    message=problem_text(p),
                )
            )
    lines.extend(note_lines(summary["notes"]))
    counts = tr(
        "rows read: {rows}; rows with problems: {failed}",
        rows=summary["rows"],
        failed=summary["rows_with_problems"],
    )
    if summary["rows_with_warnings_only"]:
        counts += tr("; with warnings only: {warned}", warned=summary["rows_with_warnings_only"])
    if summary["blank_rows"]:
        counts += tr("; blank rows: {blank}", blank=summary["blank_rows"])
    lines.append("  " + counts)
    if summary["problems"]:
        lines.append("  " + tr("problems by field and code:"))
        width = max(display_width(p["field"]) for p in summary["problems"])
        code_width = max(9, *(len(p["code"]) for p in summary["problems"]))
        for p in summary["problems"]:
            lines.append(f"    {pad(p['field'], width)}  {p['code']:<{code_width}} {p['count']}")
    if shown:
        lines.append("  " + tr("first {count} rows with problems:", count=len(shown)))
        for row, report in shown:
            lines.extend(problem_lines(row, report.problems))
    if summary["no_records"]:
        lines.append("  " + tr("the file holds no records: nothing was checked"))
    lines.append("  " + (tr("OK") if summary["ok"] else tr("FAILED")))
    return "\n".join(lines)
