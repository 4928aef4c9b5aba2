"""``zfgk mask IN.xlsx -o OUT.xlsx``: a workbook masked in place (the logic is
:func:`zfgk.privacy.mask_workbook`; here, the call and the summary)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from zfgk.cli._common import tr
from zfgk.cli._options import ignored_columns
from zfgk.errors import PrivacyError
from zfgk.i18n import N_
from zfgk.model import Item, PersonalKind
from zfgk.privacy import MaskedColumn, MaskReason, WorkbookMasked, mask_workbook
from zfgk.tables import FileKind, sniff

__all__ = [
    "columns_masked",
    "is_workbook",
    "is_workbook_name",
    "mask_workbook_file",
    "reason_text",
    "run_masker",
]

_Done = TypeVar("_Done")

#: Names of the workbooks zfgk reads (their first bytes are looked at too).
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})


def is_workbook_name(path: Path) -> bool:
    """Whether the file's name says it is a workbook (.xlsx, .xls, .ods …)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def is_workbook(path: Path) -> bool:
    """Whether ``zfgk mask`` takes the file as a workbook (by its name, else its first bytes)."""
    if is_workbook_name(path):
        return True
    return path.is_file() and sniff(path) is not FileKind.TEXT


def mask_workbook_file(
    args: argparse.Namespace, item: Item | None, columns: dict[str, PersonalKind | None]
) -> int:
    """Mask the workbook ``args.input`` into ``args.output``; 1 if some cells cannot be masked."""
    return run_masker(mask_workbook, _summary, args, item, columns, sheet=args.sheet)


def run_masker(
    masker: Callable[..., _Done],
    summary: Callable[[argparse.Namespace, Item | None, _Done], str],
    args: argparse.Namespace,
    item: Item | None,
    columns: dict[str, PersonalKind | None],
    **options: Any,
) -> int:
    """Call a library masker with the command's options; its summary, or 1 and why it refused."""
    try:
        done = masker(
            args.input,
            args.output,
            item=item,
            names=args.names,
            phones=args.phones,
            columns=columns,
            ignore=ignored_columns(args.ignore),
            **options,
        )
    except PrivacyError as e:
        print(tr("zfgk mask: {message}", message=e.as_message()), file=sys.stderr)
        return 1
    print(summary(args, item, done), file=sys.stderr)
    return 0


def columns_masked(columns: Iterable[tuple[MaskedColumn, int]], item: Item | None) -> str:
    """Each column masked whole, with its count of cells and why, for a summary line."""
    return "; ".join(
        tr("{column}: {count} ({why})", column=c.header, count=n, why=reason_text(c, item))
        for c, n in columns
    ) or tr("no column to mask")


def reason_text(column: MaskedColumn, item: Item | None) -> str:
    if column.reason is MaskReason.ITEM and item is not None:
        return tr(
            "item {number} requires {field} partly hidden", number=item.number, field=column.field
        )
    if column.reason is MaskReason.ID_NUMBERS:
        return tr("ID numbers are never published in full")
    return {MaskReason.NAMES: "--names", MaskReason.PHONES: "--phones"}.get(
        column.reason, "--columns"
    )


def _summary(args: argparse.Namespace, item: Item | None, done: WorkbookMasked) -> str:
    """Per sheet, the cells masked in each column and the other cells masked; then the file."""
    lines = []
    for sheet in done.sheets:
        if sheet.header_rows is None or not (sheet.records or sheet.columns):
            line = tr(
                "zfgk mask: sheet {sheet}: no records; cells that held a full ID or mobile "
                "number, masked: {redacted}",
                sheet=sheet.sheet,
                redacted=sheet.redacted,
            )
        else:
            masked = columns_masked(sheet.columns, item)
            line = tr(
                "zfgk mask: sheet {sheet} (header row {row}, records: {records}): {masked}; "
                "other cells that held a full ID or mobile number, masked: {redacted}",
                sheet=sheet.sheet,
                row=sheet.header_rows[0],
                records=sheet.records,
                masked=masked,
                redacted=sheet.redacted,
            )
        lines.append(line)
    template = N_("zfgk mask: wrote {output}: {cells} cells changed, everything else as it was")
    if done.converted:
        template = N_(
            "zfgk mask: wrote {output}: {cells} cells changed; converted to .xlsx, with what "
            "of its look could be read"
        )
    lines.append(tr(template, output=done.path, cells=done.cells))
    lines.extend(tr("zfgk mask: not kept: {what}", what=lost) for lost in done.lost)
    return "\n".join(lines)
