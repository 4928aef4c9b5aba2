"""A Word XML part's bytes: read as UTF-8 whatever its encoding, written back in its own, and
edited (internal).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from zfgk.documents._model import Edit
from zfgk.errors import DocumentError
from zfgk.i18n import N_

__all__ = ["apply", "as_utf8", "from_utf8"]


def apply(data: bytes, edits: list[Edit]) -> bytes:
    """``data`` (UTF-8 XML) with each edit made, its new text escaped for XML."""
    parts = []
    position = 0
    for start, end, text in edits:
        parts.append(data[position:start])
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
        parts.append(escaped.encode("utf-8"))
        position = end
    parts.append(data[position:])
    return b"".join(parts)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")


def _encoding(data: bytes) -> tuple[str, bytes]:
    """(codec, BOM) of an XML file: its BOM, UTF-16 without one, or what it declares."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, bom
    if data.startswith(b"<\x00"):
        return "utf-16-le", b""
    if data.startswith(b"\x00<"):
        return "utf-16-be", b""
    m = _DECLARED.match(data)
    if m is not None:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name, b""
        except LookupError:
            pass
    return "utf-8", b""


def as_utf8(data: bytes, path: Path, member: str | None = None) -> tuple[bytes, str, bytes]:
    """(the XML as UTF-8, its codec, its BOM): a part in UTF-16 (or another encoding it
    declares) read as UTF-8, to be written back in its own (:func:`from_utf8`)."""
    codec, bom = _encoding(data)
    body = data[len(bom) :]
    if codec == "utf-8":
        return body, codec, bom
    try:
        return body.decode(codec).encode("utf-8"), codec, bom
    except UnicodeError:
        raise DocumentError.of(
            N_("{path}: the XML file is not text in {codec}, as it says"),
            path=path if member is None else f"{path}: {member}",
            codec=codec,
        ) from None


def from_utf8(data: bytes, codec: str, bom: bytes) -> bytes:
    """XML read as UTF-8 (:func:`as_utf8`) in its own encoding again."""
    if codec == "utf-8":
        return bom + data
    return bom + data.decode("utf-8").encode(codec, "xmlcharrefreplace")
