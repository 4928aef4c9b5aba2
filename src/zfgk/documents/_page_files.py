"""The files a page carries in ``data:`` addresses other than pictures (internal).

A page can hold a whole file in a link or an object: ``<a href="data:text/csv;base64,…"
download="名单.csv">``, ``<object data="data:text/html,…">``, an ``<iframe src=…>``.  A
reader who follows the link gets the file, so its text is read as a file inside a document
is (:func:`~zfgk.documents._embedded.read_member`), as what the name a link's ``download``
attribute gives says, else its media type (the addresses found and decoded as a browser
does: :mod:`zfgk.documents._data_urls`).  Pictures are read by the picture rule; a real
font, and the binary data of a sound or a film, hold no text to read (text sent as one is
read).  An address too long to decode, and bytes of no file zfgk knows, are said unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from zfgk.documents import _data_urls
from zfgk.documents._data_urls import Address, data_addresses, decoded
from zfgk.documents._embedded import (
    _OBJECT,
    Folded,
    is_picture,
    one_budget,
    read_member,
    read_picture,
)
from zfgk.documents._parts import Location, Unread
from zfgk.formats import Kind, kind_of
from zfgk.i18n import N_, Message
from zfgk.privacy import may_hold_pii

__all__ = ["data_files", "is_font", "page_files", "read_page_files"]

#: Media types of no text: fonts, sounds, films (passed over when their data is one: see
#: _no_text()); pictures are read as pictures.
_NO_TEXT = re.compile(
    r"(?:font|audio|video)/|application/(?:x-)?font|application/vnd\.ms-fontobject",
    re.IGNORECASE,
)
#: The name a ``download`` attribute gives, by its ending.
_NAMED = re.compile(r"\.[A-Za-z0-9]{1,8}$")
#: What a reader of a file of plain text decodes: references, escapes, a formula, a mail's
#: or a page's markup, percent-encoding, a zip or PDF; such a file is read whole.
_ENCODED = re.compile(rb"[&\\=%<\x00]")
_TOO_LONG = N_(
    "a file in a data: address longer than {size} characters, which zfgk does not "
    "decode: open the page in a browser, save the file the link gives and check that"
)
_NOT_READ = N_(
    "a file in a data: address that zfgk cannot read (not text, a picture or a document "
    "zfgk knows): open the page in a browser, save the file the link gives and check it"
)
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


def is_font(data: bytes) -> bool:
    """Whether ``data`` starts as a font does (TrueType or OpenType, a collection, WOFF,
    WOFF2, Embedded OpenType): its signature and a header that fits it, not four letters
    of text (``true …``).

    >>> import struct
    >>> from zfgk.documents._page_files import is_font
    >>> font = b"true" + struct.pack(">4H", 1, 16, 0, 0) + b"glyf" + bytes(12)
    >>> is_font(font), is_font(b"true,13812345678\\n"), is_font(b"wOF2" + bytes(40))
    (True, False, True)
    """
    if data[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"typ1"):
        tables = int.from_bytes(data[4:6], "big")
        directory = data[12 : 12 + 16 * tables]
        return 0 < tables < 256 and len(directory) == 16 * tables and directory[:4].isascii()
    if data[:4] == b"ttcf":
        return data[4:8] in (b"\x00\x01\x00\x00", b"\x00\x02\x00\x00")
    if data[:4] in (b"wOFF", b"wOF2"):
        return len(data) >= 44 and data[14:16] == b"\x00\x00"  # (its reserved field)
    return len(data) >= 36 and data[34:36] == b"LP" and data[8:12] in _EOT_VERSIONS


#: The versions of an Embedded OpenType font, as its header stores them (little-endian).
_EOT_VERSIONS = (b"\x00\x00\x01\x00", b"\x01\x00\x02\x00", b"\x02\x00\x02\x00")


def _binary(data: bytes) -> bool:
    """Whether ``data`` is no text: a NUL, or many control characters, in its first bytes."""
    head = data[:4096]
    controls = sum(head.count(bytes([c])) for c in range(32) if c not in (9, 10, 12, 13, 27))
    return b"\x00" in head or controls * 100 > len(head)


def _suffix(address: Address) -> str:
    """What the file is named by: the ``download`` name's ending, else its media type."""
    named = _NAMED.search(address.download or "")
    return named.group().lower() if named else _SUFFIXES.get(address.media, "")


