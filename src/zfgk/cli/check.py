"""``zfgk check FILE --item N``: every row of an export carries what the item requires."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
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
    pad,
    problem_lines,
    problem_text,
    tr,
)
from zfgk.i18n import N_
from zfgk.model import Item
from zfgk.tables import read_table
from zfgk.validation import HeaderChecker, Problem, ProblemCode, Report, Validator


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command to the parser."""
    parser = sub.add_parser(
        "check",
        help=tr("check an exported file against a catalogue item's required fields"),
        description=tr(
            "Check every row of an export (CSV as UTF-8, UTF-8 with BOM or GB18030; Excel's "
            "Unicode text; JSON Lines; .xlsx) against a catalogue item. Exit 0 when every "
            "row passes, 1 when any has problems or the file holds none, 2 for usage or "
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
    add_report_options(parser)
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


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check the file; exit status 0 when every row passes, 1 when any has problems.

    A file with no records has checked nothing, and fails too (status 1).
    """
    catalogue = load_catalogue(args.catalogue)
    item = catalogue.item(args.item)
    validator = Validator(item, parse_aliases(args.alias))
    table = read_table(args.file, args.encoding)
    header_problems: tuple[Problem, ...] = ()
    check: HeaderChecker | None = None
    if table.header is not None:
        check = validator.for_header(table.header)
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
        header_problems = check.missing + unknown
    counts: Counter[tuple[str, str]] = Counter()
    failed = warned = 0
    shown: list[tuple[int, Report]] = []
    progress = sys.stderr.isatty() and not args.json
    as_json: dict[Problem, str] = {}
    lang = language()

    def note(row: int, report: Report) -> None:
        nonlocal failed, warned
        if report.ok:
            warned += 1
        else:
            failed += 1
        for p in report.problems:
            counts[p.field, p.code.value] += 1
        if args.json:
            # The same problems recur on many rows: encode each once.
            encoded = []
            for p in report.problems:
                text = as_json.get(p)
                if text is None:
                    text = as_json[p] = json.dumps(p.to_dict(lang), ensure_ascii=False)
                encoded.append(text)
            out.write(f'{{"row": {row}, "problems": [{", ".join(encoded)}]}}\n')
        elif len(shown) < args.show:
            shown.append((row, report))

    if check is not None:
        for row, values in table.lists():
            report = check(values)
            if report.problems:
                note(row, report)
            if progress and table.record_count % 5000 == 0:
                _progress(table.record_count)
    else:
        for row, record in table.rows():
            report = validator(record)
            if report.problems:
                note(row, report)
            if progress and table.record_count % 5000 == 0:
                _progress(table.record_count)
    if progress and table.record_count >= 5000:
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    header_failed = any(not p.warning for p in header_problems)
    summary = {
        "file": str(args.file),
        "catalogue": catalogue.name,
        "item": item.number,
        "rows": table.record_count,
        "rows_with_problems": failed,
        "rows_with_warnings_only": warned,
        "blank_rows": table.blank_rows,
        "header_problems": [p.to_dict(lang) for p in header_problems],
        "problems": [{"field": f, "code": c, "count": n} for (f, c), n in sorted(counts.items())],
        "no_records": table.record_count == 0,
        "ok": table.record_count > 0 and not failed and not header_failed,
    }
    if args.json:
        emit_json(out, {"summary": summary})
    else:
        print(render_check(item, summary, shown, header_problems), file=out)
    return 0 if summary["ok"] else 1


def _progress(rows: int) -> None:
    print("\r" + tr("zfgk check: {rows} rows…", rows=rows), end="", file=sys.stderr, flush=True)


def render_check(
    item: Item,
    summary: dict[str, Any],
    shown: list[tuple[int, Report]],
    header_problems: tuple[Problem, ...],
) -> str:
    """The text report of ``zfgk check``, in the command's language."""
    lines = [
        tr(
            "{file}: item {number} {name} ({catalogue})",
            file=summary["file"],
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
        for p in summary["problems"]:
            lines.append(f"    {pad(p['field'], width)}  {p['code']:<9} {p['count']}")
    if shown:
        lines.append("  " + tr("first {count} rows with problems:", count=len(shown)))
        for row, report in shown:
            lines.extend(problem_lines(row, report.problems))
    if summary["no_records"]:
        lines.append("  " + tr("the file holds no records: nothing was checked"))
    lines.append("  " + (tr("OK") if summary["ok"] else tr("FAILED")))
    return "\n".join(lines)
