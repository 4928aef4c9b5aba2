"""A new .xlsx written row by row, with styles (internal).

Used where there is no .xlsx to edit: an .xls, .ods or .xlsb converted
(with what of its look could be read), and a report on a CSV or JSON Lines
file.  Cells are written as they come (memory stays flat); text goes in
inline strings; a style is given as the XML of its font, fill, border and
alignment, and each distinct one is written once.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

import attrs

from zfgk.workbooks._targets import Merge
from zfgk.workbooks._xml import cell_name, escape_attribute, escape_text

__all__ = ["BookBuilder", "Column", "SheetLayout", "Style", "excel_number"]

DEFAULT_FONT = b'<font><sz val="11"/><name val="\xe5\xae\x8b\xe4\xbd\x93"/><family val="3"/><charset val="134"/></font>'
NO_FILL = b'<fill><patternFill patternType="none"/></fill>'
NO_BORDER = b"<border><left/><right/><top/><bottom/><diagonal/></border>"
_GRAY_FILL = b'<fill><patternFill patternType="gray125"/></fill>'
#: The formats Excel has built in, by id (a cell naming one needs no <numFmt>).
_BUILT_IN = {
    "General": 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    "0%": 9,
    "0.00%": 10,
    "0.00E+00": 11,
    "mm-dd-yy": 14,
    "h:mm": 20,
    "h:mm:ss": 21,
    "m/d/yy h:mm": 22,
    "@": 49,
}
_EPOCH = datetime(1899, 12, 30)


@attrs.frozen
class Style:
    """A cell's look: the XML of its font, fill, border and alignment, and its number format.

    ``number_format`` is an id Excel has built in (an int) or a format code.
    """

    font: bytes = DEFAULT_FONT
    fill: bytes = NO_FILL
    border: bytes = NO_BORDER
    number_format: int | str = 0
    alignment: bytes = b""
    protection: bytes = b""


@attrs.frozen
class Column:
    """Columns ``first`` to ``last`` (from 1): their width in characters, hidden, their style."""

    first: int
    last: int
    width: float | None = None
    hidden: bool = False
    style: int = 0


@attrs.frozen
class SheetLayout:
    """What of a sheet is not its cells: state, merges, columns, rows' heights, panes, printing."""

    state: str = "visible"
    merges: Sequence[Merge] = ()
    columns: Sequence[Column] = ()
    heights: dict[int, tuple[float | None, bool]] = attrs.Factory(dict)
    default_width: float | None = None
    default_height: float | None = None
    freeze: tuple[int, int] | None = None  # the first row and column that scroll, from 1
    landscape: bool = False
    fit_width: bool = False
    selected: bool = False
    paper: int | None = None
    margins: tuple[float, float, float, float] | None = None  # left, right, top, bottom, inches
    fit_height: int = 0


class ErrorValue(str):
    """A cell's error value (#N/A, #DIV/0! …), written as an error, not text."""


def excel_number(value: date | datetime | time | timedelta) -> float:
    """A date, time or duration as Excel's serial number (days since 1899-12-30).

    >>> from datetime import date, datetime, time
    >>> from zfgk.workbooks._build import excel_number
    >>> excel_number(date(2026, 8, 3)), excel_number(datetime(2026, 8, 3, 12)), excel_number(time(6))
    (46237.0, 46237.5, 0.25)
    """
    if isinstance(value, datetime):
        return (value.replace(tzinfo=None) - _EPOCH) / timedelta(days=1)
    if isinstance(value, date):
        return float((value - _EPOCH.date()).days)
    if isinstance(value, time):
        return (
            value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        ) / 86400
    return value / timedelta(days=1)


