"""The source workbook as a zip read part by part, with the bomb limits held (internal).

Before anything is read, the zip's directory is checked and every part's
prolog searched for a document type (:func:`zfgk.tables.check_zip`, without
the sheet extents: nothing here allocates a cell).  A part is then read
whole only if it is small (:data:`MAX_PART`), else as a stream of chunks,
and never past the size its directory entry declares.  A broken or
truncated zip is one clear :class:`~zfgk.errors.InputError`.
"""

from __future__ import annotations

import queue
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from zfgk.errors import InputError
from zfgk.formats import check_zip
from zfgk.i18n import N_

__all__ = ["CHUNK", "MAX_PART", "Archive", "broken", "part_path"]

#: The bytes read from a part at a time.
CHUNK = 1 << 20
#: The largest part read whole (styles, the workbook, relationships, comments).
MAX_PART = 64 << 20
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
#: Errors a damaged zip or deflate stream raises while it is read.
_DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError)


def broken(path: Path) -> InputError:
    """The error of a workbook whose zip cannot be read to its end."""
    return InputError.of(
        N_("{path}: a damaged or truncated workbook (a part cannot be inflated)"), path=path
    )


def part_path(base: str, target: str) -> str:
    """The zip name of a relationship's target, relative to the part ``base`` (or absolute).

    >>> from zfgk.workbooks._archive import part_path
    >>> part_path("xl/workbook.xml", "worksheets/sheet1.xml"), part_path("xl/workbook.xml", "/xl/x.xml")
    ('xl/worksheets/sheet1.xml', 'xl/x.xml')
    >>> part_path("xl/worksheets/sheet1.xml", "../comments1.xml")
    'xl/comments1.xml'
    """
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in (*PurePosixPath(base).parent.parts, *PurePosixPath(target).parts):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts)


class Archive:
    """An .xlsx or .xlsm opened for reading, its parts by name (OPC names ignore case)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise InputError.of(N_("{path}: no such workbook"), path=path)
        try:
            self._zip = zipfile.ZipFile(path)
        except (*_DAMAGED, OSError):
            raise broken(path) from None
        self.infos = self._zip.infolist()
        if any(info.flag_bits & 0x1 for info in self.infos):  # before anything reads a part
            self._zip.close()
            raise InputError.of(
                N_("{path}: the workbook is protected by a password; save a copy without one"),
                path=path,
            )
        try:
            check_zip(path, cells=False)  # sizes, ratios, no document type: before any parsing
        except (*_DAMAGED, RuntimeError):  # what the guard lets through of a broken deflate stream
            self._zip.close()
            raise broken(path) from None
        except BaseException:
            self._zip.close()
            raise
        self._names = {info.filename.lower(): info for info in self.infos}

    def close(self) -> None:
        """Close the zip."""
        self._zip.close()

    def info(self, name: str) -> zipfile.ZipInfo | None:
        """The entry of the part ``name`` (any case), or None."""
        return self._names.get(name.lower())

    def has(self, name: str) -> bool:
        """Whether the part ``name`` exists (any case)."""
        return name.lower() in self._names

    def read(self, name: str) -> bytes:
        """A small part, whole; refuses one larger than :data:`MAX_PART`."""
        info = self.info(name)
        if info is None:
            raise KeyError(name)
        if info.file_size > MAX_PART:
            raise InputError.of(
                N_("{path}: refused: the part {part} is {size} MB, more than zfgk edits whole"),
                path=self.path,
                part=info.filename,
                size=info.file_size >> 20,
            )
        try:
            return self._zip.read(info)
        except (*_DAMAGED, OSError):
            raise broken(self.path) from None

    def ahead(self, name: str) -> Iterator[bytes]:
        """The part's chunks as :meth:`chunks`, inflated by a thread of its own a few ahead.

        zlib lets go of the interpreter while it inflates: the chunks come
        ready while the caller edits the last ones.  Its errors are raised in
        the caller's thread; stopping early stops the thread.
        """
        done = object()
        handed: queue.Queue[object] = queue.Queue(maxsize=4)
        stop = threading.Event()

        def read() -> None:
            try:
                for chunk in self.chunks(name):
                    while not stop.is_set():
                        try:
                            handed.put(chunk, timeout=0.1)
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
                handed.put(done)
            except BaseException as e:  # raised again where the chunks are used
                handed.put(e)

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        try:
            while True:
                item = handed.get()
                if item is done:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item  # type: ignore[misc]
        finally:
            stop.set()
            while thread.is_alive():  # let a thread waiting to hand a chunk over see the stop
                with suppress(queue.Empty):
                    handed.get(timeout=0.1)
            thread.join()

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part ``name`` inflated, a chunk at a time (never past its declared size)."""
        info = self.info(name)
        if info is None:
            raise KeyError(name)
        try:
            with self._zip.open(info) as part:
                while chunk := part.read(CHUNK):
                    yield chunk
        except (*_DAMAGED, OSError):
            raise broken(self.path) from None

    @contextmanager
    def raw(self, info: zipfile.ZipInfo) -> Iterator[tuple[BinaryIO, int]]:
        """The file positioned at the part's compressed data, and the data's length."""
        with self.path.open("rb") as f:
            f.seek(info.header_offset)
            header = f.read(_LOCAL_HEADER.size)
            if len(header) < _LOCAL_HEADER.size:
                raise broken(self.path)
            fields = _LOCAL_HEADER.unpack(header)
            if fields[0] != _LOCAL_SIGNATURE:
                raise broken(self.path)
            f.seek(fields[-2] + fields[-1], 1)  # the name and the extra field
            yield f, info.compress_size
