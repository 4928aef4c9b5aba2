"""What is published, read as a person sees it: HTML pages, .docx and PDF files.

:func:`read` gives a :class:`Document`: its text as a reader sees it (a
number split by markup read whole) and, for each character, where it is
(the source line of a page, the page of a PDF, the part and paragraph of a
.docx).  :func:`mask` writes a page or a .docx with every ID number and
mobile number hidden where it sits, leaving everything else byte for byte.
A page's text ends with what the page publishes without showing it
(comments, scripts, attribute values that hold 11 digits or more), each on
a line of its own: a number there is published too.

>>> import pathlib, tempfile
>>> from zfgk import find_pii
>>> from zfgk.documents import mask, read
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> page = folder / "公示.html"
>>> _ = page.write_text(
...     "<table><tr><td>张三</td>\\n<td><span lang=EN-US>500103</span>"
...     "<span lang=EN-US>1990</span><span>03071239</span></td></tr></table>",
...     encoding="utf-8",
... )
>>> doc = read(page)
>>> doc.text
'张三\\n500103199003071239\\n'
>>> [(m.kind.value, doc.locate(m.start).line) for m in find_pii(doc.text)]
[('id_number', 2)]
>>> [m.kind.value for m in mask(page, folder / "out.html")]
['id_number']
>>> (folder / "out.html").read_text(encoding="utf-8").splitlines()[1]
'<td><span lang=EN-US>500103</span><span lang=EN-US>****</span><span>****1239</span></td></tr></table>'

.docx needs nothing more than Python; PDF needs the ``pdf`` extra
(``pip install 'zfgk[pdf]'``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from zfgk._arguments import UNNAMEABLE, as_path, nameable
from zfgk.documents._docx import read_docx
from zfgk.documents._html import looks_like_html, read_html
from zfgk.documents._model import Document, DocumentFormat, Location
from zfgk.documents._pdf import PAGE_BREAK, read_pdf, unsupported
from zfgk.errors import (
    DocumentError,
    InvalidArgumentError,
    MaskUnsupportedError,
    MissingExtraError,
    OutputError,
)
from zfgk.i18n import N_, os_reason
from zfgk.privacy import PiiMatch, find_pii, redact

__all__ = [
    "PAGE_BREAK",
    "SUFFIXES",
    "Document",
    "DocumentError",
    "DocumentFormat",
    "DocumentOutputError",
    "Location",
    "MaskUnsupportedError",
    "MissingExtraError",
    "format_of",
    "mask",
    "read",
]

#: A masked document that cannot be written: :class:`zfgk.errors.OutputError`, as for any output.
DocumentOutputError = OutputError

#: The file name endings of each format.
SUFFIXES: Mapping[str, DocumentFormat] = MappingProxyType(
    {
        ".html": DocumentFormat.HTML,
        ".htm": DocumentFormat.HTML,
        ".shtml": DocumentFormat.HTML,
        ".xhtml": DocumentFormat.HTML,
        ".docx": DocumentFormat.DOCX,
        ".docm": DocumentFormat.DOCX,
        ".dotx": DocumentFormat.DOCX,
        ".pdf": DocumentFormat.PDF,
    }
)
_HEAD = 4096
#: The largest page or .docx read (in bytes): it is read whole.
MAX_SIZE = 512 << 20
#: Names of Word files: a zip or an OLE file (a .doc, a .docx with a password) so named is
#: read as a .docx, whose reader says what to do with the ones it cannot read.
_WORD = frozenset({".docx", ".docm", ".dotx", ".doc"})
_OLE = b"\xd0\xcf\x11\xe0"


def format_of(path: Path | str, head: bytes | None = None) -> DocumentFormat | None:
    """The format of a document by its first bytes, else by its name; ``None`` if not a document.

    ``head`` is the file's first bytes, read from ``path`` when not given
    (a file that cannot be read is judged by its name).  What the bytes
    say wins over the name: a PDF is a PDF, a page Word saved as ``.doc``
    is a page, and a zip archive (a workbook) named ``.html`` is not a
    document.  A table (.csv, .xlsx) is not a document.

    >>> from zfgk.documents import format_of
    >>> format_of("公告.HTM"), format_of("附件.docx"), format_of("名单.csv", b"name,id\\n")
    (<DocumentFormat.HTML: 'html'>, <DocumentFormat.DOCX: 'docx'>, None)
    >>> format_of("page.doc", b"<html><body>"), format_of("附件.html", b"%PDF-1.7")
    (<DocumentFormat.HTML: 'html'>, <DocumentFormat.PDF: 'pdf'>)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if head is None:
        try:
            with path.open("rb") as f:
                head = f.read(_HEAD)
        except OSError:
            head = b""
    if head.startswith(b"%PDF-"):
        return DocumentFormat.PDF
    if head.startswith((b"PK\x03\x04", _OLE)):
        return DocumentFormat.DOCX if suffix in _WORD else None
    if looks_like_html(head):
        return DocumentFormat.HTML
    return SUFFIXES.get(suffix)


