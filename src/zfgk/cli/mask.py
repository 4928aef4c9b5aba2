"""``zfgk mask IN.csv -o OUT.csv``: mask the personal-data columns of an export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from zfgk.cli._common import (
    ZfgkUsageError,
    add_catalogue_option,
    language,
    load_catalogue,
    note_lines,
    tr,
)
from zfgk.cli._mask_documents import mask_document
from zfgk.cli._mask_workbook import (
    columns_masked,
    is_workbook,
    is_workbook_name,
    mask_workbook_file,
    run_masker,
)
from zfgk.cli._options import add_ignore_option, sheet_choice
from zfgk.i18n import N_
from zfgk.model import Item, PersonalKind
from zfgk.privacy import TextMasked, mask_delimited
from zfgk.tables import is_json_lines

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
    """Mask the file; exit status 0, or 1 when some values could not be masked (no output)."""
    del out  # the masked rows go to the output file, the summary to stderr
    if (status := mask_document(args)) is not None:  # a page, a .docx (a PDF: an error)
        return status
    item = load_catalogue(args.catalogue).item(args.item) if args.item is not None else None
    columns = parse_columns(args.columns)
    if is_workbook(args.input):
        return mask_workbook_file(args, item, columns)
    if args.sheet is not None:
        raise ZfgkUsageError.of(
            N_("--sheet is for workbooks; {input} is a text file"), input=args.input
        )
    if is_json_lines(args.input):
        raise ZfgkUsageError.of(
            N_(
                "{input} holds JSON Lines, which zfgk mask does not rewrite; mask its records "
                "in Python with zfgk.mask_records, or export the list as CSV"
            ),
            input=args.input,
        )
    if is_workbook_name(args.output):
        raise ZfgkUsageError.of(
            N_(
                "{input} is a text file and is masked as text: write it to a .csv (or .txt), not "
                "{output}; to publish a workbook, mask the workbook itself"
            ),
            input=args.input,
            output=args.output,
        )
    return run_masker(mask_delimited, _summary, args, item, columns, encoding=args.encoding)


def _summary(args: argparse.Namespace, item: Item | None, done: TextMasked) -> str:
    """The records and each column's cells masked, the rows that are not records, the advice."""
    masked = columns_masked(done.columns, item)
    lines = [
        tr(
            "zfgk mask: rows read: {rows} (header row {row}); {masked}; other cells that held a "
            "full ID or mobile number, masked: {redacted}; wrote {output} ({encoding})",
            rows=done.records,
            row=done.header_rows[0],
            masked=masked,
            redacted=done.redacted,
            output=done.path,
            encoding=done.format.encoding,
        )
    ]
    lines.extend(note_lines([note.to_dict(language()) for note in done.notes]))
    if done.blank_rows:
        lines.append("  " + tr("blank rows kept: {count}", count=done.blank_rows))
    if item is None:
        lines.append(
            tr(
                "zfgk mask: no --item given: by default zfgk masks columns of ID numbers (every "
                "catalogue publishes 身份证号 with part of the number hidden) and every full ID "
                "or mobile number in any other cell; names and fixed-line phones are published "
                "as the catalogues list them, so they are left as they are (add --item to mask "
                "what one item requires, --names, --phones or --columns to hide more)"
            )
        )
    elif not (args.names or args.phones):
        kept = [
            f.name
            for f in item.fields
            if f.personal in (PersonalKind.NAME, PersonalKind.PHONE) and not f.masked
        ]
        if kept:
            lines.append(
                tr(
                    "zfgk mask: item {number} ({name}) publishes {fields}: left as they are "
                    "(--names or --phones hide them too)",
                    number=item.number,
                    name=item.name,
                    fields="、".join(kept),
                )
            )
    return "\n".join(lines)
