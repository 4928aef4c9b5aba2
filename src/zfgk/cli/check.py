"""``zfgk check FILE --item N``: every row of an export carries what the item requires."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from zfgk._arguments import quiet
from zfgk.cli._common import (
    Progress,
    ZfgkUsageError,
    add_catalogue_option,
    add_report_options,
    count_pages,
    emit_json,
    find_item,
    json_line,
    language,
    load_catalogue,
    tr,
)
from zfgk.cli._options import add_ignore_option, ignored_columns, sheet_choice
from zfgk.files import RowCheck, check_file, check_lines
from zfgk.i18n import N_
from zfgk.problems import Problem


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` command to the parser."""
    parser = sub.add_parser(
        "check",
        help=tr("check an exported file against a catalogue item's required fields"),
        description=tr(
            "Check every record of a list (a workbook: .xlsx, .xlsm, .xlsb, .xls, .ods; CSV as "
            "UTF-8, UTF-8 with BOM or GB18030; Excel's Unicode text; JSON Lines) against a "
            "catalogue item, and search everything else the file publishes (other sheets, "
            "hidden ones too, titles, footers, comments, page headers, columns that are not "
            "fields) for full ID and mobile numbers: a file passes check only if scan passes "
            "it. The header is found under any title by the item's field names; merged cells "
            "count in every cell they cover; titles, blank rows, totals and signature footers "
            "are not records and are named in notes. Exit 0 when everything passes, 1 when "
            "anything has problems or the file holds no records, 2 for usage or input errors "
            "or when a part of the file could not be read."
        ),
    )
    parser.add_argument("file", type=Path, help=tr("the exported file"))
    parser.add_argument(
        "--item",
        help=tr(
            "item number or name (default: the item whose fields best match the list's header; "
            "zfgk says which it chose and why)"
        ),
    )
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
            "the sheet of a workbook to read as the list, by name or number from 1 (default: "
            "every sheet whose header is the item's; the others are searched for full numbers)"
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
            "also write a workbook: a copy of the checked sheet with each problem cell and each "
            "cell holding a full number filled (errors red, warnings yellow) and commented, and "
            "a first sheet with the summary"
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
    """Check the file (:func:`zfgk.check_file`); exit 0 clean, 1 problems, 2 cannot check.

    A file with no records has checked nothing, and fails too (status 1).
    """
    catalogue = load_catalogue(args.catalogue)
    item = find_item(catalogue, args.item) if args.item is not None else None
    lang = language()
    with Progress("rows") as progress, count_pages(progress):
        result = check_file(
            args.file,
            item=item.number if item is not None else None,
            catalogue=catalogue,
            sheet=args.sheet,
            header_row=args.header_row,
            aliases=parse_aliases(args.alias),
            ignore=ignored_columns(args.ignore),
            encoding=args.encoding,
            progress=lambda rows: progress.advance(rows - progress.done),
        )
    if args.json:
        encoded: dict[Problem, str] = {}  # the same problems recur on many rows: encode each once
        encoding = getattr(out, "encoding", None)
        for row in result.rows:
            out.write(_json_line(row, encoded, lang, encoding))
        emit_json(out, {"summary": result.to_dict(lang)})
    else:
        print("\n".join(check_lines(result, lang, show=args.show)), file=out)
    if args.report is not None:
        result.write_report(args.report, lang=lang)
        print(tr("zfgk check: problems marked in {report}", report=args.report), file=sys.stderr)
    return result.verdict.exit_code


def _json_line(row: RowCheck, encoded: dict[Problem, str], lang: str, encoding: str | None) -> str:
    """One row's problems as a JSON line, reusing the problems already encoded."""
    parts = []
    for p in row.report.problems:
        text = encoded.get(p)
        if text is None:
            text = encoded[p] = json_line(p.to_dict(lang), encoding)
        parts.append(text)
    sheet = "" if row.sheet is None else f'"sheet": {json_line(quiet(row.sheet), encoding)}, '
    return f'{{{sheet}"row": {row.row}, "problems": [{", ".join(parts)}]}}\n'
