"""Files that hold other files, read as one document (internal).

A mail's attachments (:mod:`zfgk.documents._mime`), a zip's members
(:mod:`zfgk.documents._archive`), an OFD's attachments: each is opened as
what it is (:func:`~zfgk.documents.open_document` on a copy in a temporary
folder), its places nested under its name (``附件.zip/名单.xlsx: 名单!C3``).
Before a member is read, the limits are checked: none past
:data:`~zfgk.documents.MAX_SIZE` or inflating more than
:data:`~zfgk.formats.MAX_RATIO` times its packed size (past 1 MiB), at most
:data:`~zfgk.formats.MAX_INFLATED` bytes in all, counted across every level,
and no more than :data:`MAX_DEPTH` containers one inside another.  A member
past a limit, or that cannot be read, is listed as not read: the container
is then "cannot check".

The container's own texts and its members' texts are read as one text
(:class:`Joined`), a line break between two pieces; the members' sheets
follow, each named with its member.  Writing back changes each member that
has a change through the member's own writer, on a temporary copy; the
container puts the new bytes in place of the old member.
"""

from __future__ import annotations

import bisect
import contextvars
import shutil
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Protocol

import attrs

from zfgk._arguments import quiet
from zfgk.documents._parts import (
    CellEdits,
    Document,
    Location,
    Lost,
    Sheet,
    Text,
    TextEdits,
    Unread,
)
from zfgk.errors import DocumentError, MaskUnsupportedError, ZfgkError
from zfgk.formats import MAX_INFLATED, MAX_RATIO, Kind
from zfgk.i18n import N_, Message, os_reason

__all__ = ["MAX_DEPTH", "Container", "Joined", "Member", "Piece", "whole"]

#: The most containers one inside another (a zip in a mail in a zip …).
MAX_DEPTH = 4
_MIB = 1 << 20
#: Members larger than this must not inflate more than MAX_RATIO times their size.
RATIO_FLOOR = _MIB
_CHUNK = 1 << 16
#: The longest name a member's temporary copy keeps (a file system allows 255 bytes).
_LONGEST_NAME = 120
#: Why a member that cannot be inflated is not read.
CANNOT_INFLATE = N_(
    "cannot be inflated (damaged, or packed in a way zfgk cannot unpack); zip the files again"
)
#: Why a member whose reader broke off is not read.
_DAMAGED = N_(
    "cannot be read: the file is damaged, or of a shape zfgk does not know; check it on its own"
)
#: What inflating a damaged member raises.
_INFLATE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
#: The kinds zfgk writes back as another kind (an .xlsx): not in place inside a container.
_CONVERTED = frozenset({Kind.XLS, Kind.ODS, Kind.XLSB})


class Piece(Protocol):
    """A text of a container, and where each of its characters is."""

    @property
    def text(self) -> str: ...

    def locate(self, offset: int) -> Location: ...


class Joined:
    """Several pieces of text read as one, a line break between two: where each character
    is, and which pieces a new text changes."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.starts: list[int] = []
        self._parts: list[str] = []
        self.length = 0

    def add(self, piece: Piece) -> None:
        """Append a piece (an empty one is left out)."""
        if not piece.text:
            return
        if self.length:
            self._parts.append("\n")
            self.length += 1
        self.starts.append(self.length)
        self.pieces.append(piece)
        self._parts.append(piece.text)
        self.length += len(piece.text)

    @property
    def text(self) -> str:
        """The pieces' texts, a line break between two."""
        return "".join(self._parts)

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``: where its piece says it is."""
        if not self.pieces:
            return Location(part="whole file")
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        piece = self.pieces[i]
        return piece.locate(max(0, min(offset - self.starts[i], len(piece.text) - 1)))

    def changed(self, old: str, new: str, path: Path) -> list[tuple[Piece, str]]:
        """Each piece whose text ``new`` changes, with its new text."""
        found = []
        for start, piece in zip(self.starts, self.pieces, strict=True):
            end = start + len(piece.text)
            if start and new[start - 1] != "\n":
                raise DocumentError.of(
                    N_(
                        "{path}: a character zfgk cannot trace back to the file (a line break "
                        "it put between blocks) cannot be changed"
                    ),
                    path=path,
                )
            if new[start:end] != old[start:end]:
                found.append((piece, new[start:end]))
        return found


@attrs.frozen
class _MemberText:
    """A text of a member's document, as a piece of its container."""

    member: int
    name: str
    inner: Text

    @property
    def text(self) -> str:
        return self.inner.text

    def locate(self, offset: int) -> Location:
        return self.inner.locate(offset).inside(self.name)