def data_files(src: str) -> Iterator[tuple[str, bytes | None]]:
    """(suffix, bytes) of each file a page carries in a ``data:`` address that may hold text,
    in page order: base64 or percent-encoded, a link's, an object's, a stylesheet's; the
    suffix is the ending of the name a link's ``download`` attribute gives, else what the
    media type says.  One whose base64 does not decode is left out (a browser gives nothing
    for it either), as is a font, a sound or a film; the bytes of one longer than
    :data:`~zfgk.documents._data_urls.MAX_ADDRESS` are ``None``.

    >>> import base64
    >>> from zfgk.documents._page_files import data_files
    >>> table = base64.b64encode("姓名,电话\\n张三,138 0000 0000\\n".encode()).decode()
    >>> page = f'<a href="data:font/ttf;base64,{table}" download="名单.csv">名单</a>'
    >>> page += '<object data="data:text/plain,%E7%94%B5%E8%AF%9D"></object>'
    >>> [(suffix, data and data.decode()) for suffix, data in data_files(page)]
    [('.csv', '姓名,电话\\n张三,138 0000 0000\\n'), ('.txt', '电话')]
    >>> list(data_files('<img src="data:image/png;base64,iVBORw0KGgo=">'))
    []
    """
    for address, data in _carried(src):
        if not address.media.startswith("image/") or address.download is not None:
            yield _suffix(address), data


def _carried(src: str) -> Iterator[tuple[Address, bytes | None]]:
    """Each ``data:`` address of ``src`` that may hold something to read, and its data."""
    for address in data_addresses(src):
        if address.too_long:
            yield address, None
            continue
        data = decoded(src, address)
        if data is None or not data.strip():
            continue
        if is_font(data) or (_NO_TEXT.match(address.media) and _binary(data)):
            continue  # a font, a sound, a film: no text
        yield address, data


def page_files(src: str, label: str = "") -> list[tuple[str, bytes | None]]:
    """(member, bytes) of the pictures a page carries in ``data:`` addresses that may show a
    number (``picture 1``), then of the other files it carries (``data file 1.csv``), each
    name after ``label``; the bytes of an address too long to decode are ``None``.

    >>> from zfgk.documents._page_files import page_files
    >>> page_files('<a href="data:,%E7%94%B5%E8%AF%9D">电话</a>', "part 1/")
    [('part 1/data file 1.txt', b'\\xe7\\x94\\xb5\\xe8\\xaf\\x9d')]
    """
    pictures: list[bytes | None] = []
    files: list[tuple[str, bytes | None]] = []
    for address, data in _carried(src):
        if address.media.startswith("image/") and address.download is None:
            if data is None or read_picture(data):
                pictures.append(data)
        elif data is not None and is_picture("file", data):  # a picture sent as another type
            if read_picture(data):
                pictures.append(data)
        else:
            files.append((_suffix(address), data))
    found = [(f"{label}picture {n}", data) for n, data in enumerate(pictures, start=1)]
    found += [(f"{label}data file {n}{suffix}", data) for n, (suffix, data) in enumerate(files, 1)]
    return found


def read_page_files(
    path: Path, carried: list[tuple[str, bytes | None]]
) -> Iterator[tuple[str, Folded | None, list[Unread]]]:
    """Each file of :func:`page_files` read (:func:`~zfgk.documents._embedded.read_member`):
    its member, its text (None if nothing of it was read) and what of it could not be read,
    said as fits a page.  A file of plain text without room for a number is passed over
    unread (a page of many small links is read in linear time, each in a few steps).

    >>> from pathlib import Path
    >>> from zfgk.documents._page_files import read_page_files
    >>> carried = [("data file 1.txt", "共 3 户".encode()), ("data file 2", None)]
    >>> [(member, child, [gap.describe() for gap in gaps])
    ...  for member, child, gaps in read_page_files(Path("公示.html"), carried)]  # doctest: +ELLIPSIS
    [('data file 2', None, ['data file 2: whole file: a file in a data: address longer than 12,000,000 ...'])]
    """
    with one_budget():
        for member, data in carried:
            where = Location(member=member)
            if data is None:
                yield (
                    member,
                    None,
                    [Unread(where, Message(_TOO_LONG, size=f"{_data_urls.MAX_ADDRESS:,}"))],
                )
            elif not _plain_without_number(member, data):
                child, gaps = read_member(path, member, data)
                for n, gap in enumerate(gaps):
                    if gap.reason.template == _OBJECT:
                        gaps[n] = Unread(gap.location, Message(_NOT_READ))
                yield member, child, gaps


def _plain_without_number(member: str, data: bytes) -> bool:
    """Whether ``data`` is plain text (UTF-8, nothing a reader decodes) with no room for a
    personal number (:func:`~zfgk.privacy.may_hold_pii`)."""
    if len(data) > 1 << 16 or data.startswith(b"PK") or _ENCODED.search(data) is not None:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if may_hold_pii(text):
        return False
    return kind_of(PurePosixPath(member).name, data[:8192]) in (Kind.TEXT, Kind.CSV)
