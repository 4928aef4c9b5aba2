"""The pictures an Office binary file's stream holds whole (internal): PNG, JPEG, GIF and BMP
found by their signatures, EMF and WMF kept as OfficeArt blips ([MS-ODRAW] 2.2.24), as a
.doc's and a .ppt's streams keep them.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator

__all__ = ["metafiles", "pictures", "raster_blips"]

#: Where a picture starts in a stream: PNG, JPEG, GIF, BMP.
_PICTURE = re.compile(rb"\x89PNG\r\n\x1a\n|\xff\xd8\xff|GIF8[79]a|BM(?=.{4}\x00\x00\x00\x00)", re.S)


def pictures(data: bytes) -> Iterator[bytes]:
    """The pictures a stream holds whole (PNG, JPEG, GIF, BMP), found by their signatures.

    >>> from zfgk.documents._olepictures import pictures
    >>> png = b"\\x89PNG\\r\\n\\x1a\\n" + bytes(8) + b"IEND" + bytes(4)
    >>> list(pictures(b"before" + png + b"after")) == [png]
    True
    """
    at = 0
    while (m := _PICTURE.search(data, at)) is not None:
        start = m.start()
        end = _picture_end(data, start)
        if end is None:
            at = start + 1
            continue
        yield data[start:end]
        at = end


#: An OfficeArt blip of a device-independent bitmap or a TIFF ([MS-ODRAW] 2.2.29, 2.2.30):
#: its ver/instance (DIB 0x7A8/0x7A9, TIFF 0x6E4/0x6E5) and its type, then its length.
_RASTER_BLIP = re.compile(rb"(?:[\x80\x90]\x7a\x1f|[\x40\x50]\x6e\x29)\xf0(.{4})", re.S)


def raster_blips(data: bytes) -> Iterator[bytes]:
    """The bitmaps (DIB, made a BMP file) and TIFF pictures a stream keeps as OfficeArt
    blips, which carry no file signature of their own: PowerPoint 97-2003 and Word keep a
    pasted bitmap so.

    >>> import struct
    >>> from zfgk.documents._olepictures import raster_blips
    >>> info = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, 4, 0, 0, 0, 0) + bytes(4)
    >>> blip = struct.pack("<HHI", 0x7A80, 0xF01F, 17 + len(info)) + bytes(17) + info
    >>> [bmp[:2] for bmp in raster_blips(b"x" + blip)], len(next(raster_blips(blip)))
    ([b'BM'], 58)
    """
    for m in _RASTER_BLIP.finditer(data):
        (length,) = struct.unpack("<I", m.group(1))
        head = m.start()
        instance = struct.unpack_from("<H", data, head)[0] >> 4
        start = head + 8 + (32 if instance & 1 else 16) + 1  # its one or two ids, and a tag
        end = head + 8 + length
        if end > len(data) or start + 16 > end:
            continue
        body = data[start:end]
        if data[head + 2] == 0x29:  # a TIFF file, as it stands
            yield body
            continue
        size, _, _, _, bits, compression, _, _, _, used = struct.unpack_from("<IiiHHIIiiI", body)
        if size < 12 or size > len(body):
            continue
        colours = used or (1 << bits if bits <= 8 else 0)
        masks = 12 if compression == 3 and size == 40 else 0  # BI_BITFIELDS
        offset = 14 + size + masks + 4 * colours
        yield b"BM" + struct.pack("<IHHI", 14 + len(body), 0, 0, offset) + body


#: An OfficeArt record of a metafile picture (its type: EMF, WMF), ver/instance before it.
_BLIP = re.compile(rb"[\x1a\x1b]\xf0")
#: The instances of an EMF and a WMF blip (one identifier; the odd ones have two).
_METAFILE_INSTANCES = frozenset({0x3D4, 0x3D5, 0x216, 0x217})
#: The largest metafile inflated.
_MAX_METAFILE = 64 << 20


def metafiles(data: bytes) -> Iterator[bytes]:
    """The EMF and WMF pictures a stream holds as OfficeArt blips ([MS-ODRAW] 2.2.24): a
    record header, one or two identifiers, a header of sizes, then the metafile, deflated
    or not.

    >>> import struct
    >>> from zfgk.documents._olepictures import metafiles
    >>> emf = bytes([1, 0, 0, 0]) + bytes(36) + b" EMF"
    >>> head = bytes(16) + struct.pack("<I", len(emf)) + bytes(24) + struct.pack("<I", len(emf))
    >>> blip = head + b"\\xfe\\x00" + emf
    >>> list(metafiles(struct.pack("<HHI", 0x3D4 << 4, 0xF01A, len(blip)) + blip)) == [emf]
    True
    """
    for m in _BLIP.finditer(data):
        at = m.start() - 2
        if at < 0 or at + 8 > len(data):
            continue
        version, _, size = struct.unpack_from("<HHI", data, at)
        instance = version >> 4
        if version & 0xF or instance not in _METAFILE_INSTANCES:
            continue
        body = data[at + 8 : at + 8 + size]
        head = 16 * (2 if instance & 1 else 1)
        if len(body) < head + 34 or len(body) != size:
            continue
        whole, saved = (
            struct.unpack_from("<I", body, head)[0],
            struct.unpack_from("<I", body, head + 28)[0],
        )
        compression = body[head + 32]
        stored = body[head + 34 : head + 34 + saved]
        if compression == 0xFE:
            yield stored
        elif compression == 0 and whole <= _MAX_METAFILE:
            inflater = zlib.decompressobj()
            try:
                picture = inflater.decompress(stored, _MAX_METAFILE)
            except zlib.error:
                continue
            yield picture


def _jpeg_end(data: bytes, start: int) -> int | None:
    """Where a JPEG ends: its segments walked to the first scan (a thumbnail in an APP1
    segment ends with FF D9 too), then the first FF D9 (entropy-coded data never holds
    one)."""
    at = start + 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill bytes
            at += 1
            continue
        if marker == 0xDA:  # the first scan
            end = data.find(b"\xff\xd9", at + 2)
            return None if end < 0 else end + 2
        if 0xD0 <= marker <= 0xD8 or marker == 0x01:  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack_from(">H", data, at + 2)
        at += 2 + length
    return None


def _picture_end(data: bytes, start: int) -> int | None:
    head = data[start : start + 4]
    if head.startswith(b"\x89PNG"):
        end = data.find(b"IEND", start)
        return None if end < 0 else end + 8
    if head.startswith(b"\xff\xd8"):
        return _jpeg_end(data, start)
    if head.startswith(b"GIF8"):
        end = data.find(b"\x00;", start + 13)
        return None if end < 0 else end + 2
    if head.startswith(b"BM") and start + 6 <= len(data):
        (size,) = struct.unpack_from("<I", data, start + 2)
        return start + size if 26 < size <= len(data) - start else None
    return None