@attrs.define
class _Budget:
    """What is left to read below the outermost container: levels and bytes."""

    depth: int
    left: int


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "zfgk_container_budget", default=None
)


@attrs.define(eq=False)
class Member:
    """A file inside a container: its name there, and its document (None if not read)."""

    index: int
    name: str
    document: Document | None
    #: Whether the texts and unread parts its sheets bring were taken up.
    drained: bool = False


def whole(name: str) -> Location:
    """The whole of a member, named without a long number its name may hold."""
    return Location(part="whole file").inside(quiet(name))


def _nested(name: str, inner: str | None) -> str:
    return name if inner is None else f"{name}/{inner}"


def _reason(error: ZfgkError, copy_path: Path, name: str) -> Message:
    """What ``error`` says of a member's temporary copy, said of the member."""
    if error.template is None:
        return Message("{reason}", reason=str(error).replace(str(copy_path), name))
    params = {
        key: (name if isinstance(value, (str, Path)) and str(value) == str(copy_path) else value)
        for key, value in error.params
    }
    return Message(error.template, **params)


def _alive(reference: weakref.ref[Document]) -> Document:
    """The document a weak reference names, while its own method runs (it is alive then)."""
    document = reference()
    assert document is not None
    return document


class Container:
    """The texts of a file and the documents of the files it holds, made one document.

    A reader adds its own pieces of text (:meth:`add_text`) and its members
    (:meth:`add_member`, each opened as what it is), then makes the
    :meth:`document`.  Members' copies live in a temporary folder removed
    when the document is no longer used.
    """

    def __init__(self, path: Path, kind: Kind) -> None:
        self.path = path
        self.kind = kind
        self.joined = Joined()
        self.unread: list[Unread] = []
        self.members: list[Member] = []
        self._folder: Path | None = None
        #: Removes the folder: when this container is dropped (a reader that failed before
        #: making its document), or, once the document is made, when the document is.
        self._cleanup: weakref.finalize[..., object] | None = None
        self._budget = _BUDGET.get()
        if self._budget is None:
            self._budget = _Budget(0, MAX_INFLATED)

    @property
    def depth(self) -> int:
        """How many containers this one is inside."""
        assert self._budget is not None
        return self._budget.depth

    def add_text(self, piece: Piece) -> None:
        """One of the container's own texts (a mail's body, an archive's comment)."""
        self.joined.add(piece)

    def not_read(self, where: Location, reason: Message) -> None:
        """A part that could hold text and was not read."""
        self.unread.append(Unread(where, reason))

    def fits(self, name: str, size: int, packed: int | None = None) -> bool:
        """Whether a member of ``size`` bytes (``packed`` in the archive) may be read; if not,
        it is listed as not read, with why."""
        from zfgk.documents._readers import MAX_SIZE

        assert self._budget is not None
        where = whole(name)
        if self._budget.depth >= MAX_DEPTH:
            self.not_read(
                where,
                Message(
                    N_(
                        "a file inside {depth} others, deeper than zfgk reads: unpack it and "
                        "check it on its own"
                    ),
                    depth=self._budget.depth,
                ),
            )
            return False
        bomb = packed is not None and size > RATIO_FLOOR and size > MAX_RATIO * max(packed, 1)
        if size > MAX_SIZE or size > self._budget.left or bomb:
            self.not_read(
                where,
                Message(
                    N_(
                        "not read: it would inflate to {size} MiB (more than zfgk reads, or "
                        "more than {ratio} times its packed size: a zip bomb?); unpack it and "
                        "check it on its own"
                    ),
                    size=size // _MIB,
                    ratio=MAX_RATIO,
                ),
            )
            return False
        return True

    def add_member(self, name: str, source: bytes | IO[bytes]) -> Member:
        """Open a file the container holds (its bytes, or a stream of them) as what it is."""
        from zfgk.documents._readers import MAX_SIZE, open_document

        assert self._budget is not None
        index = len(self.members)
        shown = quiet(name)
        folder = self._temporary() / str(index)
        folder.mkdir()
        copy_path = folder / _copy_name(name)
        try:
            with copy_path.open("wb") as f:
                if isinstance(source, bytes):
                    f.write(source)
                    size = len(source)
                else:
                    size = _copy(source, f, min(MAX_SIZE, self._budget.left))
        except _INFLATE_ERRORS:
            self.not_read(whole(name), Message(CANNOT_INFLATE))
            member = Member(index, shown, None)
            self.members.append(member)
            return member
        except OSError as e:
            self.not_read(
                whole(name),
                Message(
                    N_("a temporary copy cannot be written: {strerror}"),
                    strerror=os_reason(e),
                ),
            )
            member = Member(index, shown, None)
            self.members.append(member)
            return member
        if size < 0:  # it inflated past what was declared, and past the limits
            self.fits(name, self._budget.left + 1)
            member = Member(index, shown, None)
            self.members.append(member)
            return member
        self._budget.left -= size
        token = _BUDGET.set(_Budget(self._budget.depth + 1, self._budget.left))
        document: Document | None = None
        try:
            document = open_document(copy_path)
        except ZfgkError as e:
            self.not_read(whole(name), _reason(e, copy_path, shown))
        except Exception:
            self.not_read(whole(name), Message(_DAMAGED))
        finally:
            inner = _BUDGET.get()
            _BUDGET.reset(token)
            if inner is not None:
                self._budget.left = inner.left  # what the members inside it read counts too
        member = Member(index, shown, document)
        self.members.append(member)
        if document is not None:
            for text in document.texts:
                self.joined.add(_MemberText(index, shown, text))
            self._take_unread(member, 0)
        return member

    def _take_unread(self, member: Member, start: int) -> None:
        assert member.document is not None
        for gap in member.document.unread[start:]:
            self.unread.append(Unread(gap.location.inside(member.name), gap.reason))

    def _temporary(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="zfgk-"))
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._folder, True)
        return self._folder

    def document(
        self, writer: Callable[[Document, Path, TextEdits, CellEdits], Lost] | None
    ) -> Document:
        """The container's document: one text of every piece, the members' sheets, what was
        not read; written back by ``writer`` (None: it cannot be)."""
        texts = [Text(self.joined.text, self.joined, key=0)] if self.joined.pieces else []
        document = Document(self.path, self.kind, texts, self.unread, writer=writer)
        document.details["members"] = tuple(m.name for m in self.members)
        if any(m.document is not None for m in self.members):
            # the document by a weak reference: one it holds itself would make a cycle, and
            # its members' copies would wait for the garbage collector (never, in a worker
            # that ends without it) rather than go with the document
            own = weakref.ref(document)
            document._sheets = lambda: self._sheets(_alive(own))
        if self._folder is not None and self._cleanup is not None and self._cleanup.detach():
            # the members' copies live as long as the document that reads them
            self._cleanup = weakref.finalize(document, shutil.rmtree, self._folder, True)
        return document

    def _sheets(self, document: Document) -> Iterator[Sheet]:
        for member in self.members:
            inner = member.document
            if inner is None:
                continue
            texts, unread = len(inner.texts), len(inner.unread)
            try:
                for sheet in inner.sheets():
                    yield attrs.evolve(
                        sheet,
                        key=(member.index, sheet.key),
                        member=_nested(member.name, sheet.member),
                        rows=self._guarded(sheet.rows, member, document),
                    )
            except Exception as e:
                self._broken(member, document, e)
            if member.drained:
                continue
            member.drained = True
            # Parts a reader finds as it reads the sheets (a workbook's comments, headers).
            for text in inner.texts[texts:]:
                document.texts.append(
                    Text(
                        text.text,
                        _MemberText(member.index, member.name, text),
                        key=(member.index, text.key),
                    )
                )
            for gap in inner.unread[unread:]:
                document.unread.append(Unread(gap.location.inside(member.name), gap.reason))

    def _guarded(
        self,
        rows: Callable[[], Iterator[tuple[int, list[str]]]],
        member: Member,
        document: Document,
    ) -> Callable[[], Iterator[tuple[int, list[str]]]]:
        """A member's rows, read until they break (a damaged part): then that is not read."""

        def guarded() -> Iterator[tuple[int, list[str]]]:
            try:
                yield from rows()
            except Exception as e:
                self._broken(member, document, e)

        return guarded

    def _broken(self, member: Member, document: Document, error: Exception) -> None:
        """A member whose reading broke off: listed as not read, with why, never a traceback."""
        assert member.document is not None
        if isinstance(error, ZfgkError):
            reason = _reason(error, member.document.path, member.name)
        else:
            reason = Message(_DAMAGED)
        document.unread.append(Unread(whole(member.name), reason))

    # ------------------------------------------------------------------ writing back

    def changes(
        self, document: Document, texts: TextEdits, cells: CellEdits
    ) -> tuple[list[tuple[Piece, str]], dict[int, bytes], Lost]:
        """What ``texts`` and ``cells`` change: the container's own pieces with their new
        texts, and the new bytes of each member that changes; what the members' writers lost."""
        own: list[tuple[Piece, str]] = []
        member_texts: dict[int, dict[object, str]] = {}
        member_cells: dict[int, dict[tuple[object, int, int], str]] = {}
        for key, new in texts.items():
            if key == 0 and self.joined.pieces:
                for piece, changed in self.joined.changed(self.joined.text, new, self.path):
                    if isinstance(piece, _MemberText):
                        member_texts.setdefault(piece.member, {})[piece.inner.key] = changed
                    else:
                        own.append((piece, changed))
            elif isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], int):
                member_texts.setdefault(key[0], {})[key[1]] = new
            else:
                raise ValueError(f"no text {key!r} in the document")
        for (sheet, row, column), value in cells.items():
            if not (isinstance(sheet, tuple) and len(sheet) == 2 and isinstance(sheet[0], int)):
                raise ValueError(f"no sheet {sheet!r} in the document")
            member_cells.setdefault(sheet[0], {})[(sheet[1], row, column)] = value
        rewritten: dict[int, bytes] = {}
        lost: list[Message | str] = []
        for index in sorted(set(member_texts) | set(member_cells)):
            data, gone = self._rewrite(
                self.members[index], member_texts.get(index, {}), member_cells.get(index, {})
            )
            rewritten[index] = data
            lost.extend(gone)
        return own, rewritten, tuple(lost)

    def _rewrite(
        self, member: Member, texts: Mapping[object, str], cells: CellEdits
    ) -> tuple[bytes, Lost]:
        """The member written by its own writer with ``texts`` and ``cells`` changed."""
        inner = member.document
        assert inner is not None
        shown = f"{self.path}/{member.name}"
        if inner.kind in _CONVERTED and cells:
            raise MaskUnsupportedError.of(
                N_(
                    "{path}: {kind} is written back by zfgk only as an .xlsx, so not in place "
                    "inside the file that holds it: take it out, mask it, and put the masked "
                    "copy back"
                ),
                path=shown,
                kind=Message(inner.kind.label),
            )
        output = inner.path.with_name(f".masked{inner.path.suffix}")
        try:
            lost = inner.write(output, texts=dict(texts), cells=cells)
            return output.read_bytes(), lost
        except ZfgkError as e:
            raise type(e).of("{reason}", reason=_reason(e, inner.path, shown)) from None
        except OSError as e:
            raise MaskUnsupportedError.of(
                N_("{path}: a temporary copy cannot be written: {strerror}"),
                path=shown,
                strerror=os_reason(e),
            ) from None
        finally:
            output.unlink(missing_ok=True)


def _copy(source: IO[bytes], target: IO[bytes], limit: int) -> int:
    """Copy ``source`` into ``target``; the bytes copied, or -1 past ``limit``."""
    size = 0
    while chunk := source.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            return -1
        target.write(chunk)
    return size


def _copy_name(name: str) -> str:
    """The name of a member's temporary copy: its own (what it is may depend on it)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "")
    if base in ("", ".", "..") or len(base.encode("utf-8", "surrogateescape")) > _LONGEST_NAME:
        suffix = Path(base).suffix if len(Path(base).suffix) <= 16 else ""
        return f"member{suffix}"
    return base
