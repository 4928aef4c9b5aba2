"""The style sheet: the looks of marked cells and of the summary, added to what is there (internal).

A marked cell keeps everything of its own style (font, number format,
alignment, protection) and gets a fill, and for a blank cell a border: a
new ``cellXfs`` entry copied from the cell's own, one per (style, look).
Nothing already in the style sheet moves or is renumbered.
"""

from __future__ import annotations

import enum
import re

import attrs

from zfgk.tables import text_section
from zfgk.workbooks._xml import attribute, set_attribute, unescape

__all__ = ["DEFAULT_STYLES", "Look", "Styles"]


class Look(enum.Enum):
    """How a mark looks: by severity, and whether the cell is blank."""

    ERROR = "error"
    WARNING = "warning"
    BLANK_ERROR = "blank error"
    BLANK_WARNING = "blank warning"
    #: The summary sheet's own cells: wrapped text, a bold heading.
    TEXT = "text"
    HEADING = "heading"


#: The colours of marks, ARGB.  Errors a clear red (Excel's "Bad" red, FFC7CE, is too pale to
#: tell from white on many screens and in print), warnings a clear yellow; a blank cell with a
#: problem striped in the same colour on white and boxed in a dark line, so the few blanks
#: stand out of a column whose every other cell is marked.
ERROR_FILL, WARNING_FILL = "FFFF9999", "FFFFD966"
ERROR_LINE, WARNING_LINE = "FFC00000", "FFBF8F00"
_FILLS = {
    Look.ERROR: f'<fill><patternFill patternType="solid"><fgColor rgb="{ERROR_FILL}"/>'
    '<bgColor indexed="64"/></patternFill></fill>',
    Look.WARNING: f'<fill><patternFill patternType="solid"><fgColor rgb="{WARNING_FILL}"/>'
    '<bgColor indexed="64"/></patternFill></fill>',
    Look.BLANK_ERROR: f'<fill><patternFill patternType="lightUp"><fgColor rgb="{ERROR_LINE}"/>'
    '<bgColor rgb="FFFFFFFF"/></patternFill></fill>',
    Look.BLANK_WARNING: f'<fill><patternFill patternType="lightUp"><fgColor rgb="{WARNING_LINE}"/>'
    '<bgColor rgb="FFFFFFFF"/></patternFill></fill>',
}


def _box(colour: str) -> str:
    side = f'style="medium"><color rgb="{colour}"/>'
    return (
        f"<border><left {side}</left><right {side}</right><top {side}</top>"
        f"<bottom {side}</bottom><diagonal/></border>"
    )


_BORDERS = {Look.BLANK_ERROR: _box(ERROR_LINE), Look.BLANK_WARNING: _box(WARNING_LINE)}

#: A style sheet for a workbook that has none: one font, the two fills every sheet has, one xf.
DEFAULT_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    b'<fills count="2"><fill><patternFill patternType="none"/></fill>'
    b'<fill><patternFill patternType="gray125"/></fill></fills>'
    b'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    b'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    b'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    b'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    b"</styleSheet>"
)
#: The sections of a style sheet, in the order the schema gives them.
_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)


@attrs.define
class _Section:
    """A list of the style sheet (fonts, fills, borders, cellXfs): its entries and those added."""

    name: str
    entries: list[bytes]
    added: list[bytes] = attrs.Factory(list)

    def add(self, entry: bytes) -> int:
        self.added.append(entry)
        return len(self.entries) + len(self.added) - 1


