"""An .ods file's look, from its content.xml and styles.xml, read as they stream (internal)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

from zfgk.tables import Worksheet
from zfgk.workbooks._build import NO_BORDER, NO_FILL, BookBuilder, Column, SheetLayout, Style
from zfgk.workbooks._kept import (
    LOST_COMMENTS,
    LOST_DRAWINGS,
    LOST_FORMULAS,
    LOST_PRINT,
    LOST_RULES,
    date_style,
    merges_of,
)
from zfgk.workbooks._xml import escape_attribute

__all__ = ["OdsLook"]

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_LENGTH = re.compile(r"([0-9.]+)\s*(pt|in|cm|mm|pc|px)?")
_POINTS = {
    "pt": 1.0,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
    "pc": 12.0,
    "px": 0.75,
    None: 1.0,
}


def _points(length: str | None) -> float | None:
    """A length of ODF (``0.06pt``, ``2.258cm``, ``0.4165in``) in points."""
    if not length:
        return None
    match = _LENGTH.match(length.strip())
    if match is None:
        return None
    return float(match[1]) * _POINTS[match[2]]


def _characters(length: str | None) -> float | None:
    """A column's width in characters, as LibreOffice converts it to .xlsx (7 points each).

    >>> from zfgk.workbooks._ods import _characters
    >>> _characters("1.361in"), _characters("0.5835in")
    (14.0, 6.0)
    """
    points = _points(length)
    if points is None:
        return None
    return round(points / 7, 2)


def _line(spec: str | None) -> str | None:
    """An ODF border (``0.06pt solid #000000``) as Excel's: <left style="thin">…</left> inner."""
    if not spec or spec.strip() in ("none", "hidden"):
        return None
    words = spec.split()
    width = next((p for w in words if (p := _points(w)) is not None and w[0].isdigit()), 0.75)
    kind = next((w for w in words if w in ("solid", "dashed", "dotted", "double")), "solid")
    colour = next((w[1:].upper() for w in words if w.startswith("#") and len(w) == 7), "000000")
    if kind == "double":
        style = "double"
    elif kind in ("dashed", "dotted"):
        style = kind if width < 1.5 else "mediumDashed"
    else:
        style = "thin" if width <= 1.0 else ("medium" if width <= 2.25 else "thick")
    return f'style="{style}"><color rgb="FF{colour}"/>'


@attrs.define
class _OdsStyle:
    """A cell style of ODF, its own properties (not yet its parent's)."""

    parent: str | None = None
    data_style: str | None = None
    properties: dict[str, str] = attrs.Factory(dict)


class OdsLook:
    """An .ods file's styles (styles.xml and content.xml) as the builder's styles."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.cell_styles: dict[str, _OdsStyle] = {}
        self.default: dict[str, str] = {}
        self.fonts: dict[str, str] = {}
        self.data_styles: dict[str, str | None] = {}
        self.columns: dict[str, float | None] = {}
        self.rows: dict[str, float | None] = {}
        self.tables: dict[str, tuple[bool, str | None]] = {}  # shown, master page
        self.masters: dict[str, str] = {}
        self.layouts: dict[str, tuple[bool, bool]] = {}  # landscape, fit to width
        self._made: dict[str, int] = {}
        self.lost_formats = False
        with zipfile.ZipFile(source) as archive:
            if "styles.xml" in archive.namelist():
                self._read_styles(ElementTree.fromstring(archive.read("styles.xml")))
            self.freeze = _frozen(archive)

    def _read_styles(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            self._style_element(element)

    def _style_element(self, element: ElementTree.Element) -> None:
        tag = element.tag
        if tag == _q("style:font-face"):
            family = element.get(_q("svg:font-family"), "").strip("'\"")
            self.fonts[element.get(_q("style:name"), "")] = family
        elif tag == _q("style:default-style") and element.get(_q("style:family")) == "table-cell":
            self.default = _properties(element)
        elif tag == _q("style:style"):
            kind = element.get(_q("style:family"))
            style_name = element.get(_q("style:name")) or ""
            if kind == "table-cell":
                self.cell_styles[style_name] = _OdsStyle(
                    element.get(_q("style:parent-style-name")),
                    element.get(_q("style:data-style-name")),
                    _properties(element),
                )
            elif kind == "table-column":
                found = element.find(_q("style:table-column-properties"))
                width = found.get(_q("style:column-width")) if found is not None else None
                self.columns[style_name] = _characters(width)
            elif kind == "table-row":
                found = element.find(_q("style:table-row-properties"))
                height = found.get(_q("style:row-height")) if found is not None else None
                self.rows[style_name] = _points(height)
            elif kind == "table":
                found = element.find(_q("style:table-properties"))
                shown = found is None or found.get(_q("table:display"), "true") != "false"
                self.tables[style_name] = (shown, element.get(_q("style:master-page-name")))
        elif tag == _q("style:master-page"):
            self.masters[element.get(_q("style:name"), "")] = element.get(
                _q("style:page-layout-name"), ""
            )
        elif tag == _q("style:page-layout"):
            found = element.find(_q("style:page-layout-properties"))
            if found is not None:
                landscape = found.get(_q("style:print-orientation")) == "landscape"
                fit = found.get(_q("style:scale-to-X")) == "1"
                self.layouts[element.get(_q("style:name"), "")] = (landscape, fit)
        elif tag.startswith(f"{{{_NS['number']}}}") and tag.endswith("-style"):
            self.data_styles[element.get(_q("style:name"), "")] = _format_code(element)

    def _resolved(self, name: str) -> tuple[dict[str, str], str | None]:
        """A cell style's properties with its parents', and its data style."""
        chain = []
        seen = set()
        current: str | None = name
        while current is not None and current in self.cell_styles and current not in seen:
            seen.add(current)
            chain.append(self.cell_styles[current])
            current = chain[-1].parent
        properties = dict(self.default)
        data_style = None
        for found in reversed(chain):
            properties.update(found.properties)
            data_style = found.data_style or data_style
        return properties, data_style

    def style(self, builder: BookBuilder, name: str) -> int:
        """The builder's style for the ODF cell style ``name``."""
        found = self._made.get(name)
        if found is not None:
            return found
        properties, data_style = self._resolved(name)
        number: int | str = 0
        if data_style is not None:
            code = self.data_styles.get(data_style)
            if code is None:
                self.lost_formats = data_style in self.data_styles
            else:
                number = code
        made = builder.style(
            Style(
                font=self._font(properties),
                fill=_ods_fill(properties),
                border=_ods_border(properties),
                number_format=number,
                alignment=_ods_alignment(properties),
            )
        )
        self._made[name] = made
        return made

    def _font(self, p: dict[str, str]) -> bytes:
        parts = []
        if p.get("fo:font-weight", p.get("style:font-weight-asian")) in (
            "bold",
            "700",
            "800",
            "900",
        ):
            parts.append("<b/>")
        if p.get("fo:font-style", p.get("style:font-style-asian")) == "italic":
            parts.append("<i/>")
        if p.get("style:text-line-through-style", "none") != "none":
            parts.append("<strike/>")
        if p.get("style:text-underline-style", "none") != "none":
            parts.append("<u/>")
        size = _points(p.get("fo:font-size") or p.get("style:font-size-asian"))
        parts.append(f'<sz val="{size if size else 11:g}"/>')
        colour = p.get("fo:color", "")
        if (
            colour.startswith("#")
            and len(colour) == 7
            and p.get("style:use-window-font-color") != "true"
        ):
            parts.append(f'<color rgb="FF{colour[1:].upper()}"/>')
        face = p.get("style:font-name-asian") or p.get("style:font-name") or ""
        western = p.get("style:font-name")
        if (
            western
            and western in self.fonts
            and self.fonts[western] not in ("Liberation Sans", "Arial")
        ):
            face = western  # a font the officer chose over the defaults
        name = self.fonts.get(face, face) or "宋体"
        parts.append(f'<name val="{escape_attribute(name)}"/>')
        if any("\u4e00" <= ch <= "\u9fff" for ch in name) or name in (
            "SimSun",
            "SimHei",
            "Microsoft YaHei",
        ):
            parts.append('<charset val="134"/>')
        return ("<font>" + "".join(parts) + "</font>").encode("utf-8")

    def build(self, builder: BookBuilder, sheets: Sequence[Worksheet]) -> list[str]:
        with zipfile.ZipFile(self.source) as archive, archive.open("content.xml") as content:
            tables = _OdsTables(self, content, {s.name for s in sheets})
            by_name = {s.name: s for s in sheets}
            first = True
            for name, layout_of, cells_of in tables:
                sheet = by_name.get(name)
                if sheet is None:
                    continue
                values = sheet.rows
                top, left = sheet.first_row, sheet.first_column

                def rows(
                    values: Sequence[Sequence[Any]] = values,
                    top: int = top,
                    left: int = left,
                    cells_of: Callable[[int], dict[int, str]] = cells_of,
                    extent: int = max(len(sheet.rows) + top - 1, tables.styled_rows(name)),
                ) -> Iterator[tuple[int, Iterator[tuple[int, object, int]]]]:
                    for row in range(1, extent + 1):
                        stored = values[row - top] if 0 <= row - top < len(values) else ()
                        styles = cells_of(row)

                        def cells(
                            stored: Sequence[Any] = stored, styles: dict[int, str] = styles
                        ) -> Iterator[tuple[int, object, int]]:
                            columns = sorted(
                                set(styles) | {c + left for c, v in enumerate(stored) if v != ""}
                            )
                            for column in columns:
                                value = (
                                    stored[column - left]
                                    if 0 <= column - left < len(stored)
                                    else ""
                                )
                                name = styles.get(column)
                                style = self.style(builder, name) if name else 0
                                if value == "" and not style:
                                    continue
                                if style == 0 and date_style(value):
                                    style = builder.style(
                                        Style(number_format=date_style(value) or 0)
                                    )
                                yield column, value, style

                        yield row, cells()

                builder.sheet(name, rows(), layout_of(sheet, first, self.freeze.get(name)))
                first = False
        return [LOST_FORMULAS, LOST_COMMENTS, LOST_DRAWINGS, LOST_RULES, LOST_PRINT]


def _properties(element: ElementTree.Element) -> dict[str, str]:
    """The formatting properties of an ODF style, by their prefixed names."""
    found: dict[str, str] = {}
    reverse = {uri: prefix for prefix, uri in _NS.items()}
    for child in element:
        if child.tag not in (
            _q("style:table-cell-properties"),
            _q("style:paragraph-properties"),
            _q("style:text-properties"),
        ):
            continue
        for key, value in child.attrib.items():
            uri, _, local = key[1:].partition("}")
            prefix = reverse.get(uri)
            if prefix is not None:
                found[f"{prefix}:{local}"] = value
    return found


def _ods_fill(p: dict[str, str]) -> bytes:
    colour = p.get("fo:background-color", "")
    if not colour.startswith("#") or len(colour) != 7:
        return NO_FILL
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour[1:].upper()}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
    ).encode()


