"""The encodings zfgk reads and writes, detected from a file's bytes or forced.

UTF-8, UTF-8 with a BOM, GB18030 (what Excel in China writes as "CSV") and
UTF-16 with a BOM, little- or big-endian (Excel's "Unicode text"), or
without one (``utf-16-le-nobom``, as some systems export text), written
back as it was read.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import BinaryIO, TextIO

import attrs

from zfgk.errors import InputError
from zfgk.formats import ENCODINGS, HEAD_SIZE, utf16_order
from zfgk.i18n import N_, os_reason

__all__ = ["TextFormat", "detect_encoding", "open_text", "resolve_encoding"]

_CHUNK = 1 << 16

#: The encodings zfgk reads and writes (:data:`zfgk.formats.ENCODINGS`).
_CODECS = ENCODINGS


def cannot_read(path: Path, error: OSError) -> InputError:
    """The error for a file the system would not let zfgk read."""
    return InputError.of(
        N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(error)
    )


def _bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """``utf-16-le-nobom`` or ``utf-16-be-nobom`` for text in UTF-16 without a BOM."""
    if b"\x00" not in head:
        return None  # ASCII in UTF-16 has zeros; a Chinese text without any is told by its name
    codec = utf16_order(head)
    return None if codec is None else f"{codec}-nobom"


def detect_encoding(path: Path) -> str:
    """The encoding of a file: by its BOM, else ``utf-8`` if it decodes as such, else ``gb18030``.

    >>> import codecs, pathlib, tempfile
    >>> from zfgk.tables import detect_encoding
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes("姓名\\n".encode("gb18030"))
    >>> _ = (folder / "b.txt").write_bytes(codecs.BOM_UTF16_LE + "姓名\\t房号\\r\\n".encode("utf-16-le"))
    >>> detect_encoding(folder / "a.csv"), detect_encoding(folder / "b.txt")
    ('gb18030', 'utf-16-le')
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            head = f.read(3)
            found = _bom_encoding(head)
            if found is not None:
                return found
            bomless = _bomless_utf16(head + f.read(HEAD_SIZE))
            if bomless is not None:
                return bomless
            f.seek(len(head))
            decoder.decode(head)
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    except OSError as e:
        raise cannot_read(path, e) from None
    return "utf-8"


def resolve_encoding(path: Path, encoding: str | None) -> str:
    """The encoding to read ``path`` with, in zfgk's names: detected, or the one forced.

    A forced UTF-16 takes its byte order from the file's BOM; a file without
    one is read in the byte order forced (``utf-16``: the one its bytes show)
    and written back without a BOM.

    >>> import pathlib, tempfile
    >>> from zfgk.tables import resolve_encoding
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = path.write_bytes("姓名\\n".encode("utf-8"))
    >>> resolve_encoding(path, None), resolve_encoding(path, "GBK"), resolve_encoding(path, "utf_8_sig")
    ('utf-8', 'gb18030', 'utf-8-sig')
    """
    if encoding is None:
        return detect_encoding(path)
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError.of(N_("unknown encoding {encoding!r}"), encoding=encoding) from None
    if name in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            with path.open("rb") as f:
                head = f.read(HEAD_SIZE)
        except OSError as e:
            raise cannot_read(path, e) from None
        found = _bom_encoding(head)
        if found is not None and found.startswith("utf-16"):
            return found
        order = utf16_order(head)
        if order is None:
            raise InputError.of(
                N_(
                    "{path}: the file does not start with a UTF-16 byte-order mark, and its "
                    "bytes do not read as UTF-16 text; check --encoding (utf-8, gb18030)"
                ),
                path=path,
            )
        return f"{order if name == 'utf-16' else name}-nobom"
    if name == "utf-8":
        return "utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8-sig" else "utf-8"
    if name in ("gb18030", "gbk", "gb2312"):
        return "gb18030"
    return name


@attrs.frozen
class TextFormat:
    """How a delimited text file is written: its encoding and its separator.

    >>> from zfgk.tables import TextFormat
    >>> TextFormat("utf-16-le", "\\t").codec, TextFormat("utf-16-le", "\\t").bom
    ('utf-16-le', b'\\xff\\xfe')
    """

    encoding: str
    delimiter: str = ","

    @property
    def codec(self) -> str:
        """The Python codec that decodes the text after the BOM."""
        return _CODECS.get(self.encoding, (self.encoding, b""))[0]

    @property
    def bom(self) -> bytes:
        """The byte-order mark the file starts with (empty for none)."""
        return _CODECS.get(self.encoding, (self.encoding, b""))[1]


def open_text(path: Path, encoding: str) -> TextIO:
    """A text stream of ``path`` positioned after the BOM; undecodable bytes become surrogates.

    ``encoding`` is one of zfgk's names (:func:`resolve_encoding` gives it).
    Line endings are kept as written.

    >>> import codecs, pathlib, tempfile
    >>> from zfgk.tables import open_text
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(codecs.BOM_UTF16_BE + "姓名\\r\\n".encode("utf-16-be"))
    >>> with open_text(path, "utf-16-be") as f:
    ...     f.read()
    '姓名\\r\\n'
    """
    fmt = TextFormat(encoding)
    try:
        f: BinaryIO = path.open("rb")
    except OSError as e:
        raise cannot_read(path, e) from None
    if fmt.bom and f.read(len(fmt.bom)) != fmt.bom:
        f.seek(0)
    errors = "surrogatepass" if fmt.codec.startswith("utf-16") else "surrogateescape"
    return io.TextIOWrapper(f, encoding=fmt.codec, errors=errors, newline="")
