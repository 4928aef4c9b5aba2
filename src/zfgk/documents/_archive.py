"""Zip archives read member by member, as ``unzip`` gives them, and written back (internal).

Each member is read as what it is, its places nested under its name, a zip
inside read in turn (:class:`~zfgk.documents._container.Container`, which
holds the limits: size, ratio, bytes in all, depth).  Before anything
inflates, the directory is checked: at most :data:`MAX_MEMBERS` members.
A member that is encrypted or cannot be inflated is listed as not read:
the archive is then "cannot check".  The archive's comment, its members'
comments and their names, which ``unzip`` prints, are read too; a name a
Chinese Windows wrote in GBK without saying so is read as GBK.

Masking writes the archive again member by member: each member that
changes through its own writer, every other one as it was, each entry
(its name's bytes, its date, its compression) kept.

OpenDocument and OFD files are zips of XML too: :func:`open_package` opens
them within the same limits, :func:`write_package` writes one back.
"""

from __future__ import annotations

import contextlib
import copy
import re
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

import attrs

from zfgk._arguments import quiet
from zfgk.documents._container import CANNOT_INFLATE, RATIO_FLOOR, Container, whole
from zfgk.documents._parts import CellEdits, Document, Location, Lost, TextEdits
from zfgk.errors import DocumentError
from zfgk.formats import MAX_INFLATED, MAX_RATIO, Kind, atomic_binary
from zfgk.i18n import N_, Message
from zfgk.privacy import find_pii, may_hold_pii

__all__ = ["MAX_MEMBERS", "MAX_PART", "open_package", "read_member", "read_zip", "write_package"]

#: What opening a zip whose directory cannot be read raises.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,  # a zip of a version zipfile does not read
)
#: The most members an archive may have.
MAX_MEMBERS = 10_000
_MIB = 1 << 20
#: An Office package's printer settings (a presentation's, as a zip): the driver's DEVMODE,
#: the printer's and the paper's names and the driver's numbers (PowerPoint for the Mac: a
#: property list).  Read for digits: one holding a run of eleven (a mobile number's length, as
#: for lock files), in UTF-16 or in bytes, is opened (and said unread, as binary data is);
#: every other one holds nothing a person wrote, and is passed over.
_PRINTER_SETTINGS = re.compile(r"(?:.*/)?printerSettings/printerSettings\d*\.bin", re.IGNORECASE)
_DIGITS = re.compile(rb"(?:[0-9]\x00){11}|[0-9]{11}")


# ------------------------------------------------------------------ zip archives


def _member_name(info: zipfile.ZipInfo) -> tuple[str, str | None]:
    """A member's name as the tool that zipped it meant it, and the codec of its bytes (None:
    as zipfile reads it).  A zip made on a Chinese Windows names its members in GBK without
    saying so (Python reads them as code page 437)."""
    if info.flag_bits & 0x800:
        return info.filename, None
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename, None
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return info.filename, None


@attrs.frozen
class _Name:
    """A member's name, which ``unzip -l`` prints."""

    text: str
    entry: int
    codec: str | None

    def locate(self, offset: int) -> Location:
        return Location(part="name").inside(quiet(self.text))

    def renamed(self, new: str) -> str:
        """The new name as zipfile holds it (GBK bytes read as code page 437)."""
        return new if self.codec is None else new.encode(self.codec).decode("cp437")


class _SameName(zipfile.ZipInfo):
    """A member's entry written back with its name in the bytes it had (GBK stays GBK)."""

    __slots__ = ("utf8",)
    utf8: bool

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        if not self.utf8:
            try:
                return self.filename.encode("cp437"), self.flag_bits
            except UnicodeEncodeError:
                pass
        return super()._encodeFilenameFlags()  # type: ignore[misc,no-any-return]