class Styles:
    """The style sheet of a workbook, read once, with new entries added at the ends of its lists."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        match = re.match(rb"(?s).*?<(\w+:)?styleSheet\b", data)
        self.prefix = match[1] or b"" if match is not None else b""
        self._sections = {
            name: _Section(name, self._entries(name, tag))
            for name, tag in (
                ("fonts", "font"),
                ("fills", "fill"),
                ("borders", "border"),
                ("cellXfs", "xf"),
            )
        }
        self._made: dict[tuple[int, Look], int] = {}
        self._fills: dict[Look, int] = {}
        self._borders: dict[Look, int] = {}
        self._bold: int | None = None
        self._as_text: dict[int, int] = {}
        self._text_formats: frozenset[bytes] | None = None

    def _span(self, name: str) -> re.Match[bytes] | None:
        p = re.escape(self.prefix)
        return re.search(
            rb"<" + p + name.encode() + rb"\b[^>]*?(?:/>|>.*?</" + p + name.encode() + rb"\s*>)",
            self.data,
            re.S,
        )

    def _entries(self, section: str, tag: str) -> list[bytes]:
        span = self._span(section)
        if span is None:
            return []
        p = re.escape(self.prefix)
        t = tag.encode()
        entry = re.compile(rb"<" + p + t + rb"\b[^>]*?(?:/>|>.*?</" + p + t + rb"\s*>)", re.S)
        inner = span[0]
        start = inner.find(b">") + 1
        return [m[0] for m in entry.finditer(inner, start)]

    @property
    def count(self) -> int:
        """The number of cell formats (``cellXfs``) before any was added."""
        return len(self._sections["cellXfs"].entries)

    def marked(self, xf: int, look: Look) -> int:
        """The cell format like ``xf`` with the fill (and, for a blank, the border) of ``look``."""
        key = (xf, look)
        found = self._made.get(key)
        if found is not None:
            return found
        cells = self._sections["cellXfs"]
        base = self._entry(xf)
        tag_end = base.find(b">") + 1
        tag, rest = base[:tag_end], base[tag_end:]
        tag = set_attribute(tag, b"fillId", str(self._fill(look)).encode())
        tag = set_attribute(tag, b"applyFill", b"1")
        if look in _BORDERS:
            tag = set_attribute(tag, b"borderId", str(self._border(look)).encode())
            tag = set_attribute(tag, b"applyBorder", b"1")
        made = self._made[key] = cells.add(self._prefixed(tag + rest))
        return made

    def showing_text(self, xf: int) -> int:
        """The cell format like ``xf`` that shows a text as it is, for a cell given a new text.

        ``xf`` itself, unless its number format writes a digit of its own beside a text
        (``"110105"@``: the masked ``110105********002X`` would show as
        ``110105110105********002X``, a number a reader cannot make out); then a copy of it
        with the text format ``@`` (its font, fill, border and alignment kept).

        >>> from zfgk.workbooks._styles import Styles
        >>> styles = Styles(
        ...     b'<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;110105&quot;@"/>'
        ...     b'</numFmts><cellXfs count="2"><xf numFmtId="0" fontId="0"/>'
        ...     b'<xf numFmtId="164" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'
        ... )
        >>> styles.showing_text(0), styles.showing_text(1), styles.showing_text(1)
        (0, 2, 2)
        >>> b'<xf numFmtId="49" fontId="0" applyNumberFormat="1"/>' in styles.written()
        True
        """
        found = self._as_text.get(xf)
        if found is not None:
            return found
        if self._text_formats is None:
            self._text_formats = frozenset(
                number
                for entry in self._entries("numFmts", "numFmt")
                if (number := attribute(entry, b"numFmtId")) is not None
                and text_section(unescape(attribute(entry, b"formatCode") or b""))
            )
        made = xf
        if self._text_formats and 0 <= xf < self.count + len(self._sections["cellXfs"].added):
            base = self._entry(xf)
            tag_end = base.find(b">") + 1
            tag, rest = base[:tag_end], base[tag_end:]
            if attribute(tag, b"numFmtId") in self._text_formats:
                tag = set_attribute(tag, b"numFmtId", b"49")
                tag = set_attribute(tag, b"applyNumberFormat", b"1")
                made = self._sections["cellXfs"].add(tag + rest)
        self._as_text[xf] = made
        return made

    def _entry(self, xf: int) -> bytes:
        """The cell format ``xf``, one of the book's or one added; the default past them."""
        cells = self._sections["cellXfs"]
        if 0 <= xf < len(cells.entries):
            return cells.entries[xf]
        if 0 <= xf - len(cells.entries) < len(cells.added):
            return cells.added[xf - len(cells.entries)]
        return self._base()

    def summary(self, look: Look) -> int:
        """A format of the summary sheet: wrapped text, a heading, or a legend's mark."""
        key = (-1, look)
        found = self._made.get(key)
        if found is not None:
            return found
        font = self._bold_font() if look is Look.HEADING else 0
        fill = self._fill(look) if look in _FILLS else 0
        border = self._border(look) if look in _BORDERS else 0
        entry = (
            f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0" '
            f'applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">'
            '<alignment vertical="top" wrapText="1"/></xf>'
        ).encode()
        made = self._made[key] = self._sections["cellXfs"].add(self._prefixed(entry))
        return made

    def _base(self) -> bytes:
        return b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'

    def _fill(self, look: Look) -> int:
        if look not in self._fills:
            self._fills[look] = self._sections["fills"].add(self._prefixed(_FILLS[look].encode()))
        return self._fills[look]

    def _border(self, look: Look) -> int:
        if look not in self._borders:
            self._borders[look] = self._sections["borders"].add(
                self._prefixed(_BORDERS[look].encode())
            )
        return self._borders[look]

    def _bold_font(self) -> int:
        if self._bold is None:
            fonts = self._sections["fonts"]
            base = fonts.entries[0] if fonts.entries else b"<font/>"
            if re.search(rb"<(?:\w+:)?b\s*/>", base) is None:
                start = base.find(b">") + 1
                if base[start - 2 : start] == b"/>":
                    base = base[: start - 2] + b"><b/></font>"
                else:
                    base = base[:start] + b"<b/>" + base[start:]
            self._bold = fonts.add(base)
        return self._bold

    def _prefixed(self, entry: bytes) -> bytes:
        """An entry written without a prefix, given the style sheet's own."""
        if not self.prefix:
            return entry
        return re.sub(rb"<(/?)(?!\w+:)(\w)", rb"<\1" + self.prefix + rb"\2", entry)

    def changed(self) -> bool:
        """Whether anything was added."""
        return any(s.added for s in self._sections.values())

    def written(self) -> bytes:
        """The style sheet with its additions (each list's ``count`` made right)."""
        data = self.data
        for name in ("fonts", "fills", "borders", "cellXfs"):  # in the part's order
            section = self._sections[name]
            if not section.added:
                continue
            data = _with_entries(data, self.prefix, name, section)
        return data


