"""Writing the edited workbook's zip: parts copied as they are stored, parts made anew (internal).

A part left alone is copied as it is stored in the source, its compressed
bytes untouched (so it is identical byte for byte, and costs no inflating);
a part rewritten is deflated once, by a thread of its own, into a
temporary file (:class:`Blob`), then copied in.  The zip is laid out by
hand (local headers, the central directory, Zip64 where a size or an
offset needs it) because :mod:`zipfile` cannot copy stored bytes.
"""

from __future__ import annotations

import queue
import struct
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import attrs

from zfgk.workbooks._archive import CHUNK, Archive

__all__ = ["Blob", "ZipOut"]

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")
_LIMIT = 0xFFFFFFFF
_UTF8 = 0x800
_DESCRIPTOR = 0x8
#: zlib's level 4: on a sheet of 200,000 rows (82 MB of XML) 0.4 s for 9.5 MB, where the
#: default 6 takes 1.4 s for 8.8 MB (Excel's own file: 8.6 MB).
LEVEL = 4
_DONE = b""
#: Bytes handed to the deflating thread at a time.
_BATCH = 1 << 20


class Blob:
    """A part's new content, deflated by a thread into a temporary file as it is written.

    The temporary file lives beside the output (no other disk is filled)
    and disappears when closed, whatever happens.
    """

    def __init__(self, folder: Path, level: int = LEVEL) -> None:
        self.file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - until close()
        self.crc = 0
        self.size = 0
        self.compressed = 0
        self._deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._closed = False
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while True:
            data = self._queue.get()
            try:
                if self._error is None:
                    if data is _DONE:
                        out = self._deflate.flush()
                    else:
                        self.crc = zlib.crc32(data, self.crc)
                        self.size += len(data)
                        out = self._deflate.compress(data)
                    self.compressed += len(out)
                    self.file.write(out)
            except BaseException as e:  # the disk is full: said when the writer next writes
                self._error = e
            if data is _DONE:
                return

    def write(self, data: bytes) -> None:
        """Add ``data`` (UTF-8 XML) to the part."""
        if data:
            self._pending.append(data)
            self._pending_size += len(data)
            if self._pending_size >= _BATCH:
                self._hand_over()

    def _hand_over(self) -> None:
        """Give the thread what has been written (in batches: a handover costs the lock)."""
        if self._error is not None:
            raise self._error
        if self._pending:
            self._queue.put(b"".join(self._pending))
            self._pending.clear()
            self._pending_size = 0

    def finish(self) -> Blob:
        """Wait for the last bytes to be deflated; the blob is then ready to copy."""
        if not self._closed:
            self._hand_over()
            self._closed = True
            self._queue.put(_DONE)
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self

    def close(self) -> None:
        """Stop the thread and let the temporary file go."""
        if not self._closed:
            self._closed = True
            self._error = self._error or RuntimeError("abandoned")
            self._queue.put(_DONE)
            self._thread.join()
        self.file.close()


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    year = min(max(year, 1980), 2107)
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


@attrs.frozen
class _Entry:
    """A zip entry's header fields: its name as stored, flags, method, date, CRC, sizes."""

    name: bytes
    flags: int
    method: int
    stamp: tuple[int, int]
    crc: int
    compressed: int
    size: int
    external: int


class ZipOut:
    """A zip written in order to a stream: parts copied from the source, blobs, then the directory."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offset = 0
        self._central: list[bytes] = []
        self._now = time.localtime()[:6]

    def _put(self, data: bytes) -> None:
        self.stream.write(data)
        self.offset += len(data)

    def _entry(self, entry: _Entry) -> None:
        """The local header now, the directory's record for later."""
        size, compressed = entry.size, entry.compressed
        big = compressed >= _LIMIT or size >= _LIMIT
        extra = struct.pack("<2H2Q", 1, 16, size, compressed) if big else b""
        version = 45 if big else 20
        offset = self.offset
        self._put(
            _LOCAL.pack(
                b"PK\x03\x04",
                version,
                entry.flags,
                entry.method,
                *entry.stamp,
                entry.crc,
                _LIMIT if big else compressed,
                _LIMIT if big else size,
                len(entry.name),
                len(extra),
            )
            + entry.name
            + extra
        )
        far = offset >= _LIMIT
        central_extra = b""
        if big or far:
            values = ([size, compressed] if big else []) + ([offset] if far else [])
            central_extra = struct.pack(f"<2H{len(values)}Q", 1, 8 * len(values), *values)
        self._central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                (3 << 8) | version,
                version,
                entry.flags,
                entry.method,
                *entry.stamp,
                entry.crc,
                _LIMIT if big else compressed,
                _LIMIT if big else size,
                len(entry.name),
                len(central_extra),
                0,
                0,
                0,
                entry.external,
                _LIMIT if far else offset,
            )
            + entry.name
            + central_extra
        )

    def copy(self, archive: Archive, info: zipfile.ZipInfo) -> None:
        """The part as the source stores it: its compressed bytes copied, not inflated."""
        utf8 = bool(info.flag_bits & _UTF8)
        name = info.filename.encode("utf-8" if utf8 else "cp437")
        flags = info.flag_bits & ~_DESCRIPTOR  # the sizes go in the header: no descriptor
        self._entry(
            _Entry(
                name=name,
                flags=flags,
                method=info.compress_type,
                stamp=_dos_time(info.date_time),
                crc=info.CRC,
                compressed=info.compress_size,
                size=info.file_size,
                external=info.external_attr,
            )
        )
        with archive.raw(info) as (f, length):
            left = length
            while left > 0:
                chunk = f.read(min(CHUNK, left))
                if not chunk:
                    raise EOFError(info.filename)
                self._put(chunk)
                left -= len(chunk)

    def add(self, name: str, blob: Blob, like: zipfile.ZipInfo | None = None) -> None:
        """A rewritten part (in the place and with the dates of ``like``) or a new one."""
        blob.finish()
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8
        stamp = _dos_time(like.date_time if like is not None else self._now)
        external = like.external_attr if like is not None else 0o600 << 16
        self._entry(
            _Entry(
                name=encoded,
                flags=flags,
                method=zipfile.ZIP_DEFLATED,
                stamp=stamp,
                crc=blob.crc,
                compressed=blob.compressed,
                size=blob.size,
                external=external,
            )
        )
        blob.file.seek(0)
        while chunk := blob.file.read(CHUNK):
            self._put(chunk)

    def close(self) -> None:
        """Write the central directory and its end (Zip64 records where needed)."""
        start = self.offset
        for record in self._central:
            self._put(record)
        size = self.offset - start
        count = len(self._central)
        if count >= 0xFFFF or start >= _LIMIT or size >= _LIMIT:
            end64 = self.offset
            self._put(_END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, start))
            self._put(_LOCATOR64.pack(b"PK\x06\x07", 0, end64, 1))
        self._put(
            _END.pack(
                b"PK\x05\x06",
                0,
                0,
                min(count, 0xFFFF),
                min(count, 0xFFFF),
                min(size, _LIMIT),
                min(start, _LIMIT),
                0,
            )
        )


def blob_of(folder: Path, pieces: Iterable[bytes]) -> Blob:
    """A finished blob of ``pieces``."""
    blob = Blob(folder)
    try:
        for piece in pieces:
            blob.write(piece)
        return blob.finish()
    except BaseException:
        blob.close()
        raise
