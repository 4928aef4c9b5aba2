"""An .xls file's look, read with xlrd: its fonts, fills, borders, formats, widths, page (internal)."""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.tables import Worksheet
from zfgk.workbooks._build import (
    DEFAULT_FONT,
    NO_BORDER,
    NO_FILL,
    BookBuilder,
    Column,
    SheetLayout,
    Style,
)
from zfgk.workbooks._kept import (
    LOST_COMMENTS,
    LOST_DRAWINGS,
    LOST_FORMULAS,
    LOST_LINKS,
    LOST_PRINT,
    LOST_RULES,
    merges_of,
)
from zfgk.workbooks._xml import escape_attribute

__all__ = ["XlsLook"]

_XLS_PATTERNS = (
    "none", "solid", "mediumGray", "darkGray", "lightGray", "darkHorizontal", "darkVertical",
    "darkDown", "darkUp", "darkGrid", "darkTrellis", "lightHorizontal", "lightVertical",
    "lightDown", "lightUp", "lightGrid", "lightTrellis", "gray125", "gray0625",
)  # fmt: skip
_XLS_LINES = (
    None, "thin", "medium", "dashed", "dotted", "thick", "double", "hair", "mediumDashed",
    "dashDot", "mediumDashDot", "dashDotDot", "mediumDashDotDot", "slantDashDot",
)  # fmt: skip
_XLS_HORIZONTAL = (
    None,
    "left",
    "center",
    "right",
    "fill",
    "justify",
    "centerContinuous",
    "distributed",
)
_XLS_VERTICAL = ("top", "center", None, "justify", "distributed")
_XLS_UNDERLINE = {1: "single", 2: "double", 0x21: "singleAccounting", 0x22: "doubleAccounting"}


def _xlrd() -> Any:
    try:
        import xlrd
    except ImportError:
        raise InputError.of(
            N_("converting an .xls keeps its look only with xlrd: pip install 'zfgk[xlsx]'")
        ) from None
    return xlrd


