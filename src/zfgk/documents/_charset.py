"""The encoding of a page: its BOM, the charset it was sent with or declares (internal)."""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html", "looks_like_html"]

_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are those of an HTML page."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode("utf-8", "ignore")
            break
    return head.lstrip().startswith(b"<") and bool(_HTML_START.search(head[:4096]))


def _declared(head: bytes) -> str | None:
    """The encoding a page declares (``<meta charset>``, the XML declaration), as a codec."""
    m = _CHARSET.search(head[:4096])
    if m is None:
        return None
    return _codec((m.group(1) or m.group(2)).decode("ascii"))


def _codec(label: str) -> str | None:
    """The codec a browser reads a charset's name as (GBK as GB18030, its superset)."""
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError):  # no such codec; a NUL in the name
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # rot13, base64: codecs, but no charset a browser knows
    name = info.name
    if name in ("gb2312", "gbk", "gb18030", "cp936"):
        return "gb18030"  # the superset, as browsers read them
    if name.startswith("utf-16"):
        return "utf-8"  # a page that says UTF-16 without a BOM is read as UTF-8
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str, bytes]:
    """(text, codec, BOM) of a page: by its BOM, the ``charset`` it was sent with (a mail's or
    a web archive's ``Content-Type``, which a browser puts before the page's own), its
    declared charset, else UTF-8, else GB18030.

    Bytes that no encoding reads are kept (as UTF-8 with escapes), so the
    page is written back as it was.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec, bom
            except UnicodeDecodeError:
                break
    head = data[:512]
    if head.count(0) * 4 > len(head):  # UTF-16 without a BOM: one byte of two is NUL
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec), codec, b""
        except UnicodeDecodeError:
            pass
    declared = _declared(data)
    sent = _codec(charset) if charset else None
    for name in (sent, declared, "utf-8", "gb18030"):
        if name is None:
            continue
        try:
            return data.decode(name), name, b""
        except (UnicodeError, LookupError, ValueError):  # "undefined" raises UnicodeError
            continue
    return data.decode("utf-8", "surrogateescape"), "utf-8", b""
