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

__all__ = ["GUID", "STRAY_HEAD", "STRAY_TEXTS", "is_guid", "without_guids"]

#: Files of text a package may hold beside its parts, read wherever they are, by the ending of
#: their names.
STRAY_TEXTS = frozenset(".htm .html .xhtml .mht .mhtml .txt .rtf .csv .tsv .json .jsonl".split())
#: A member of no part its program knows that is a file of its own by its first bytes (a
#: zip: a workbook, a document; a PDF), read as an embedded file is; fonts, printer settings
#: and macros are none.
STRAY_HEAD = re.compile(rb"PK\x03\x04|[\s\S]{0,1000}%PDF-")
#: A GUID as Office writes its ids (``xr:uid``, a threaded comment's id, a chart's
#: ``c16:uniqueId``): 8-4-4-4-12 hexadecimal digits, in braces or not, or the 32 digits alone
#: (a note of three mobile numbers joined by hyphens is not one).
GUID = re.compile(
    r"\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?"
    r"|[0-9A-Fa-f]{32}"
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
