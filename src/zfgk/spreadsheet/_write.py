"""Writing a catalogue sheet: the rows, as ``.csv`` (UTF-8 with a BOM) or ``.xlsx``."""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_, display_width
from zfgk.model import Audience, Catalogue, Channel, Element, Item, LabelKind, Level, Mode
from zfgk.spreadsheet._layout import ATTRIBUTE_OF, COLUMNS, DATA_COLUMN, NOTHING, digest
from zfgk.tables import atomic_binary


def _entry(number: int, element: Element) -> str:
    prefix = f"{element.marker} " if element.marker else f"{number}. "
    inherited = f"（同第 {element.inherited_from} 项）" if element.inherited_from else ""
    return f"{prefix}{element.text}{inherited}"


def _labels(
    values: frozenset[LabelKind] | None, kind: type[LabelKind], separator: str = "、"
) -> str:
    if values is None:
        return ""
    labels = [member.value for member in kind if member in values]
    return separator.join(labels) if labels else NOTHING


def _lines(values: Sequence[str] | None) -> str:
    if values is None:
        return ""
    return "\n".join(values) if values else NOTHING


def _data(item: Item, visible: dict[str, str], catalogue: Catalogue | None) -> str:
    data: dict[str, Any] = {
        "number": item.number,
        "elements": [
            {
                "text": e.text,
                "fields": [
                    [f.name, f.personal.value if f.personal else None, f.masked] for f in e.fields
                ],
                "open": e.open,
                "notes": [n.to_json() for n in e.notes],
            }
            for e in item.elements
        ],
        # What each visible cell said when written: a cell edited since has
        # lost the judgements recorded about it.
        "cells": {column: digest(visible[column]) for column in ATTRIBUTE_OF},
    }
    if item.time_limit is not None:
        data["time_limit"] = [item.time_limit.working_days, item.time_limit.trigger]
    if item.inferred:
        data["inferred"] = [[i.attribute, i.note.to_json(), i.from_item] for i in item.inferred]
    if item.source_line is not None:
        data["source_line"] = item.source_line
    if item.source_cells:
        data["source_cells"] = [[c.column, c.text] for c in item.source_cells]
    if catalogue is not None:
        data["catalogue"] = {
            "name": catalogue.name,
            "title": catalogue.title,
            "region": catalogue.region,
            "source": [
                catalogue.source.title,
                catalogue.source.file,
                catalogue.source.sha256,
                catalogue.source.origin,
            ],
            "complete": catalogue.complete,
            "total": catalogue.total,
            "categories": list(catalogue.categories),
            "notes": [n.to_json() for n in catalogue.notes],
        }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def rows(catalogue: Catalogue) -> Iterator[list[str | int]]:
    """The sheet's rows, the header first.

    >>> import zfgk
    >>> from zfgk.spreadsheet import rows
    >>> header, first, *_ = rows(zfgk.load("shanyin"))
    >>> first[:3], first[3].splitlines()[:2], first[8:11]
    ([3, '重大决策', '决策前预公开'], ['● 决策公开制度', '○ 调查研究'], ['全社会', '主动', '县级'])
    """
    yield [*COLUMNS, DATA_COLUMN]
    for index, item in enumerate(catalogue):
        visible = {
            "一级事项": item.category,
            "二级事项": item.name,
            "公开内容": "\n".join(_entry(n, e) for n, e in enumerate(item.elements, 1)),
            "公开依据": _lines(item.basis),
            "公开时限": item.time_limit.text if item.time_limit else "",
            "公开主体": _lines(item.subjects),
            "公开渠道和载体": _labels(item.channels, Channel, "\n"),
            "公开对象": _labels(item.audiences, Audience),
            "公开方式": _labels(item.modes, Mode),
            "公开层级": _labels(item.levels, Level),
        }
        yield [
            item.number,
            *visible.values(),
            _data(item, visible, catalogue if index == 0 else None),
        ]


