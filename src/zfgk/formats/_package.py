"""What an Office package (.xlsx, .docx, .odt, .ods …) holds besides its parts: one home.

A workbook's and a document's readers both meet, in the zip of their file,
files put there outside the parts their program knows (a note, a table, a
page, a workbook or a PDF kept in the package by hand), and ids that Office
writes on many an element (a GUID: ``xr:uid="{…}"``).  What each is, is
decided here, once, for every reader (``zfgk.tables`` and
``zfgk.documents`` both import it).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from zfgk.formats._kinds import Kind, kind_of

__all__ = ["GUID", "STRAY_HEAD", "STRAY_TEXTS", "is_guid", "is_stray_file", "without_guids"]

#: Files of text a package may hold beside its parts, read wherever they are, by the ending of
#: their names.
STRAY_TEXTS = frozenset(".htm .html .xhtml .mht .mhtml .txt .rtf .csv .tsv .json .jsonl".split())
#: A member of no part its program knows that is a file of its own by its first bytes (a
#: zip: a workbook, a document; a PDF), read as an embedded file is; fonts, printer settings
#: and macros are none.
STRAY_HEAD = re.compile(rb"PK\x03\x04|[\s\S]{0,1000}%PDF-")
#: An OLE compound file (a Word 97-2003 document, an Excel 97-2003 workbook …) and a gzip file.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_GZIP = b"\x1f\x8b"
#: Members a program keeps outside its parts that are no file a person wrote: macros (an OLE
#: file of code), ActiveX controls' data (which the readers name unread where they show any),
#: and an OpenDocument's media type.
_PROGRAM_MEMBERS = re.compile(
    r"(?:.*/)?vbaProject(?:Signature)?[^/]*\.bin|(?:.*/)?activeX/[^/]*\.bin|mimetype",
    re.IGNORECASE,
)
#: The kinds of file that are text a person reads, whatever their names.
_TEXT_KINDS = frozenset(
    {
        Kind.TEXT,
        Kind.CSV,
        Kind.JSON,
        Kind.JSON_LINES,
        Kind.HTML,
        Kind.XML,
        Kind.MHT,
        Kind.EML,
        Kind.RTF,
        Kind.WORD_XML,
    }
)
#: A GUID as Office writes its ids (``xr:uid``, a threaded comment's id, a chart's
#: ``c16:uniqueId``): 8-4-4-4-12 hexadecimal digits, in braces or not, or the 32 digits alone
#: (a note of three mobile numbers joined by hyphens is not one).
GUID = re.compile(
    r"\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?"
    r"|[0-9A-Fa-f]{32}(?:_[0-9]{1,3})?"  # (WPS's ICV property: 32 hexadecimal digits and _12)
)
#: A GUID in braces inside a longer value (Excel's ``documentId="8_{…}"``), or standing apart
#: from other hexadecimal digits and hyphens.
_GUID_INSIDE = re.compile(
    r"\{[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}"
    r"|(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])"
)


def is_guid(text: str) -> bool:
    """Whether ``text`` is, whole, a GUID (:data:`GUID`): an id Office writes, no person's.

    >>> from zfgk.formats import is_guid
    >>> is_guid("{E1381234-5678-4ABC-8DEF-0123456789AB}"), is_guid("e13812345678bcdef0123456789abcde")
    (True, True)
    >>> is_guid("3D3104DE13812345678AB089CA30F63C_12")  # WPS's ICV property
    True
    >>> is_guid("13812345678-13912345678-13712345678"), is_guid("电话 {E1381234-5678-4ABC-8DEF-0123456789AB}")
    (False, False)
    """
    return GUID.fullmatch(text) is not None


def without_guids(text: str) -> str:
    """``text`` with the GUIDs in it (:data:`GUID`) taken out, each left as a space: an XML
    value as a person's number is looked for in it.  A value that is a GUID whole is left
    empty; one in braces, or standing apart from other hexadecimal digits and hyphens, is
    taken out of a longer value (Excel writes ``documentId="8_{…}"`` in every workbook it
    saves).  The digits around a GUID are never joined across it.

    >>> from zfgk.formats import without_guids
    >>> without_guids("{E1381234-5678-4ABC-8DEF-0123456789AB}")
    ''
    >>> without_guids("13_ncr:1_{E1381234-5678-4ABC-8DEF-0123456789AB}")
    '13_ncr:1_ '
    >>> without_guids("联系电话 13812345678"), without_guids("138-1234-5678-0000-111111111111")
    ('联系电话 13812345678', '138-1234-5678-0000-111111111111')
    """
    if len(text) < 32:
        return text
    if GUID.fullmatch(text):
        return ""
    return _GUID_INSIDE.sub(" ", text) if "-" in text else text


def is_stray_file(name: str, head: bytes, *, text: bool = True) -> bool:
    """Whether the member ``name`` of an Office package, outside the parts and pictures its
    reader reads (``head``: its first bytes, a kilobyte or more), is a file of its own, read
    as an embedded file is: one of :data:`STRAY_TEXTS` by its name; by its first bytes a zip
    or a PDF (:data:`STRAY_HEAD`), an OLE file (an .xls, a .doc: read, or said unread), a gzip
    file (read as what it holds: :func:`~zfgk.formats.gunzipped`), another archive (a tar,
    7z, RAR, bzip2 or xz file: said unread); and text of any name or none (a Markdown note,
    ``xl/notes``).  Not read: an empty member, pictures, binary data
    (printer settings, fonts), macros, ActiveX controls' data and an OpenDocument's
    ``mimetype``.  ``text=False`` leaves out the text of no name known (for members that are
    binary parts, an .xlsb's ``.bin``: known by their first bytes alone).

    >>> from zfgk.formats import is_stray_file
    >>> is_stray_file("xl/notes", "联系电话 13812345678".encode()), is_stray_file("xl/note.md", b"# note")
    (True, True)
    >>> is_stray_file("xl/backup.xls", b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(504))
    True
    >>> devmode = "HP LaserJet".encode("utf-16-le").ljust(64, b"\\0") + bytes(156)
    >>> is_stray_file("xl/printerSettings/printerSettings1.bin", devmode)
    False
    >>> is_stray_file("mimetype", b"application/vnd.oasis.opendocument.text"), is_stray_file("xl/empty", b"")
    (False, False)
    >>> is_stray_file("xl/list.bin", b"\\xfd7zXZ\\x00\\x00\\x04", text=False)  # an xz file
    True
    """
    if not head or _PROGRAM_MEMBERS.fullmatch(name):
        return False
    path = PurePosixPath(name)
    if path.suffix.lower() in STRAY_TEXTS:
        return True
    if STRAY_HEAD.match(head) or head.startswith((_OLE, _GZIP)):
        return True
    kind = kind_of(path.name or "member", head)
    if kind is Kind.OTHER_ARCHIVE:  # a tar, 7z, RAR, bzip2 or xz file: said unread
        return True
    return text and kind in _TEXT_KINDS
