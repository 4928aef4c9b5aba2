"""Files read as a person sees them: one reader per kind, one shape of document.

:func:`open_document` reads any file zfgk meets into a :class:`Document`:
its **texts** (a page as a browser shows it, the body of a Word file with a
paragraph's runs joined, a PDF's pages, a workbook's comments and page
headers), its **sheets** (rows of cells as the sheet shows them, merged
values spread, streamed), and what it could **not read**, each with a
:class:`Location` a person can find.  What a file is comes from
:func:`zfgk.formats.kind_of`; the reader of that kind is in :data:`READERS`.
A document that a reader can write back takes new texts and cells
(:meth:`Document.write`), every other byte kept.

>>> import pathlib, tempfile
>>> from zfgk import find_pii
>>> from zfgk.documents import open_document
>>> page = pathlib.Path(tempfile.mkdtemp()) / "公示.html"
>>> _ = page.write_text(
...     "<table><tr><td>张三</td>\\n<td><span lang=EN-US>500103</span>"
...     "<span lang=EN-US>1990</span><span>03071239</span></td></tr></table>",
...     encoding="utf-8",
... )
>>> doc = open_document(page)
>>> doc.text
'张三\\n500103199003071239\\n'
>>> [(m.kind.value, str(doc.locate(m.start))) for m in find_pii(doc.text)]
[('id_number', 'line 2')]

The tasks on a file (check, scan, mask) are in :mod:`zfgk.files`.  .docx
needs nothing more than Python; PDF needs the ``pdf`` extra
(``pip install 'zfgk[pdf]'``), workbooks the ``xlsx`` extra.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zfgk._deprecated import warn_deprecated
from zfgk.documents._embedded import ocr_installed
from zfgk.documents._ocr import pages_in_parallel
from zfgk.documents._parts import (
    PART_WORDS,
    CellEdits,
    Document,
    Location,
    Lost,
    Sheet,
    Text,
    TextEdits,
    Unread,
    column_letter,
)
from zfgk.documents._pdf import PAGE_BREAK
from zfgk.documents._readers import (
    MAX_SIZE,
    READERS,
    has_pictures,
    has_scanned_pages,
    open_document,
)
from zfgk.documents._writers import cannot_write
from zfgk.errors import DocumentError, MaskUnsupportedError, MissingExtraError
from zfgk.formats import Kind

__all__ = [
    "MAX_SIZE",
    "PAGE_BREAK",
    "PART_WORDS",
    "READERS",
    "CellEdits",
    "Document",
    "DocumentError",
    "Location",
    "Lost",
    "MaskUnsupportedError",
    "MissingExtraError",
    "Sheet",
    "Text",
    "TextEdits",
    "Unread",
    "cannot_write",
    "column_letter",
    "has_pictures",
    "has_scanned_pages",
    "ocr_installed",
    "open_document",
    "pages_in_parallel",
    "read",
]


def read(path: Path | str, format: Kind | None = None) -> Document:
    """The document at ``path`` as a person sees it: :func:`open_document` (``format``, a
    :class:`~zfgk.formats.Kind`, when its bytes and name do not say).

    >>> import pathlib, tempfile
    >>> from zfgk.documents import read
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = path.write_text("<p>&#53;00103&nbsp;19900307&nbsp;1239</p><script>x=1</script>")
    >>> read(path).text
    '500103\\xa019900307\\xa01239\\n'
    """
    return open_document(path, kind=format)


#: Names of 0.2 that moved, with the name that replaces each.
_MOVED = {
    "DocumentFormat": "zfgk.formats.Kind",
    "format_of": "zfgk.formats.kind_of",
    "SUFFIXES": "zfgk.formats.SUFFIXES",
    "mask": "zfgk.mask_file",
}


def __getattr__(name: str) -> Any:
    moved = _MOVED.get(name)
    if moved is None:
        raise AttributeError(f"module 'zfgk.documents' has no attribute {name!r}")
    warn_deprecated(f"zfgk.documents.{name}", moved)
    from zfgk.documents import _deprecated

    return getattr(_deprecated, name)