def _ods_border(p: dict[str, str]) -> bytes:
    sides = []
    for side in ("left", "right", "top", "bottom"):
        made = _line(p.get(f"fo:border-{side}", p.get("fo:border")))
        sides.append(f"<{side} {made}</{side}>" if made else f"<{side}/>")
    made_border = ("<border>" + "".join(sides) + "<diagonal/></border>").encode()
    return NO_BORDER if made_border == NO_BORDER else made_border


def _ods_alignment(p: dict[str, str]) -> bytes:
    attributes = []
    horizontal = {
        "start": "left",
        "left": "left",
        "center": "center",
        "end": "right",
        "right": "right",
        "justify": "justify",
    }.get(p.get("fo:text-align", ""))
    if horizontal and p.get("style:text-align-source") != "value-type":
        attributes.append(f'horizontal="{horizontal}"')
    vertical = {"top": "top", "middle": "center", "bottom": None}.get(
        p.get("style:vertical-align", "")
    )
    if vertical:
        attributes.append(f'vertical="{vertical}"')
    if p.get("fo:wrap-option") == "wrap":
        attributes.append('wrapText="1"')
    angle = p.get("style:rotation-angle", "0")
    if angle.isdigit() and 0 < int(angle) <= 90:
        attributes.append(f'textRotation="{angle}"')
    if p.get("style:shrink-to-fit") == "true":
        attributes.append('shrinkToFit="1"')
    return f"<alignment {' '.join(attributes)}/>".encode() if attributes else b""