def read(path: Path | str, format: DocumentFormat | None = None) -> Document:
    """The document at ``path`` as a person sees it; ``format`` when its name does not say.

    Raises :class:`DocumentError` for a file that is not a document zfgk
    reads, or is broken, encrypted or unsafe (a zip or XML bomb), and
    :class:`MissingExtraError` when its format needs an extra.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import read
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = path.write_text("<p>&#53;00103&nbsp;19900307&nbsp;1239</p><script>x=1</script>")
    >>> read(path).text
    '500103\\xa019900307\\xa01239\\n'

    A ``path`` that is not a str or an :class:`os.PathLike`, or a ``format``
    that is not a :class:`DocumentFormat`, is a TypeError.
    """
    path = as_path(path, "path")
    if format is not None and not isinstance(format, DocumentFormat):
        raise TypeError(f"format must be a DocumentFormat or None, not {type(format).__name__}")
    if not nameable(path):
        raise DocumentError.of(UNNAMEABLE, path=repr(str(path)))
    format = format or format_of(path)
    if format is None:
        raise DocumentError.of(
            N_(
                "{path}: not a document zfgk reads (HTML .html .htm .shtml .xhtml, "
                "Word .docx, PDF .pdf)"
            ),
            path=path,
        )
    if format is DocumentFormat.PDF:
        text, pdf = read_pdf(path)
        return Document(path, format, text, source=pdf)
    data = _read_bytes(path)
    if format is DocumentFormat.HTML:
        text, page = read_html(path, data)
        return Document(path, format, text, source=page)
    text, docx = read_docx(path, data)
    return Document(path, format, text, source=docx)


def mask(
    path: Path | str,
    output: Path | str,
    *,
    mask_char: str = "*",
    format: DocumentFormat | None = None,
) -> tuple[PiiMatch, ...]:
    """Write ``path`` to ``output`` with every ID and mobile number in it masked; return them.

    Each number is found in the text as a person sees it
    (:func:`zfgk.find_pii`) and its digits hidden as :func:`zfgk.redact`
    hides them, each in the place of the source that shows it: inside its
    span or run, an entity (``&#53;``) replaced by the mask character.
    Nothing else changes.  ``output`` is written atomically, also when
    nothing is found.  A PDF raises :class:`MaskUnsupportedError`.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import mask
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.html").write_text("<p>手机 138<span>1234</span>5678</p>", encoding="utf-8")
    >>> found = mask(folder / "a.html", folder / "b.html")
    >>> (folder / "b.html").read_text(encoding="utf-8")
    '<p>手机 138<span>****</span>5678</p>'
    """
    path = Path(path)
    if len(mask_char) != 1:
        raise InvalidArgumentError.of(
            N_("the mask character must be one character (given {mask_char!r})"),
            mask_char=mask_char,
        )
    format = format or format_of(path)
    if format is DocumentFormat.PDF:
        raise unsupported(path)
    document = read(path, format)
    found = find_pii(document.text)
    document.write(output, redact(document.text, mask_char=mask_char))
    return found


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:  # a pipe or a device says size 0: read up to the limit
            large = os.fstat(f.fileno()).st_size > MAX_SIZE
            data = b"" if large else f.read(MAX_SIZE + 1)
        if large or len(data) > MAX_SIZE:
            raise DocumentError.of(
                N_("{path}: refused: the file is larger than {size} MiB"),
                path=path,
                size=MAX_SIZE >> 20,
            )
        return data
    except OSError as e:
        raise DocumentError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