def _same_name(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    entry = _SameName(info.filename, info.date_time)
    for slot in zipfile.ZipInfo.__slots__:
        with contextlib.suppress(AttributeError):
            setattr(entry, slot, copy.copy(getattr(info, slot)))
    entry.utf8 = bool(info.flag_bits & 0x800)
    return entry


@attrs.frozen
class _Comment:
    """The archive's comment, or a member's, which ``unzip`` prints."""

    text: str
    codec: str
    entry: int | None  # None: the archive's own
    name: str | None

    def locate(self, offset: int) -> Location:
        where = Location(part="comment")
        return where if self.name is None else where.inside(self.name)


def _damaged(path: Path) -> DocumentError:
    return DocumentError.of(
        N_(
            "{path}: a damaged or truncated zip archive (its directory cannot be read); "
            "zip the files again"
        ),
        path=path,
    )


def _comment(raw: bytes, entry: int | None, name: str | None) -> _Comment:
    for codec in ("utf-8", "gb18030"):
        try:
            return _Comment(raw.decode(codec), codec, entry, name)
        except UnicodeDecodeError:
            continue
    return _Comment(raw.decode("latin-1"), "latin-1", entry, name)


def read_zip(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A zip archive: every member read as what it is, its places nested under its name."""
    try:
        archive = zipfile.ZipFile(path)
    except _UNREADABLE:
        raise _damaged(path) from None
    with archive:
        return _ZipReader(path, kind, archive).run()


class _ZipReader:
    def __init__(self, path: Path, kind: Kind, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.kind = kind
        self.archive = archive
        self.container = Container(path, kind)
        self.infos = archive.infolist()
        self.names = [_member_name(info) for info in self.infos]
        self.indexes: dict[int, int] = {}  # entry → member

    def run(self) -> Document:
        container = self.container
        if len(self.infos) > MAX_MEMBERS:
            raise DocumentError.of(
                N_(
                    "{path}: refused: the archive has {count} members, more than zfgk reads "
                    "({limit}); unpack it and check the files"
                ),
                path=self.path,
                count=len(self.infos),
                limit=MAX_MEMBERS,
            )
        if self.archive.comment:
            container.add_text(_comment(self.archive.comment, None, None))
        office = any(info.filename == "[Content_Types].xml" for info in self.infos)
        for entry, (info, (name, codec)) in enumerate(zip(self.infos, self.names, strict=True)):
            container.add_text(_Name(name, entry, codec))
            if info.comment:
                container.add_text(_comment(info.comment, entry, name))
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                container.not_read(
                    whole(name),
                    Message(
                        N_(
                            "encrypted: zfgk cannot read it without its password; check the "
                            "files before they are zipped with one"
                        )
                    ),
                )
                continue
            if not container.fits(name, info.file_size, info.compress_size):
                continue
            if _PRINTER_SETTINGS.fullmatch(name) and office and self._no_digits(info):
                continue
            try:
                with self.archive.open(info) as stream:
                    member = container.add_member(name, stream)
            except (
                zipfile.BadZipFile,
                zlib.error,
                NotImplementedError,
                EOFError,
                RuntimeError,
                OSError,
                ValueError,
            ):
                container.not_read(whole(name), Message(CANNOT_INFLATE))
                continue
            self.indexes[entry] = member.index
        return container.document(self.write)

    def _no_digits(self, info: zipfile.ZipInfo) -> bool:
        """Whether a member (printer settings, small) is no file of its own (a zip, an Office
        file, a PDF) and holds no full number, read as bytes and as UTF-16; False where it
        cannot be inflated (it is then opened, and said unread)."""
        try:
            with self.archive.open(info) as stream:
                data = stream.read(_MIB)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError):
            return False
        if len(data) >= _MIB or data.startswith((b"PK", b"\xd0\xcf\x11\xe0")) or b"%PDF" in data:
            return False
        if _DIGITS.search(data) is not None:
            return False
        return not any(
            may_hold_pii(text) and find_pii(text)
            for text in (data.decode("latin-1"), data.decode("utf-16-le", "ignore"))
        )

    def write(self, document: Document, output: Path, texts: TextEdits, cells: CellEdits) -> Lost:
        own, rewritten, lost = self.container.changes(document, texts, cells)
        comments: dict[int | None, bytes] = {}
        names: dict[int, str] = {}
        for piece, new in own:
            if isinstance(piece, _Name):
                names[piece.entry] = piece.renamed(new)
                continue
            assert isinstance(piece, _Comment)
            comments[piece.entry] = new.encode(piece.codec)
        try:
            archive = zipfile.ZipFile(self.path)
        except _UNREADABLE:
            raise _damaged(self.path) from None
        with archive, atomic_binary(output) as f, zipfile.ZipFile(f, "w") as out:
            out.comment = comments.get(None, archive.comment)
            for entry, info in enumerate(archive.infolist()):
                index = self.indexes.get(entry)
                data = rewritten.get(index) if index is not None else None
                if data is None:
                    data = archive.read(info)
                written = _same_name(info)
                written.filename = names.get(entry, info.filename)
                written.comment = comments.get(entry, info.comment)
                out.writestr(written, data)
        return lost


# ------------------------------------------------------------------ packages (.odt, .ofd)


#: The largest XML part of a package read as text.
MAX_PART = 64 * _MIB


def open_package(path: Path, label: str) -> zipfile.ZipFile:
    """A document that is a zip of XML (``label`` names its kind), once its directory shows
    it is no bomb: at most :data:`MAX_MEMBERS` members and
    :data:`~zfgk.formats.MAX_INFLATED` bytes in all, no member past
    :data:`~zfgk.formats.MAX_RATIO` times its packed size (past 1 MiB)."""
    try:
        archive = zipfile.ZipFile(path)
    except _UNREADABLE:
        raise DocumentError.of(
            N_("{path}: a damaged {kind}: it is a zip whose directory cannot be read"),
            path=path,
            kind=Message(label),
        ) from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    bomb = any(
        info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if len(infos) > MAX_MEMBERS or total > MAX_INFLATED or bomb:
        archive.close()
        raise DocumentError.of(
            N_(
                "{path}: refused: the archive would inflate to {size} MiB or more than {ratio} "
                "times its size (a zip bomb?)"
            ),
            path=path,
            size=total // _MIB,
            ratio=MAX_RATIO,
        )
    return archive


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limit: int = MAX_PART
) -> bytes:
    """A member's bytes (a DocumentError if it is larger than ``limit``, damaged or encrypted)."""
    if info.file_size > limit:
        raise DocumentError.of(
            N_("{path}: refused: {member} is larger than {size} MiB"),
            path=path,
            member=info.filename,
            size=limit // _MIB,
        )
    try:
        return archive.read(info)
    except (
        zipfile.BadZipFile,
        zlib.error,
        RuntimeError,
        NotImplementedError,
        OSError,
        EOFError,
        ValueError,  # a name in the member's header that is not what its directory says
    ):
        raise DocumentError.of(
            N_("{path}: the member {member} of the archive cannot be read (damaged or encrypted)"),
            path=path,
            member=info.filename,
        ) from None


def write_package(
    source: Path, output: Path, edited: Mapping[str, bytes], archive: zipfile.ZipFile
) -> None:
    """The package with the ``edited`` members in place of its own; every member else, its
    order and its entry (a stored ``mimetype`` first) kept."""
    with atomic_binary(output) as f, zipfile.ZipFile(f, "w") as out:
        out.comment = archive.comment
        for info in archive.infolist():
            data = edited.get(info.filename)
            if data is None:
                data = read_member(archive, info, source, MAX_INFLATED)
            out.writestr(_same_name(info), data)
