"""Files carried inside a file, read as files of their own (internal).

A PDF carries files in its EmbeddedFiles name tree, in FileAttachment
annotations on its pages and in associated-file arrays (``/AF``); a
workbook carries workbooks in ``xl/embeddings``.  Each is written to a
temporary file and read by the reader of its kind (the function that opens
documents is handed in, so that this module needs no reader); its texts,
sheets and unread parts join the container's document, their places nested
in it (:meth:`~zfgk.documents.Location.inside`: ``公示.pdf`` carrying
``名单.xlsx`` names ``名单.xlsx: 名单!C3``).  What cannot be read (too large,
damaged, nested too deep) is an :class:`~zfgk.documents.Unread` of its own.
"""

from __future__ import annotations

import contextvars
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from zfgk.documents._parts import Document, Location, Sheet, Text, Unread
from zfgk.errors import ZfgkError
from zfgk.i18n import N_, Message

__all__ = [
    "MAX_ATTACHED",
    "Carried",
    "Opened",
    "open_carried",
    "pdf_attachments",
    "read_carried",
    "sheet_texts",
]

#: The largest file carried inside another that is read (in bytes).
MAX_ATTACHED = 64 << 20
#: How deep files inside files inside files are read.
_MAX_NESTING = 4
_NESTING: contextvars.ContextVar[int] = contextvars.ContextVar("zfgk_nesting", default=0)
#: How deep a PDF's name tree is followed.
_MAX_TREE = 32
#: A text shorter than this cannot show a birth date's digits.
_SHORTEST = 7
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]')

Opener = Callable[[Path], Document]


@attrs.frozen
class Carried:
    """A file carried inside another: its name, its bytes (None if they could not be had), why."""

    name: str
    data: bytes | None
    reason: Message | None = None


def read_carried(document: Document, carried: Iterable[Carried], open_document: Opener) -> None:
    """Read each carried file with ``open_document`` and add its parts to ``document``, nested.

    Sheets are read at once (the temporary copy is gone when this returns),
    which the size limit bounds.
    """
    found: list[Sheet] = []
    for inner in open_carried(carried, open_document):
        document.texts.extend(inner.texts)
        document.unread.extend(inner.unread)
        found += inner.sheets
    if found:
        before = document._sheets

        def all_sheets() -> Iterator[Sheet]:
            if before is not None:
                yield from before()
            yield from found

        document._sheets = all_sheets


@attrs.frozen
class Opened:
    """What a carried file gave: its texts, sheets (read) and unread parts, placed inside it."""

    texts: list[Text]
    sheets: list[Sheet]
    unread: list[Unread]


def open_carried(carried: Iterable[Carried], open_document: Opener) -> Iterator[Opened]:
    """Each carried file read with ``open_document``, its places nested in the container."""
    used: dict[str, int] = {}
    for item in carried:
        count = used.get(item.name, 0) + 1
        used[item.name] = count
        name = item.name if count == 1 else f"{item.name} ({count})"
        if item.data is None:
            reason = item.reason or Message(N_("the carried file cannot be read"))
            yield Opened([], [], [Unread(Location(member=name), reason)])
            continue
        if len(item.data) > MAX_ATTACHED:
            reason = Message(
                N_("an attached file larger than {size} MiB: zfgk did not read it"),
                size=MAX_ATTACHED >> 20,
            )
            yield Opened([], [], [Unread(Location(member=name), reason)])
            continue
        if _NESTING.get() >= _MAX_NESTING:
            reason = Message(
                N_("files inside files deeper than {depth}: zfgk did not read it"),
                depth=_MAX_NESTING,
            )
            yield Opened([], [], [Unread(Location(member=name), reason)])
            continue
        token = _NESTING.set(_NESTING.get() + 1)
        try:
            opened = _read_one(name, item.data, open_document)
        finally:
            _NESTING.reset(token)
        yield opened


def _read_one(name: str, data: bytes, open_document: Opener) -> Opened:
    with tempfile.TemporaryDirectory(prefix="zfgk-") as folder:
        copy = Path(folder) / _safe_name(name)
        copy.write_bytes(data)
        try:
            inner = open_document(copy)
            sheets = [_kept(sheet, name) for sheet in inner.sheets()]
        except ZfgkError as e:
            return Opened([], [], [Unread(Location(member=name), _said_of(e, name))])
    texts = [
        Text(text.text, _Inside(text, name), key=("carried", name, index))
        for index, text in enumerate(inner.texts)
    ]
    unread = [Unread(gap.location.inside(name), gap.reason) for gap in inner.unread]
    return Opened(texts, sheets, unread)


