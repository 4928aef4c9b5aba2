"""The errors of reading and masking documents (internal; re-exported by :mod:`zfgk.documents`).

Messages name the file and say what to do; they never hold the text of the
document, which may be personal data.
"""

from __future__ import annotations

from zfgk.errors import ZfgkError

__all__ = ["DocumentError", "DocumentOutputError", "MaskUnsupportedError", "MissingExtraError"]


class DocumentError(ZfgkError, ValueError):
    """A document zfgk cannot read: not the format its name says, broken, encrypted, or unsafe.

    Unsafe means a zip or XML bomb, refused before it inflates.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import DocumentError, read
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "通知.docx"
    >>> _ = path.write_bytes(b"not a zip")
    >>> try:
    ...     read(path)
    ... except DocumentError as e:
    ...     print(str(e).split(": ", 1)[1])
    not a .docx file (a .docx is a zip archive; a Word 97-2003 .doc must be saved as .docx first)
    """


class MaskUnsupportedError(DocumentError):
    """A document zfgk reads but cannot mask in place: a PDF.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import MaskUnsupportedError, mask
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     mask(folder / "公示.pdf", folder / "out.pdf")
    ... except MaskUnsupportedError as e:
    ...     print(str(e).split(": ", 1)[1])
    a PDF cannot be masked in place: mask the document it was made from (.docx, .html) with zfgk and export the PDF again
    """


class MissingExtraError(ZfgkError, ImportError):
    """A format whose optional dependency is not installed; the message names the pip command.

    >>> from zfgk.documents import MissingExtraError
    >>> issubclass(MissingExtraError, ImportError)
    True
    """


class DocumentOutputError(ZfgkError, OSError):
    """A masked document that cannot be written; the file it would replace is untouched.

    >>> from zfgk.documents import DocumentOutputError
    >>> issubclass(DocumentOutputError, OSError)
    True
    """
