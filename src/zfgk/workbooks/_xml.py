"""Small pieces of SpreadsheetML read and written as bytes (internal).

The room edits XML as text so that what it does not change stays byte for
byte: these helpers escape and unescape text as Excel writes it, read a
start tag's attributes, and name cells.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from zfgk.tables import column_letters, column_number

__all__ = [
    "MAIN",
    "RELATIONSHIPS",
    "attributes",
    "cell_name",
    "column_letters",
    "column_number",
    "escape_attribute",
    "escape_text",
    "prefix_of",
    "set_attribute",
    "split_ref",
    "text_of",
    "unescape",
]

#: SpreadsheetML's namespace (transitional), and the relationships' namespace in parts.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The namespace of ISO "strict" workbooks, which this room does not write.
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

_ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
#: Characters XML 1.0 cannot hold, and Excel's own escape ``_xHHHH_`` (itself escaped when literal).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ROOT = re.compile(rb"<(?:(\w[\w.-]*):)?(\w[\w.-]*)\b([^>]*)>")
_DECLARATION = re.compile(rb"""xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']""")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_TEXT_RUN = re.compile(
    rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>|<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S
)


def _excel_escaped(match: re.Match[str]) -> str:
    char = match[0]
    return "_x005F_" if char == "_" else f"_x{ord(char):04X}_"


def escape_text(text: str) -> str:
    """Text as Excel writes it in ``<t>``: XML escapes, and ``_xHHHH_`` for what XML cannot hold.

    >>> from zfgk.workbooks._xml import escape_text
    >>> escape_text("a<b & c\\r\\nd\\x01_x0041_")
    'a&lt;b &amp; c_x000D_\\nd_x0001__x005F_x0041_'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _UNSAFE.sub(_excel_escaped, text)


def escape_attribute(text: str) -> str:
    """Text for an attribute in double quotes (control characters dropped: XML cannot hold them).

    >>> from zfgk.workbooks._xml import escape_attribute
    >>> escape_attribute('名单 "2026"\\n')
    '名单 &quot;2026&quot;&#10;'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def unescape(raw: bytes) -> str:
    """The text of XML character data, entities and Excel's ``_xHHHH_`` escapes read.

    >>> from zfgk.workbooks._xml import unescape
    >>> unescape(b"a&lt;b_x000D__x005F_x0041_")
    'a<b\\r_x0041_'
    """
    text = (
        html.unescape(raw.decode("utf-8", "replace"))
        if b"&" in raw
        else raw.decode("utf-8", "replace")
    )
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return text


def text_of(item: bytes) -> str:
    """The text of a shared string or an inline string (its runs joined, phonetic guides left out).

    >>> from zfgk.workbooks._xml import text_of
    >>> text_of(b"<si><r><t>Ab</t></r><r><rPr/><t xml:space='preserve'> c</t></r><rPh><t>x</t></rPh></si>")
    'Ab c'
    """
    return "".join(unescape(m[1]) for m in _TEXT_RUN.finditer(item) if m[1] is not None)


def attributes(tag: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(name, value as written, quotes removed) of each attribute of a start tag.

    >>> from zfgk.workbooks._xml import attributes
    >>> list(attributes(b'<c r="A1" s = \\'3\\' t="s">'))
    [(b'r', b'A1'), (b's', b'3'), (b't', b's')]
    """
    for match in _ATTRIBUTE.finditer(tag):
        yield match[1], match[2][1:-1]


def attribute(tag: bytes, name: bytes) -> bytes | None:
    """The value of one attribute of a start tag, or None.

    >>> from zfgk.workbooks._xml import attribute
    >>> attribute(b'<row r="7" spans="1:3">', b"spans"), attribute(b"<row>", b"r")
    (b'1:3', None)
    """
    for key, value in attributes(tag):
        if key == name:
            return value
    return None


def set_attribute(tag: bytes, name: bytes, value: bytes | None) -> bytes:
    """The start tag with the attribute set to ``value`` (added last if new), or removed if None.

    >>> from zfgk.workbooks._xml import set_attribute
    >>> set_attribute(b'<xf fillId="0" xfId="0"/>', b"fillId", b"5")
    b'<xf fillId="5" xfId="0"/>'
    >>> set_attribute(b'<xf fillId="0">', b"applyFill", b"1")
    b'<xf fillId="0" applyFill="1">'
    >>> set_attribute(b'<c r="A1" t="s">', b"t", None)
    b'<c r="A1">'
    """
    for match in _ATTRIBUTE.finditer(tag):
        if match[1] == name:
            start, end = match.span()
            if value is None:
                while start > 0 and tag[start - 1 : start].isspace():
                    start -= 1
                return tag[:start] + tag[end:]
            return tag[:start] + name + b'="' + value + b'"' + tag[end:]
    if value is None:
        return tag
    cut = len(tag) - (2 if tag.endswith(b"/>") else 1)
    while cut > 0 and tag[cut - 1 : cut].isspace():
        cut -= 1
    return tag[:cut] + b" " + name + b'="' + value + b'"' + tag[cut:]


def prefix_of(data: bytes, namespace: str) -> bytes | None:
    """The prefix the root element of ``data`` gives ``namespace`` (b"" as default), or None.

    >>> from zfgk.workbooks._xml import prefix_of
    >>> root = b'<?xml version="1.0"?><x:worksheet xmlns:x="urn:a" xmlns:r="urn:r">'
    >>> prefix_of(root, "urn:a"), prefix_of(root, "urn:r"), prefix_of(root, "urn:z")
    (b'x', b'r', None)
    """
    match = root_tag(data)
    if match is None:
        return None
    for found in _DECLARATION.finditer(match[3]):
        if found[2].decode("utf-8", "replace") == namespace:
            return found[1] or b""
    return None


def root_tag(data: bytes) -> re.Match[bytes] | None:
    """The root element's start tag (after the prolog, comments and processing instructions)."""
    position = 0
    while True:
        match = _ROOT.search(data, position)
        if match is None:
            return None
        before = data.rfind(b"<", 0, match.start() + 1)
        if data[before + 1 : before + 2] not in (b"?", b"!"):
            return match
        position = match.end()


def cell_name(row: int, column: int) -> str:
    """The cell's name as the sheet shows it: (3, 28) is AB3.

    >>> from zfgk.workbooks._xml import cell_name
    >>> cell_name(3, 28)
    'AB3'
    """
    return f"{column_letters(column)}{row}"


def split_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of a cell reference such as ``$B$4``, or None if it is not one.

    >>> from zfgk.workbooks._xml import split_ref
    >>> split_ref("B4"), split_ref("$AB$12"), split_ref("名单")
    ((4, 2), (12, 28), None)
    """
    match = _REF.fullmatch(ref.strip())
    if match is None:
        return None
    return int(match[2]), column_number(match[1])
