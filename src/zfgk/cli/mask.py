"""``zfgk mask IN -o OUT``: the same file with what must be hidden hidden (:func:`zfgk.mask_file`)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from zfgk._arguments import quiet
from zfgk.cli._common import (
    Progress,
    ZfgkUsageError,
    add_catalogue_option,
    count_pages,
    find_item,
    language,
    load_catalogue,
    note_lines,
    tr,
)
from zfgk.cli._options import add_ignore_option, ignored_columns, sheet_choice
from zfgk.errors import PrivacyError
from zfgk.files import FileMask, SheetMasked, mask_file
from zfgk.formats import Family, Kind, kind_of
from zfgk.i18n import N_, Message
from zfgk.model import Item, PersonalKind
from zfgk.privacy import MaskedColumn, MaskReason

#: The kinds ``--columns`` accepts after ``=``.
KIND_WORDS = {"name": PersonalKind.NAME, "id": PersonalKind.ID_NUMBER, "phone": PersonalKind.PHONE}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``mask`` command to the parser."""
    parser = sub.add_parser(
        "mask",
        help=tr(
            "mask what a catalogue item requires hidden in a CSV export, a workbook, a web page or a .docx"
        ),
        description=tr(
            "Mask what the catalogue requires hidden before publishing: with --item, "
            "the fields that item requires published partly hidden (身份证号 隐藏部分号码); "
            "always, columns of ID numbers, and every full ID number or mobile number found in "
            "any other cell. Names and office phones that the catalogue publishes are left as "
            "they are unless --names, --phones or --columns ask for more. Every other byte is "
            "kept; the output is written only if every value could be masked."
        ),
    )
    parser.add_argument(
        "input",
        type=Path,
        help=tr(
            'CSV file (UTF-8, UTF-8 with BOM, GB18030) or Excel\'s "Unicode text" '
            "(UTF-16, tab-separated); the output keeps its encoding and separator. Or a "
            "workbook (.xlsx, .xlsm; .xls, .ods and .xlsb are written as .xlsx): written back "
            "with only the masked cells changed"
        ),
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help=tr("where to write"))
    parser.add_argument("--item", help=tr("the catalogue item the file publishes (number or name)"))
    add_catalogue_option(parser)
    parser.add_argument(
        "--names", action="store_true", help=tr("also mask the columns of people's names")
    )
    parser.add_argument(
        "--phones",
        action="store_true",
        help=tr("also mask the phone columns, fixed lines included"),
    )
    parser.add_argument(
        "--columns",
        help=tr(
            "also mask these comma-separated headers, each optionally with =name, =id or "
            "=phone (e.g. 身份证号,户主=name)"
        ),
    )
    add_ignore_option(parser)
    parser.add_argument(
        "--sheet",
        type=sheet_choice,
        metavar="NAME|N",
        help=tr(
            "in a workbook, mask only this sheet, by name or number from 1 (default: every sheet)"
        ),
    )
    parser.add_argument(
        "--encoding", help=tr("force the input encoding (utf-8, utf-8-sig, gb18030)")
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help=tr("let -o name the input itself (the unmasked original is then lost)"),
    )
    parser.set_defaults(run=run)


def parse_columns(spec: str | None) -> dict[str, PersonalKind | None]:
    """``--columns 身份证号,户主=name`` as a mapping of header to kind (None: the header tells).

    >>> from zfgk.cli.mask import parse_columns
    >>> {name: kind and kind.value for name, kind in parse_columns("身份证号, 户主=name").items()}
    {'身份证号': None, '户主': 'name'}
    >>> parse_columns("户主=person")
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: unknown kind 'person' for 户主: use name, id or phone
    """
    columns: dict[str, PersonalKind | None] = {}
    for item in filter(None, (c.strip() for c in (spec or "").split(","))):
        name, _, word = item.partition("=")
        if word and word not in KIND_WORDS:
            raise ZfgkUsageError.of(
                N_("unknown kind {word!r} for {name}: use name, id or phone"), word=word, name=name
            )
        columns[name] = KIND_WORDS[word] if word else None
    return columns


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Mask the file (:func:`zfgk.mask_file`); 0 written, 1 some values cannot be masked (nothing
    written), 2 usage or input errors."""
    del out  # the masked file goes to the output, the summary to stderr
    _refuse_list_options(args)
    catalogue = load_catalogue(args.catalogue)
    item = find_item(catalogue, args.item) if args.item is not None else None
    try:
        with Progress("rows") as progress, count_pages(progress):
            done = mask_file(
                args.input,
                args.output,
                item=item,
                catalogue=catalogue,
                sheet=args.sheet,
                names=args.names,
                phones=args.phones,
                columns=parse_columns(args.columns),
                ignore=ignored_columns(args.ignore),
                encoding=args.encoding,
                overwrite=args.overwrite,
                progress=lambda rows: progress.advance(rows - progress.done),
            )
    except PrivacyError as e:
        print(tr("zfgk mask: {message}", message=e.as_message()), file=sys.stderr)
        return 1
    print(summary(done, item, names=args.names or args.phones), file=sys.stderr)
    return 0


def _refuse_list_options(args: argparse.Namespace) -> None:
    """The options that choose columns are for lists: say so in the command's own words."""
    try:
        kind = kind_of(args.input)
    except OSError:
        return  # mask_file says what is wrong with the file
    chosen = [
        option
        for option, value in (
            ("--item", args.item),
            ("--names", args.names),
            ("--phones", args.phones),
            ("--columns", args.columns),
            ("--ignore", args.ignore),
        )
        if value
    ]
    if chosen and kind.family is Family.DOCUMENT and kind is not Kind.PDF:
        raise ZfgkUsageError.of(
            N_(
                "{options}: for lists (CSV, workbooks); in {kind} zfgk masks every full ID "
                "number and mobile number, and cannot find names or fixed-line phones to hide"
            ),
            options=", ".join(chosen),
            kind=Message(kind.label),
        )