class XlsLook:
    """An .xls file's formatting, read with xlrd, as the builder's styles."""

    def __init__(self, source: Path) -> None:
        xlrd = _xlrd()
        try:
            self.book = xlrd.open_workbook(str(source), formatting_info=True, on_demand=True)
        except Exception as e:  # whatever xlrd raises on a file calamine could read
            raise InputError.of(
                N_("{path}: the look of the .xls cannot be read ({kind})"),
                path=source,
                kind=type(e).__name__,
            ) from None
        self._styles: dict[int, int] = {}

    def _colour(self, index: int) -> str | None:
        rgb = self.book.colour_map.get(index)
        if rgb is None:
            return None
        red, green, blue = rgb
        return f"FF{red:02X}{green:02X}{blue:02X}"

    def _font(self, index: int) -> bytes:
        font = self.book.font_list[index] if index < len(self.book.font_list) else None
        if font is None:
            return DEFAULT_FONT
        parts = []
        if font.weight >= 700 or font.bold:
            parts.append("<b/>")
        if font.italic:
            parts.append("<i/>")
        if font.struck_out:
            parts.append("<strike/>")
        underline = _XLS_UNDERLINE.get(font.underline_type)
        if underline:
            parts.append("<u/>" if underline == "single" else f'<u val="{underline}"/>')
        parts.append(f'<sz val="{font.height / 20:g}"/>')
        colour = self._colour(font.colour_index)
        if colour is not None and font.colour_index not in (0x7FFF, 64, 0x51):
            parts.append(f'<color rgb="{colour}"/>')
        parts.append(f'<name val="{escape_attribute(font.name)}"/>')
        if font.family:
            parts.append(f'<family val="{font.family}"/>')
        if font.character_set:
            parts.append(f'<charset val="{font.character_set}"/>')
        return ("<font>" + "".join(parts) + "</font>").encode("utf-8")

    def _fill(self, xf: Any) -> bytes:
        background = xf.background
        pattern = background.fill_pattern
        if not pattern or pattern >= len(_XLS_PATTERNS):
            return NO_FILL
        fg = self._colour(background.pattern_colour_index)
        bg = self._colour(background.background_colour_index)
        inner = (f'<fgColor rgb="{fg}"/>' if fg else "") + (f'<bgColor rgb="{bg}"/>' if bg else "")
        return (
            f'<fill><patternFill patternType="{_XLS_PATTERNS[pattern]}">{inner}</patternFill></fill>'
        ).encode()

    def _border(self, xf: Any) -> bytes:
        border = xf.border
        sides = []
        for side in ("left", "right", "top", "bottom"):
            line = getattr(border, f"{side}_line_style")
            style = _XLS_LINES[line] if 0 < line < len(_XLS_LINES) else None
            if style is None:
                sides.append(f"<{side}/>")
                continue
            colour = self._colour(getattr(border, f"{side}_colour_index"))
            inner = f'<color rgb="{colour}"/>' if colour else '<color auto="1"/>'
            sides.append(f'<{side} style="{style}">{inner}</{side}>')
        made = ("<border>" + "".join(sides) + "<diagonal/></border>").encode()
        return NO_BORDER if made == NO_BORDER else made

    def _alignment(self, xf: Any) -> bytes:
        a = xf.alignment
        attributes = []
        horizontal = _XLS_HORIZONTAL[a.hor_align] if a.hor_align < len(_XLS_HORIZONTAL) else None
        if horizontal:
            attributes.append(f'horizontal="{horizontal}"')
        vertical = _XLS_VERTICAL[a.vert_align] if a.vert_align < len(_XLS_VERTICAL) else None
        if vertical:
            attributes.append(f'vertical="{vertical}"')
        if a.rotation:
            attributes.append(f'textRotation="{a.rotation}"')
        if a.text_wrapped:
            attributes.append('wrapText="1"')
        if a.indent_level:
            attributes.append(f'indent="{a.indent_level}"')
        if a.shrink_to_fit:
            attributes.append('shrinkToFit="1"')
        return f"<alignment {' '.join(attributes)}/>".encode() if attributes else b""

    def style(self, builder: BookBuilder, index: int) -> int:
        """The builder's style for the .xls cell format ``index``."""
        found = self._styles.get(index)
        if found is not None:
            return found
        xf = self.book.xf_list[index]
        number: int | str = xf.format_key
        if xf.format_key >= 164:
            fmt = self.book.format_map.get(xf.format_key)
            number = fmt.format_str if fmt is not None else 0
        protection = b""
        if not xf.protection.cell_locked or xf.protection.formula_hidden:
            protection = (
                f'<protection locked="{int(bool(xf.protection.cell_locked))}" '
                f'hidden="{int(bool(xf.protection.formula_hidden))}"/>'
            ).encode()
        made = builder.style(
            Style(
                font=self._font(xf.font_index),
                fill=self._fill(xf),
                border=self._border(xf),
                number_format=number,
                alignment=self._alignment(xf),
                protection=protection,
            )
        )
        self._styles[index] = made
        return made

    def build(self, builder: BookBuilder, sheets: Sequence[Worksheet]) -> list[str]:
        book = self.book
        if book.font_list:
            builder.default_font(self._font(0))
        lost = {LOST_FORMULAS, LOST_DRAWINGS, LOST_RULES, LOST_PRINT}
        for n, sheet in enumerate(sheets):
            looked = book.sheet_by_name(sheet.name)
            if looked.cell_note_map:
                lost.add(LOST_COMMENTS)
            if looked.hyperlink_list:
                lost.add(LOST_LINKS)
            builder.sheet(
                sheet.name,
                self._rows(builder, sheet, looked),
                self._layout(builder, sheet, looked, n),
            )
            book.unload_sheet(sheet.name)
        order = [
            LOST_FORMULAS,
            LOST_COMMENTS,
            LOST_DRAWINGS,
            LOST_LINKS,
            LOST_RULES,
            LOST_PRINT,
        ]
        return sorted(lost, key=order.index)

    def _rows(
        self, builder: BookBuilder, sheet: Worksheet, looked: Any
    ) -> Iterator[tuple[int, Iterator[tuple[int, object, int]]]]:
        values = sheet.rows
        top, left = sheet.first_row, sheet.first_column
        for r in range(looked.nrows):
            row = r + 1
            stored = values[row - top] if 0 <= row - top < len(values) else ()

            def cells(
                r: int = r, row: int = row, stored: Sequence[Any] = stored
            ) -> Iterator[tuple[int, object, int]]:
                for c in range(looked.row_len(r)):
                    column = c + 1
                    value = stored[column - left] if 0 <= column - left < len(stored) else ""
                    index = looked.cell_xf_index(r, c)
                    style = self.style(builder, index) if index is not None else 0
                    if value == "" and not style:
                        continue
                    yield column, value, style

            yield row, cells()

    def _layout(self, builder: BookBuilder, sheet: Worksheet, looked: Any, n: int) -> SheetLayout:
        columns = []
        last = max(looked.ncols, 1)
        default = looked.defcolwidth if looked.defcolwidth is not None else None
        for c in range(last):
            info = looked.colinfo_map.get(c)
            if info is None:
                continue
            style = self.style(builder, info.xf_index) if info.xf_index not in (None, 15) else 0
            columns.append(
                Column(c + 1, c + 1, round(info.width / 256, 2), bool(info.hidden), style)
            )
        heights: dict[int, tuple[float | None, bool]] = {}
        for r, info in looked.rowinfo_map.items():
            if r >= looked.nrows and not info.hidden:
                continue
            custom = not info.has_default_height or info.height != looked.default_row_height
            heights[r + 1] = (info.height / 20 if custom else None, bool(info.hidden))
        freeze = None
        if looked.panes_are_frozen and (looked.horz_split_pos or looked.vert_split_pos):
            freeze = (looked.horz_split_pos + 1, looked.vert_split_pos + 1)
        merges = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in looked.merged_cells]
        page = _xls_page(self.book, self.book.sheet_names().index(sheet.name))
        return SheetLayout(
            state=sheet.state,
            merges=merges or merges_of(sheet),
            columns=columns,
            heights=heights,
            default_width=float(default) if default else None,
            default_height=looked.default_row_height / 20 if looked.default_row_height else None,
            freeze=freeze,
            selected=n == 0,
            landscape=page.landscape,
            fit_width=page.fit,
            fit_height=page.fit_height,
            paper=page.paper,
            margins=page.margins,
        )


