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

__all__ = ["GUID", "STRAY_HEAD", "STRAY_TEXTS", "is_guid"]

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


def is_guid(text: str) -> bool:
    """Whether ``text`` is, whole, a GUID (:data:`GUID`): an id Office writes, no person's.

    >>> from zfgk.formats import is_guid
    >>> is_guid("{E1381234-5678-4ABC-8DEF-0123456789AB}"), is_guid("e13812345678bcdef0123456789abcde")
    (True, True)
    >>> is_guid("13812345678-13912345678-13712345678"), is_guid("电话 {E1381234-5678-4ABC-8DEF-0123456789AB}")
    (False, False)
    """
    return GUID.fullmatch(text) is not None