def _number_text(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


class BookBuilder:
    """A new workbook written to ``path``, sheet by sheet, row by row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self._fonts: dict[bytes, int] = {DEFAULT_FONT: 0}
        self._fills: dict[bytes, int] = {NO_FILL: 0, _GRAY_FILL: 1}
        self._borders: dict[bytes, int] = {NO_BORDER: 0}
        self._formats: dict[str, int] = {}
        self._xfs: dict[tuple[int, int, int, int, bytes, bytes], int] = {(0, 0, 0, 0, b"", b""): 0}
        self._sheets: list[tuple[str, str]] = []

    def default_font(self, font: bytes) -> None:
        """The workbook's default font (the Normal style's), before any style is made."""
        del self._fonts[DEFAULT_FONT]
        self._fonts = {font: 0, **self._fonts}

    def style(self, style: Style) -> int:
        """The index of ``style`` among the workbook's cell formats (made once)."""
        font = self._fonts.setdefault(style.font, len(self._fonts))
        fill = self._fills.setdefault(style.fill, len(self._fills))
        border = self._borders.setdefault(style.border, len(self._borders))
        if isinstance(style.number_format, int):
            number = style.number_format
        elif style.number_format in _BUILT_IN:
            number = _BUILT_IN[style.number_format]
        else:
            number = self._formats.setdefault(style.number_format, 164 + len(self._formats))
        key = (font, fill, border, number, style.alignment, style.protection)
        return self._xfs.setdefault(key, len(self._xfs))

    def sheet(
        self,
        name: str,
        rows: Iterable[tuple[int, Iterable[tuple[int, object, int]]]],
        layout: SheetLayout,
    ) -> None:
        """A sheet: ``rows`` of (row, cells of (column, value, style)), rows and columns from 1."""
        part = f"xl/worksheets/sheet{len(self._sheets) + 1}.xml"
        self._sheets.append((name, layout.state))
        with self._zip.open(part, "w", force_zip64=True) as out:
            out.write(self._head(layout))
            batch: list[bytes] = []
            for row, cells in rows:
                batch.append(self._row(row, cells, layout.heights.get(row)))
                if len(batch) >= 1000:
                    out.write(b"".join(batch))
                    batch.clear()
            out.write(b"".join(batch))
            out.write(b"</sheetData>")
            if layout.merges:
                out.write(f'<mergeCells count="{len(layout.merges)}">'.encode())
                for r1, c1, r2, c2 in layout.merges:
                    out.write(
                        f'<mergeCell ref="{cell_name(r1, c1)}:{cell_name(r2, c2)}"/>'.encode()
                    )
                out.write(b"</mergeCells>")
            left, right, top, bottom = layout.margins or (0.7, 0.7, 0.75, 0.75)
            out.write(
                f'<pageMargins left="{left:g}" right="{right:g}" top="{top:g}" '
                f'bottom="{bottom:g}" header="0.3" footer="0.3"/>'.encode()
            )
            setup = f'<pageSetup paperSize="{layout.paper or 9}"'.encode()
            if layout.landscape:
                setup += b' orientation="landscape"'
            if layout.fit_width:
                setup += f' fitToWidth="1" fitToHeight="{layout.fit_height}"'.encode()
            out.write(setup + b"/></worksheet>")

    def _head(self, layout: SheetLayout) -> bytes:
        parts = [
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        ]
        if layout.fit_width:
            parts.append(b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        view = b'<sheetView workbookViewId="0"' + (b' tabSelected="1"' if layout.selected else b"")
        if layout.freeze is not None and layout.freeze != (1, 1):
            row, column = layout.freeze
            pane = b"<pane"
            if column > 1:
                pane += f' xSplit="{column - 1}"'.encode()
            if row > 1:
                pane += f' ySplit="{row - 1}"'.encode()
            active = (
                "bottomRight"
                if row > 1 and column > 1
                else ("bottomLeft" if row > 1 else "topRight")
            )
            pane += f' topLeftCell="{cell_name(row, column)}" activePane="{active}" state="frozen"/>'.encode()
            view += b">" + pane + b"</sheetView>"
        else:
            view += b"/>"
        parts.append(b"<sheetViews>" + view + b"</sheetViews>")
        format_attributes = b""
        if layout.default_width is not None:
            format_attributes += f' defaultColWidth="{layout.default_width:g}"'.encode()
        height = layout.default_height if layout.default_height is not None else 15
        format_attributes += f' defaultRowHeight="{height:g}"'.encode()
        if layout.default_height is not None:
            format_attributes += b' customHeight="1"'
        parts.append(b"<sheetFormatPr" + format_attributes + b"/>")
        if layout.columns:
            parts.append(b"<cols>")
            for spec in sorted(layout.columns, key=lambda c: c.first):
                text = f'<col min="{spec.first}" max="{spec.last}"'
                text += f' width="{spec.width:g}" customWidth="1"' if spec.width else ' width="9"'
                if spec.style:
                    text += f' style="{spec.style}"'
                if spec.hidden:
                    text += ' hidden="1"'
                parts.append((text + "/>").encode())
            parts.append(b"</cols>")
        parts.append(b"<sheetData>")
        return b"".join(parts)

    def _row(
        self,
        row: int,
        cells: Iterable[tuple[int, object, int]],
        height: tuple[float | None, bool] | None,
    ) -> bytes:
        tag = f'<row r="{row}"'
        if height is not None:
            points, hidden = height
            if points is not None:
                tag += f' ht="{points:g}" customHeight="1"'
            if hidden:
                tag += ' hidden="1"'
        parts = [tag.encode() + b">"]
        for column, value, style in cells:
            parts.append(_cell(row, column, value, style))
        parts.append(b"</row>")
        return b"".join(parts)

    def close(self) -> None:
        """Write the workbook's other parts and close the file."""
        z = self._zip
        count = len(self._sheets)
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for n in range(1, count + 1)
            )
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        sheets = "".join(
            f'<sheet name="{escape_attribute(name)}" sheetId="{n}"'
            + (f' state="{state}"' if state != "visible" else "")
            + f' r:id="rId{n}"/>'
            for n, (name, state) in enumerate(self._sheets, 1)
        )
        first_visible = next((n for n, (_, s) in enumerate(self._sheets) if s == "visible"), 0)
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView activeTab="{first_visible}"/></bookViews>'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, count + 1)
            )
            + f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        z.writestr("xl/styles.xml", self._styles())
        z.close()

    def _styles(self) -> bytes:
        def listed(name: str, entries: dict[bytes, int]) -> bytes:
            ordered = sorted(entries, key=entries.__getitem__)
            return (
                f'<{name} count="{len(ordered)}">'.encode()
                + b"".join(ordered)
                + f"</{name}>".encode()
            )

        formats = b""
        if self._formats:
            formats = (
                f'<numFmts count="{len(self._formats)}">'.encode()
                + b"".join(
                    f'<numFmt numFmtId="{i}" formatCode="{escape_attribute(code)}"/>'.encode()
                    for code, i in self._formats.items()
                )
                + b"</numFmts>"
            )
        xfs = []
        for (font, fill, border, number, alignment, protection), _ in sorted(
            self._xfs.items(), key=lambda item: item[1]
        ):
            tag = (
                f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="{border}" '
                'xfId="0"'
            )
            tag += ' applyNumberFormat="1"' if number else ""
            tag += ' applyFont="1"' if font else ""
            tag += ' applyFill="1"' if fill else ""
            tag += ' applyBorder="1"' if border else ""
            tag += ' applyAlignment="1"' if alignment else ""
            tag += ' applyProtection="1"' if protection else ""
            inner = alignment + protection
            xfs.append(tag.encode() + (b">" + inner + b"</xf>" if inner else b"/>"))
        return (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + formats
            + listed("fonts", self._fonts)
            + listed("fills", self._fills)
            + listed("borders", self._borders)
            + b'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            + f'<cellXfs count="{len(xfs)}">'.encode()
            + b"".join(xfs)
            + b"</cellXfs>"
            + b'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            + b"</styleSheet>"
        )

    def abandon(self) -> None:
        """Close the file without finishing it (the caller removes it)."""
        self._zip.close()


def _cell(row: int, column: int, value: object, style: int) -> bytes:
    ref = cell_name(row, column)
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>'.encode() if style else b""
    if isinstance(value, ErrorValue):
        return f'<c r="{ref}"{s} t="e"><v>{escape_text(str(value))}</v></c>'.encode()
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'.encode()
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{_number_text(float(value))}</v></c>'.encode()
    if isinstance(value, date | time | timedelta):
        return f'<c r="{ref}"{s}><v>{_number_text(excel_number(value))}</v></c>'.encode()
    text = str(value)
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape_text(text)}</t></is></c>'.encode()