def _format_code(element: ElementTree.Element) -> str | None:
    """The Excel format code of an ODF data style, or None if it has no plain equivalent."""
    tag = element.tag.rsplit("}", 1)[-1]
    if tag == "text-style":
        return "@"
    if element.find(_q("style:map")) is not None:
        return None
    parts: list[str] = []
    for child in element:
        local = child.tag.rsplit("}", 1)[-1]
        long = child.get(_q("number:style")) == "long"
        if local == "number":
            places = int(child.get(_q("number:decimal-places"), "0") or 0)
            grouping = child.get(_q("number:grouping")) == "true"
            digits = max(int(child.get(_q("number:min-integer-digits"), "1") or 1), 1)
            whole = ("#,##" + "0" * digits) if grouping else "0" * digits
            parts.append(whole + ("." + "0" * places if places else ""))
        elif local == "text":
            text = child.text or ""
            if text in ("-", "/", ":", " ", ".") or (tag == "percentage-style" and text == "%"):
                parts.append(text)
            else:
                parts.append('"' + text.replace('"', "") + '"')
        elif local == "year":
            parts.append("yyyy" if long else "yy")
        elif local == "month":
            parts.append("mm" if long else "m")
        elif local == "day":
            parts.append("dd" if long else "d")
        elif local == "hours":
            parts.append("hh" if long else "h")
        elif local == "minutes":
            parts.append("mm" if long else "m")
        elif local == "seconds":
            parts.append("ss" if long else "s")
        elif local == "am-pm":
            parts.append("AM/PM")
        elif local == "scientific-number":
            places = int(child.get(_q("number:decimal-places"), "0") or 0)
            parts.append("0" + ("." + "0" * places if places else "") + "E+00")
        else:
            return None
    if tag == "percentage-style" and "%" not in parts:
        parts.append("%")
    code = "".join(parts)
    return code or None