def _with_entries(data: bytes, prefix: bytes, name: str, section: _Section) -> bytes:
    p = re.escape(prefix)
    n = name.encode()
    total = str(len(section.entries) + len(section.added)).encode()
    span = re.search(rb"<" + p + n + rb"\b[^>]*?(?:/>|>.*?</" + p + n + rb"\s*>)", data, re.S)
    if span is None:  # no such list: one is made, in the schema's place
        body = b"".join(section.added)
        made = b"<" + prefix + n + b' count="' + total + b'">' + body + b"</" + prefix + n + b">"
        later = _ORDER[_ORDER.index(name) + 1 :]
        for following in later:
            found = re.search(rb"<" + p + following.encode() + rb"\b", data)
            if found is not None:
                return data[: found.start()] + made + data[found.start() :]
        end = data.rfind(b"</" + prefix + b"styleSheet")
        return data[:end] + made + data[end:]
    whole = span[0]
    tag_end = whole.find(b">") + 1
    tag = whole[:tag_end]
    if tag.endswith(b"/>"):
        opened = set_attribute(tag[:-2].rstrip() + b">", b"count", total)
        new = opened + b"".join(section.added) + b"</" + prefix + n + b">"
    else:
        close = whole.rfind(b"</")
        new = (
            set_attribute(tag, b"count", total)
            + whole[tag_end:close]
            + b"".join(section.added)
            + whole[close:]
        )
    return data[: span.start()] + new + data[span.end() :]


def xf_of(tag: bytes) -> int:
    """The style index of a cell's start tag (0 when it has none)."""
    value = attribute(tag, b"s")
    return int(value) if value is not None and value.isdigit() else 0
