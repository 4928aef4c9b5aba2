"""The files a page carries in ``data:`` addresses other than pictures (internal).

A page can hold a whole file in a link or an object: ``<a href="data:text/csv;base64,…"
download="名单.csv">``, ``<object data="data:text/html,…">``, an ``<iframe src=…>``.  A
reader who follows the link gets the file, so its text is read as a file inside a document
is (:func:`~zfgk.documents._embedded.read_member`).  Pictures are read apart
(:mod:`zfgk.documents._page_pictures`); fonts, sounds and films hold no text to read.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import urllib.parse
from collections.abc import Iterator

from zfgk.documents._embedded import is_picture, read_picture
from zfgk.documents._page_pictures import data_pictures

__all__ = ["data_files", "page_files"]

#: ``data:`` and its media type and parameters, up to the comma that starts the data; the
#: character before it says where the address ends (a quote, or a CSS ``url(``).
_DATA = re.compile(
    r"""(["'(=\s])\s*data:\s*([a-z][\w.+-]*/[\w.+-]+)?((?:\s*;\s*[\w.+-]+(?:=(?:"[^"]*"|[^;,"'\s>]*))?)*)\s*,""",
    re.IGNORECASE,
)
#: Where the data ends, by what opened the address.
_END = {'"': '"', "'": "'", "(": ")"}
#: Media types of no text: pictures (read as pictures), fonts, sounds, films.
_NO_TEXT = re.compile(
    r"(?:image|font|audio|video)/|application/(?:x-)?font|application/vnd\.ms-fontobject",
    re.IGNORECASE,
)
#: A font's first bytes (WOFF, WOFF2, TrueType, OpenType, a collection, EOT's version):
#: sent as ``application/octet-stream`` by many a stylesheet.
_FONT_HEAD = (b"wOFF", b"wOF2", b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
#: A name for the file by its media type, so that it is read as what it says it is.
_SUFFIXES = {
    "text/csv": ".csv",
    "text/comma-separated-values": ".csv",
    "text/tab-separated-values": ".tsv",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/rtf": ".rtf",
    "application/rtf": ".rtf",
    "application/json": ".json",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}


def data_files(src: str) -> Iterator[tuple[str, bytes]]:
    """(suffix, bytes) of each file a page carries in a ``data:`` address that may hold text,
    in page order: base64 or percent-encoded, a link's, an object's, a stylesheet's.  One
    whose base64 does not decode is left out (a browser gives nothing for it either).

    >>> import base64
    >>> from zfgk.documents._page_files import data_files
    >>> table = base64.b64encode("姓名,电话\\n张三,138 0000 0000\\n".encode()).decode()
    >>> page = f'<a href="data:text/csv;base64,{table}" download="名单.csv">名单</a>'
    >>> page += '<object data="data:text/plain,%E7%94%B5%E8%AF%9D"></object>'
    >>> [(suffix, data.decode()) for suffix, data in data_files(page)]
    [('.csv', '姓名,电话\\n张三,138 0000 0000\\n'), ('.txt', '电话')]
    >>> list(data_files('<img src="data:image/png;base64,iVBORw0KGgo=">'))
    []
    """
    if "data:" not in src and "DATA:" not in src.upper():
        return
    for m in _DATA.finditer(src):
        media = (m.group(2) or "text/plain").lower()
        if _NO_TEXT.match(media):
            continue
        start = m.end()
        closing = _END.get(m.group(1))
        if closing is not None:
            end = src.find(closing, start)
        else:  # an address without quotes: it ends at white space or the tag's end
            stop = re.compile(r"[\s>]").search(src, start)
            end = stop.start() if stop else -1
        payload = src[start : len(src) if end < 0 else end]
        parameters = m.group(3) or ""
        if re.search(r";\s*base64\s*$", parameters, re.IGNORECASE):
            encoded = "".join(html.unescape(payload).split())
            if "%" in encoded:  # %3D for the padding's =, as some pages write it
                encoded = urllib.parse.unquote(encoded)
            encoded += "=" * (-len(encoded.rstrip("=")) % 4 if "=" not in encoded else 0)
            try:  # (a browser takes base64 without its padding too)
                data = base64.b64decode(encoded, validate=True)
            except (ValueError, binascii.Error):
                continue
        else:
            data = urllib.parse.unquote_to_bytes(html.unescape(payload))
        if not data.strip() or data.startswith(_FONT_HEAD) or data[34:36] == b"LP":
            continue  # (an Embedded OpenType font: its magic number at byte 34)
        yield _SUFFIXES.get(media, ""), data


def page_files(src: str, label: str = "") -> list[tuple[str, bytes]]:
    """(member, bytes) of the pictures a page carries in ``data:`` addresses that may show a
    number (``picture 1``), then of the other files it carries (``data file 1.csv``), each
    name after ``label``.

    >>> from zfgk.documents._page_files import page_files
    >>> page_files('<a href="data:,%E7%94%B5%E8%AF%9D">电话</a>', "part 1/")
    [('part 1/data file 1.txt', b'\\xe7\\x94\\xb5\\xe8\\xaf\\x9d')]
    """
    pictures = [p for p in data_pictures(src) if read_picture(p)]
    files: list[tuple[str, bytes]] = []
    for suffix, data in data_files(src):
        if is_picture("file", data):  # a picture sent as another type (``data:;base64,…``)
            if read_picture(data):
                pictures.append(data)
        else:
            files.append((suffix, data))
    found = [(f"{label}picture {n}", data) for n, data in enumerate(pictures, start=1)]
    found += [(f"{label}data file {n}{suffix}", data) for n, (suffix, data) in enumerate(files, 1)]
    return found