def _frozen(archive: zipfile.ZipFile) -> dict[str, tuple[int, int]]:
    """Each table's frozen panes, from settings.xml: the first row and column that scroll."""
    if "settings.xml" not in archive.namelist():
        return {}
    root = ElementTree.fromstring(archive.read("settings.xml"))
    found: dict[str, tuple[int, int]] = {}
    for entry in root.iter(_q("config:config-item-map-entry")):
        name = entry.get(_q("config:name"))
        items = {
            item.get(_q("config:name")): (item.text or "")
            for item in entry.findall(_q("config:config-item"))
        }
        if name is None or "VerticalSplitMode" not in items:
            continue
        rows = (
            int(items.get("VerticalSplitPosition") or 0)
            if items.get("VerticalSplitMode") == "2"
            else 0
        )
        columns = (
            int(items.get("HorizontalSplitPosition") or 0)
            if items.get("HorizontalSplitMode") == "2"
            else 0
        )
        if rows or columns:
            found[name] = (rows + 1, columns + 1)
    return found


#: The most cells of a run of repeated ones given a style each (a run to the sheet's edge is
#: a filler: its style is the default's, applied by no cell).
_LONGEST_RUN = 1024


@attrs.define
class _Table:
    """What one table of content.xml says of its look, gathered row by row as it streams."""

    name: str
    style: str
    columns: list[Column] = attrs.Factory(list)
    defaults: dict[int, str] = attrs.Factory(dict)
    cells: dict[int, dict[int, str]] = attrs.Factory(dict)
    heights: dict[int, tuple[float | None, bool]] = attrs.Factory(dict)
    column: int = 1
    row: int = 1
    last_styled: int = 0