def _kept(sheet: Sheet, name: str) -> Sheet:
    """``sheet`` with its rows read, placed inside the carried file ``name``."""
    rows = list(sheet.rows())
    records = list(sheet.records()) if sheet.records is not None else None
    return Sheet(
        sheet.name,
        lambda: iter(rows),
        sheet.first_column,
        sheet.state,
        sheet.merges,
        key=("carried", name, sheet.key),
        records=(lambda: iter(records)) if records is not None else None,
        member=name if sheet.member is None else f"{name}/{sheet.member}",
    )


def sheet_texts(sheet: Sheet) -> Iterator[Text]:
    """The cells of a carried sheet as texts, each at its cell: for a container whose writer
    cannot change a carried file's cells (a workbook embedded in a workbook), so that a
    number there is named and refused, never written back unchanged."""
    anchors = sheet.anchors() if sheet.merges else {}
    for row, values in sheet.rows():
        for index, value in enumerate(values):
            if len(value) >= _SHORTEST and (row, sheet.first_column + index) not in anchors:
                yield Text(value, sheet.cell_name(row, index))


class _Inside:
    """The places of a carried file's text, inside the container."""

    __slots__ = ("member", "text")

    def __init__(self, text: Text, member: str) -> None:
        self.text = text
        self.member = member

    def locate(self, offset: int) -> Location:
        return self.text.locate(offset).inside(self.member)


def _said_of(error: ZfgkError, name: str) -> Message:
    """What ``error`` says of the temporary copy, said of the carried file ``name``."""
    if error.template is None:
        return Message(N_("the carried file cannot be read"))
    params = {k: (name if k == "path" else v) for k, v in error.params}
    return Message(error.template, **params)


def _safe_name(name: str) -> str:
    """A file name for the temporary copy of ``name``, its ending kept."""
    base = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(". ")
    return (base or "attached")[-100:]


# ------------------------------------------------------------------ PDF


def pdf_attachments(reader: Any) -> list[Carried]:
    """Every file a PDF carries: its EmbeddedFiles, FileAttachment annotations and ``/AF``.

    A file reached twice (named in the tree and hung on a page) is read once.
    """
    found: list[Carried] = []
    seen: set[int] = set()
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None:
        tree = names.get_object().get("/EmbeddedFiles")
        if tree is not None:
            for key, spec in _name_tree(tree.get_object(), 0):
                found += _carried(spec, key, seen)
    for spec in _array(root.get("/AF")):
        found += _carried(spec, None, seen)
    for page in reader.pages:
        for spec in _array(page.get("/AF")):
            found += _carried(spec, None, seen)
        for reference in _array(page.get("/Annots")):
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/FileAttachment" and "/FS" in annotation:
                found += _carried(annotation["/FS"], None, seen)
    return found


def _array(value: Any) -> list[Any]:
    if value is None:
        return []
    value = value.get_object()
    return list(value) if isinstance(value, list) else []


def _name_tree(node: Any, depth: int) -> Iterator[tuple[str, Any]]:
    if depth > _MAX_TREE:
        return
    pairs = node.get("/Names")
    if pairs is not None:
        pairs = pairs.get_object()
        for index in range(0, len(pairs) - 1, 2):
            yield _string(pairs[index]), pairs[index + 1]
    for kid in _array(node.get("/Kids")):
        yield from _name_tree(kid.get_object(), depth + 1)


def _string(value: Any) -> str:
    value = value.get_object() if hasattr(value, "get_object") else value
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _carried(reference: Any, key: str | None, seen: set[int]) -> list[Carried]:
    spec = reference.get_object()
    if not hasattr(spec, "get"):  # a file specification that is only a name: nothing inside
        return []
    name = next(
        (_string(spec[k]) for k in ("/UF", "/F", "/DOS", "/Unix") if spec.get(k) is not None),
        key or "attached",
    )
    embedded = spec.get("/EF")
    if embedded is None:
        return []
    embedded = embedded.get_object()
    stream = next((embedded[k] for k in ("/UF", "/F") if embedded.get(k) is not None), None)
    if stream is None:
        return []
    identity = getattr(stream, "idnum", None) or id(stream.get_object())
    if identity in seen:
        return []
    seen.add(identity)
    stream = stream.get_object()
    params = stream.get("/Params")
    size = params.get_object().get("/Size") if params is not None else None
    too_large = Carried(
        name,
        None,
        Message(
            N_("an attached file larger than {size} MiB: zfgk did not read it"),
            size=MAX_ATTACHED >> 20,
        ),
    )
    if isinstance(size, int) and size > MAX_ATTACHED:
        return [too_large]
    try:
        data = stream.get_data()
    except Exception:  # a damaged stream, or one pypdf refuses to inflate (a bomb)
        return [Carried(name, None, Message(N_("the attached file cannot be read (damaged?)")))]
    if len(data) > MAX_ATTACHED:
        return [too_large]
    return [Carried(name, data)]
