"""Writing output atomically: a file is replaced whole or not at all."""

from __future__ import annotations

import codecs
import errno
import io
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, TextIO

from zfgk.errors import OutputError
from zfgk.i18n import N_, os_reason

__all__ = ["ENCODINGS", "atomic_binary", "atomic_output", "make_folder", "no_room"]

#: The encodings zfgk reads and writes text in, by the names it reports them with: each
#: with the Python codec of the text after the BOM, and the BOM written first (if any).
ENCODINGS: Mapping[str, tuple[str, bytes]] = MappingProxyType(
    {
        "utf-8": ("utf-8", b""),
        "utf-8-sig": ("utf-8", codecs.BOM_UTF8),
        "gb18030": ("gb18030", b""),
        "utf-16-le": ("utf-16-le", codecs.BOM_UTF16_LE),
        "utf-16-be": ("utf-16-be", codecs.BOM_UTF16_BE),
        "utf-16-le-nobom": ("utf-16-le", b""),
        "utf-16-be-nobom": ("utf-16-be", b""),
    }
)


@contextmanager
def atomic_binary(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only if the block succeeds.

    It writes a temporary file beside ``path`` and renames it into place;
    on any error the temporary file is removed and ``path`` is untouched.
    A file or folder that cannot be written raises :class:`~zfgk.errors.OutputError`.

    >>> import pathlib, tempfile
    >>> from zfgk.formats import atomic_binary
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.bin"
    >>> _ = path.write_bytes(b"old")
    >>> try:
    ...     with atomic_binary(path) as f:
    ...         _ = f.write(b"half")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> path.read_bytes(), sorted(p.name for p in path.parent.iterdir())
    (b'old', ['out.bin'])
    """
    try:
        fd, tmp = tempfile.mkstemp(
            dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        raise _cannot_write(path, e) from None
    try:
        with os.fdopen(fd, "wb") as raw:
            yield raw
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        # Writing the output failed (not reading some input): say which file.
        if (
            isinstance(e, OSError)
            and not isinstance(e, OutputError)
            and e.filename in (None, tmp, str(path))
        ):
            raise _cannot_write(path, e) from None
        raise


#: The errors of a disk or a quota that is full, or of a file grown past what the disk takes.
_NO_ROOM = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if code
)


def no_room(error: BaseException) -> bool:
    """Whether ``error`` says that the disk (or the user's quota) has no room left.

    Only a write fails so; zfgk's temporary files are written beside the
    output or in the temporary folder, and such an error is said as one of
    writing there, not as one of the input.

    >>> import errno
    >>> from zfgk.formats import no_room
    >>> no_room(OSError(errno.ENOSPC, "No space left on device")), no_room(OSError(errno.ENOENT, "x"))
    (True, False)
    """
    return isinstance(error, OSError) and error.errno in _NO_ROOM


def _cannot_write(path: Path, error: OSError) -> OutputError:
    return OutputError.of(
        N_("{path}: cannot write the file: {reason}"), path=path, reason=os_reason(error)
    )


@contextmanager
def atomic_output(path: Path, encoding: str) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only if the block succeeds.

    ``encoding`` is one of zfgk's names (``utf-16-le`` writes its BOM first).
    As :func:`atomic_binary`: on any error ``path`` is untouched.

    >>> import pathlib, tempfile
    >>> from zfgk.formats import atomic_output
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.txt"
    >>> with atomic_output(path, "utf-16-le") as f:
    ...     _ = f.write("姓名\\r\\n")
    >>> path.read_bytes()[:4]
    b'\\xff\\xfe\\xd3Y'
    """
    codec, bom = ENCODINGS.get(encoding, (encoding, b""))
    with atomic_binary(path) as raw:
        raw.write(bom)
        with io.TextIOWrapper(raw, encoding=codec, newline="") as f:
            yield f


def make_folder(path: Path) -> None:
    """Create the folder ``path`` (and its parents) unless it exists; OutputError if it cannot.

    >>> import pathlib, tempfile
    >>> from zfgk.formats import make_folder
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "a" / "b"
    >>> make_folder(folder); make_folder(folder); folder.is_dir()
    True
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError.of(
            N_("{path}: cannot create the folder: {reason}"), path=path, reason=os_reason(e)
        ) from None