class _OdsTables:
    """The tables of content.xml, read as a stream: each table's layout and cells' style names.

    Each row is read and let go as it ends (a sheet may have a million of
    them), as :mod:`zfgk.tables`' reader of .ods merges does.
    """

    def __init__(self, look: OdsLook, content: Any, names: set[str]) -> None:
        self.look = look
        self.names = names
        self.content = content
        self._styled_rows: dict[str, int] = {}

    def styled_rows(self, name: str) -> int:
        return self._styled_rows.get(name, 0)

    def __iter__(
        self,
    ) -> Iterator[tuple[str, Callable[..., SheetLayout], Callable[[int], dict[int, str]]]]:
        look = self.look
        parents: list[ElementTree.Element] = []
        in_body = False
        table: _Table | None = None
        for event, element in ElementTree.iterparse(self.content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                parents.append(element)
                if tag == _q("office:body"):
                    in_body = True
                elif tag == _q("table:table") and in_body:
                    table = _Table(
                        element.get(_q("table:name"), ""), element.get(_q("table:style-name"), "")
                    )
                continue
            parents.pop()
            if not in_body:
                if parents and parents[-1].tag == _q("office:automatic-styles"):
                    look._style_element(element)
                    for child in element.iter():
                        if child is not element:
                            look._style_element(child)
                    parents[-1].remove(element)
                continue
            if table is None:
                continue
            if tag == _q("table:table-column"):
                self._column(table, element)
            elif tag == _q("table:table-row"):
                self._row(table, element)
            else:
                if tag == _q("table:table"):
                    yield self._finished(table)
                    table = None
                continue
            element.clear()
            if parents:  # let it go
                parents[-1].remove(element)

    def _column(self, table: _Table, element: ElementTree.Element) -> None:
        look = self.look
        repeat = max(int(element.get(_q("table:number-columns-repeated"), "1") or 1), 1)
        width = look.columns.get(element.get(_q("table:style-name"), ""))
        hidden = element.get(_q("table:visibility"), "visible") != "visible"
        default = element.get(_q("table:default-cell-style-name"))
        first = table.column
        if repeat <= _LONGEST_RUN:
            if width is not None or hidden:
                table.columns.append(Column(first, first + repeat - 1, width, hidden))
            if default and default != "Default":
                for c in range(first, first + repeat):
                    table.defaults[c] = default
        table.column += repeat

    def _row(self, table: _Table, element: ElementTree.Element) -> None:
        repeat = max(int(element.get(_q("table:number-rows-repeated"), "1") or 1), 1)
        height = self.look.rows.get(element.get(_q("table:style-name"), ""))
        hidden = element.get(_q("table:visibility"), "visible") != "visible"
        row_default = element.get(_q("table:default-cell-style-name"))
        styles: dict[int, str] = {}
        c = 1
        for cell in element:
            if cell.tag not in (_q("table:table-cell"), _q("table:covered-table-cell")):
                continue
            span = max(int(cell.get(_q("table:number-columns-repeated"), "1") or 1), 1)
            style = cell.get(_q("table:style-name")) or row_default
            if span <= _LONGEST_RUN:
                for k in range(c, c + span):
                    chosen = style or table.defaults.get(k)
                    if chosen and chosen != "Default":
                        styles[k] = chosen
            c += span
        if repeat <= _LONGEST_RUN:
            for r in range(table.row, table.row + repeat):
                if styles:
                    table.cells[r] = styles
                    table.last_styled = r
                if height is not None or hidden:
                    table.heights[r] = (height, hidden)
        table.row += repeat

    def _finished(
        self, table: _Table
    ) -> tuple[str, Callable[..., SheetLayout], Callable[[int], dict[int, str]]]:
        look = self.look
        self._styled_rows[table.name] = table.last_styled
        _, master = look.tables.get(table.style, (True, None))
        landscape, fit = look.layouts.get(look.masters.get(master or "", ""), (False, False))

        def layout(sheet: Worksheet, first: bool, freeze: tuple[int, int] | None) -> SheetLayout:
            last = max(table.last_styled, len(sheet.rows) + sheet.first_row)
            return SheetLayout(
                state=sheet.state,
                merges=merges_of(sheet),
                columns=table.columns,
                heights={r: h for r, h in table.heights.items() if r <= last},
                freeze=freeze,
                landscape=landscape,
                fit_width=fit,
                selected=first,
            )

        return table.name, layout, lambda r: table.cells.get(r, {})