def write(catalogue: Catalogue, path: str | os.PathLike[str]) -> None:
    """Write ``catalogue`` as an ``.xlsx`` workbook or a ``.csv`` file, by the suffix.

    The file is written whole or not at all (a temporary file renamed into
    place).  ``.xlsx`` needs openpyxl (``pip install 'zfgk[xlsx]'``).

    >>> import pathlib, tempfile, zfgk
    >>> from zfgk import spreadsheet
    >>> spreadsheet.write(zfgk.load("shanyin"), pathlib.Path(tempfile.mkdtemp()) / "shanyin.ods")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: cannot write a catalogue as '.ods': use .xlsx or .csv (or .json, with zfgk.catalogues.dumps)
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows(rows(catalogue))
        _replace(target, buffer.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        _replace(target, _workbook(catalogue))
    else:
        raise InvalidArgumentError.of(
            N_(
                "cannot write a catalogue as {suffix!r}: use .xlsx or .csv (or .json, with "
                "zfgk.catalogues.dumps)"
            ),
            suffix=suffix or target.name,
        )


def _replace(path: Path, data: bytes) -> None:
    with atomic_binary(path) as f:
        f.write(data)


_WIDTHS = (6, 10, 16, 44, 52, 18, 18, 22, 10, 9, 9, 12)
#: Points a line of 11-point text takes in a row (Excel's and LibreOffice's default row is 15),
#: and the room above and below the lines.
_LINE_HEIGHT = 15.0
_ROW_PADDING = 3.0
#: The share of a column's width (in widths of "0") that a line of text may fill: wrapping
#: breaks before the edge, and a Chinese character is about two "0"s wide, a little more in
#: some fonts.
_FILL = 0.9


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` (Excel's unit, the width of "0") shows ``text`` on.

    Each line of the text wraps where it is wider than the column (a
    Chinese character is two "0"s wide, :func:`zfgk.i18n.display_width`); a
    blank cell is one line.

    >>> from zfgk.spreadsheet._write import line_count
    >>> line_count("1. 文件名称\\n2. 文号", 44), line_count("决" * 30, 44), line_count("", 10)
    (2, 2, 1)
    """
    capacity = max(width * _FILL, 1.0)
    return sum(max(1, math.ceil(display_width(line) / capacity)) for line in text.split("\n"))


def row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """The height in points that shows every line of a row's wrapped cells, in Excel and LibreOffice.

    Neither sizes a row to its text when it opens an .xlsx written by a
    program: LibreOffice keeps the default height and shows only the first
    line of a cell (“1. …”).  So the height is written: the most lines of
    any cell of the row (:func:`line_count`), at :data:`_LINE_HEIGHT` each.

    >>> from zfgk.spreadsheet._write import row_height
    >>> row_height(["1. 文件名称\\n2. 文号\\n3. 发布部门", "法规政策"], [44, 10])
    48.0
    """
    lines = max(
        (line_count(str(v), w) for v, w in zip(values, widths, strict=False) if v is not None),
        default=1,
    )
    return lines * _LINE_HEIGHT + _ROW_PADDING


def _workbook(catalogue: Catalogue) -> bytes:
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise InvalidArgumentError.of(
            N_("writing .xlsx files needs openpyxl: pip install 'zfgk[xlsx]' (or write .csv)")
        ) from None
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "目录"
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows(catalogue):
        sheet.append(values)
    for column, width in enumerate(_WIDTHS, start=1):
        letter = openpyxl.utils.get_column_letter(column)
        sheet.column_dimensions[letter].width = width
    visible = _WIDTHS[: len(COLUMNS)]  # the hidden data column does not size its row
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
        number = row[0].row
        shown = [cell.value for cell in row[: len(COLUMNS)]]
        if number > 1:
            shown[1] = None  # 一级事项 is merged down its items: it sizes none of them
        sheet.row_dimensions[number].height = row_height(shown, visible)
    # Printed and as a PDF: landscape, the columns one page wide, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}{sheet.max_row}"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    data_letter = openpyxl.utils.get_column_letter(len(COLUMNS) + 1)
    sheet.column_dimensions[data_letter].hidden = True  # machine data: kept, out of the way
    sheet.freeze_panes = "A2"
    # One merged 一级事项 cell over consecutive items of the same category, as the source.
    first = 2
    items = list(catalogue)
    for index in range(1, len(items) + 1):
        if index == len(items) or items[index].category != items[first - 2].category:
            last = index + 1
            if last > first:
                sheet.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)
            first = last + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