@attrs.frozen
class _Page:
    landscape: bool = False
    fit: bool = False
    fit_height: int = 0
    paper: int | None = None
    margins: tuple[float, float, float, float] | None = None


_SETUP, _WSBOOL, _BOF, _EOF = 0x00A1, 0x0081, 0x0809, 0x000A
_MARGINS = (0x0026, 0x0027, 0x0028, 0x0029)  # left, right, top, bottom


def _xls_page(book: Any, index: int) -> _Page:
    """A sheet's page setup, from its BIFF records (xlrd does not read them)."""
    mem = getattr(book, "mem", None)
    starts = getattr(book, "_sh_abs_posn", None)
    if mem is None or starts is None or index >= len(starts):
        return _Page()
    position, depth = starts[index], 0
    landscape = fit = False
    fit_height, paper = 0, None
    margins = [0.7, 0.7, 0.75, 0.75]
    while position + 4 <= len(mem):
        kind, length = struct.unpack_from("<HH", mem, position)
        body = position + 4
        position = body + length
        if position > len(mem):
            break
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth != 1:
            continue
        elif kind == _SETUP and length >= 12:
            size, _, _, _, tall, flags = struct.unpack_from("<6H", mem, body)
            if not flags & 0x4:  # the paper, scale and orientation are set
                landscape = not flags & 0x2
                paper = size or None
            fit_height = tall
        elif kind == _WSBOOL and length >= 2:
            fit = bool(struct.unpack_from("<H", mem, body)[0] & 0x100)
        elif kind in _MARGINS and length >= 8:
            margins[_MARGINS.index(kind)] = round(struct.unpack_from("<d", mem, body)[0], 4)
    return _Page(
        landscape, fit, fit_height, paper, (margins[0], margins[1], margins[2], margins[3])
    )