def summary(done: FileMask, item: Item | None, *, names: bool = False) -> str:
    """What ``zfgk mask`` says it did: per sheet the cells masked in each column, then the file."""
    if done.kind.family not in (Family.TABLE, Family.WORKBOOK):
        kinds = Counter(f.kind for f in done.texts)
        template = N_(
            "zfgk mask: {input}: ID numbers masked: {ids}; mobile numbers masked: {phones}; "
            "wrote {output}"
        )
        if done.cells:  # the sheets of the workbooks it holds (a mail's attachment, a zip's)
            template = N_(
                "zfgk mask: {input}: ID numbers masked: {ids}; mobile numbers masked: "
                "{phones}; cells of the workbooks it holds masked: {cells}; wrote {output}"
            )
        return tr(
            template,
            input=done.source,
            ids=kinds[PersonalKind.ID_NUMBER],
            phones=kinds[PersonalKind.PHONE],
            cells=done.cells,
            output=done.path,
        )
    if done.kind.family is Family.TABLE:
        return _table_summary(done, item, names)
    lines = [_sheet_line(sheet, item) for sheet in done.sheets]
    template = N_("zfgk mask: wrote {output}: {cells} cells changed, everything else as it was")
    if done.converted:
        template = N_(
            "zfgk mask: wrote {output}: {cells} cells changed; converted to .xlsx, with what "
            "of its look could be read"
        )
    lines.append(tr(template, output=done.path, cells=done.cells))
    lines.extend(tr("zfgk mask: not kept: {what}", what=lost) for lost in done.lost)
    lines.extend(_advice(item, names))
    return "\n".join(lines)


def _table_summary(done: FileMask, item: Item | None, names: bool) -> str:
    """A CSV file's summary: its records and each column's cells masked, then the notes."""
    (sheet,) = done.sheets
    header_rows = sheet.header_rows or (1, 1)
    lines = [
        tr(
            "zfgk mask: rows read: {rows} (header row {row}); {masked}; other cells that held a "
            "full ID or mobile number, masked: {redacted}; wrote {output} ({encoding})",
            rows=sheet.records,
            row=header_rows[0],
            masked=columns_masked(sheet.columns, item),
            redacted=sheet.redacted,
            output=done.path,
            encoding=done.encoding or "",
        )
    ]
    lines.extend(note_lines([note.to_dict(language()) for note in sheet.notes]))
    if sheet.blank_rows:
        lines.append("  " + tr("blank rows kept: {count}", count=sheet.blank_rows))
    lines.extend(_advice(item, names))
    return "\n".join(lines)


def _sheet_line(sheet: SheetMasked, item: Item | None) -> str:
    where = quiet(sheet.sheet) if sheet.sheet is not None else ""
    if sheet.header_rows is None or not (sheet.records or sheet.columns):
        return tr(
            "zfgk mask: sheet {sheet}: no records; cells that held a full ID or mobile "
            "number, masked: {redacted}",
            sheet=where,
            redacted=sheet.redacted,
        )
    return tr(
        "zfgk mask: sheet {sheet} (header row {row}, records: {records}): {masked}; "
        "other cells that held a full ID or mobile number, masked: {redacted}",
        sheet=where,
        row=sheet.header_rows[0],
        records=sheet.records,
        masked=columns_masked(sheet.columns, item),
        redacted=sheet.redacted,
    )


def _advice(item: Item | None, asked: bool) -> list[str]:
    """What was left as the catalogue publishes it, and how to hide more."""
    if item is None:
        return [
            tr(
                "zfgk mask: no --item given: by default zfgk masks columns of ID numbers (every "
                "catalogue publishes 身份证号 with part of the number hidden) and every full ID "
                "or mobile number in any other cell; names and fixed-line phones are published "
                "as the catalogues list them, so they are left as they are (add --item to mask "
                "what one item requires, --names, --phones or --columns to hide more)"
            )
        ]
    if asked:
        return []
    kept = [
        f.name
        for f in item.fields
        if f.personal in (PersonalKind.NAME, PersonalKind.PHONE) and not f.masked
    ]
    if not kept:
        return []
    return [
        tr(
            "zfgk mask: item {number} ({name}) publishes {fields}: left as they are "
            "(--names or --phones hide them too)",
            number=item.number,
            name=item.name,
            fields="、".join(kept),
        )
    ]


def columns_masked(columns: Iterable[tuple[MaskedColumn, int]], item: Item | None) -> str:
    """Each column masked whole, with its count of cells and why, for a summary line."""
    return "; ".join(
        tr("{column}: {count} ({why})", column=c.header, count=n, why=reason_text(c, item))
        for c, n in columns
    ) or tr("no column to mask")


def reason_text(column: MaskedColumn, item: Item | None) -> str:
    """Why a column was masked whole, in the command's language."""
    if column.reason is MaskReason.ITEM and item is not None:
        return tr(
            "item {number} requires {field} partly hidden", number=item.number, field=column.field
        )
    if column.reason is MaskReason.ID_NUMBERS:
        return tr("ID numbers are never published in full")
    return {MaskReason.NAMES: "--names", MaskReason.PHONES: "--phones"}.get(
        column.reason, "--columns"
    )
