"""Comments on marked cells: the comments part and its legacy VML drawing, written as they stream.

Each marked cell gets a comment (its problems, one a line) whose box sits
beside it, sized to its text, as Excel places one: from the column to its
right, the row above.  A sheet that has comments keeps them: a marked cell's
own comment stays under the problems, the others as they were.  Both parts
are built in temporary files, so a sheet with a comment on every row keeps
memory flat.
"""

from __future__ import annotations

import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from zfgk.workbooks._xml import cell_name, escape_text

__all__ = ["CommentsWriter", "Layout", "vml_blocks"]

AUTHOR = "zfgk"
#: A comment box: its width in pixels and the text that fits on one of its lines (in
#: half-widths: a Chinese character is two), the height of a line, the most height.
_WIDTH, _LINE, _LINE_HEIGHT, _MAX_HEIGHT = 300, 40, 18, 400
#: Pixels: the room between a cell and its box.
_GAP = 15
#: A box is placed once the rows it may cover have been read (or the sheet ends).
_ROWS_AHEAD = 64
_SHAPES_PER_BLOCK = 1024
#: Comments and shapes written to their files at a time (and box heights remembered).
_BATCH = 1024

_VML_NAMESPACES = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel"'
)
_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
_IDMAP = re.compile(rb"""(<(?:\w+:)?idmap\b[^>]*\bdata\s*=\s*["'])([^"']*)(["'])""")
_SHAPE_ID = re.compile(rb"_x0000_s(\d+)")
_BLOCKS = re.compile(rb"""<(?:\w+:)?idmap\b[^>]*\bdata\s*=\s*["']([^"']*)["']""")
_COMMENT = re.compile(rb"<((?:\w+:)?)comment\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?comment\s*>)", re.S)
_AUTHORS = re.compile(rb"<((?:\w+:)?)authors\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?authors\s*>)", re.S)
_AUTHOR = re.compile(rb"<(?:\w+:)?author\b[^>]*>(.*?)</(?:\w+:)?author\s*>", re.S)
_LIST_START = re.compile(rb"<(?:\w+:)?commentList\b[^>]*?(/?)>")
_TEXT = re.compile(rb"<((?:\w+:)?)text\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?text\s*>)", re.S)
_BARE_T = re.compile(rb"^\s*(<(?:\w+:)?t\b[^>]*?(?:/>|>.*?</(?:\w+:)?t\s*>))", re.S)


def vml_blocks(data: bytes) -> set[int]:
    """The blocks of shape ids (of 1024) a VML drawing uses."""
    blocks: set[int] = set()
    for found in _BLOCKS.findall(data):
        blocks.update(int(n) for n in re.findall(rb"\d+", found))
    blocks.update(int(n) // _SHAPES_PER_BLOCK for n in _SHAPE_ID.findall(data))
    return blocks


def _half_widths(text: str) -> int:
    return sum(1 if ch.isascii() else 2 for ch in text)


def box_height(text: str) -> int:
    """The height in pixels of a box showing ``text`` 300 pixels wide.

    >>> from zfgk.workbooks._comments import box_height
    >>> box_height("姓名为空"), box_height("；".join(["身份证号未隐藏出生日期"] * 8))
    (30, 102)
    """
    lines = sum(max(1, -(-_half_widths(line) // _LINE)) for line in text.split("\n"))
    return min(_MAX_HEIGHT, lines * _LINE_HEIGHT + 12)


@attrs.define
class Layout:
    """The sizes of a sheet's columns and rows, in pixels, as its XML gives them."""

    widths: dict[int, int] = attrs.Factory(dict)
    default_width: int = 64
    default_height: int = 20
    heights: dict[int, int] = attrs.Factory(dict)

    def column(self, column: int) -> int:
        """The width of a column counted from 0."""
        return self.widths.get(column + 1, self.default_width)

    def row(self, row: int) -> int:
        """The height of a row counted from 0."""
        return self.heights.get(row + 1, self.default_height)


def _span(first: int, pixels: int, size: Callable[[int], int]) -> tuple[int, int]:
    """Where ``pixels`` from the start of ``first`` end: the column (or row), the offset in it."""
    index = first
    while pixels > size(index):
        pixels -= size(index)
        index += 1
    return index, pixels


@attrs.define
class _Pending:
    row: int
    column: int
    height: int


class CommentsWriter:
    """A sheet's comments and VML shapes, written as marks come, in row order."""

    def __init__(
        self,
        folder: Path,
        layout: Layout,
        first_block: int,
        existing: bytes | None,
        *,
        declare: bool = False,
    ) -> None:
        self.layout = layout
        self.block = first_block
        self.blocks = [first_block]
        self.shapes = 0
        self.count = 0
        # Both live until close(): the parts are assembled from them after the sheet.
        self._comments = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._vml = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._pending: deque[_Pending] = deque()
        self._comment_batch: list[bytes] = []
        self._vml_batch: list[bytes] = []
        self._heights: dict[str, int] = {}
        self._rights: dict[int, tuple[int, int]] = {}
        self._existing = _Existing(existing) if existing is not None else None
        # Shapes added to a drawing the sheet has declare their own namespaces.
        self._namespaces = declare

    def add(self, row: int, column: int, text: str) -> None:
        """A comment holding ``text`` on the cell (row, column), both from 1."""
        ref = cell_name(row, column)
        self.count += 1
        if self._existing is not None and self._existing.merge(ref, text):
            return  # the officer's comment keeps its box, now with the problems above
        author = self._existing.author if self._existing is not None else 0
        self._comment_batch.append(_comment(ref, author, text))
        if len(self._comment_batch) >= _BATCH:
            self._comments.write(b"".join(self._comment_batch))
            self._comment_batch.clear()
        height = self._heights.get(text)
        if height is None:
            if len(self._heights) >= _BATCH:
                self._heights.clear()
            height = self._heights[text] = box_height(text)
        self._pending.append(_Pending(row - 1, column - 1, height))

    def row_seen(self, row: int, height: int | None) -> None:
        """Row ``row`` (from 1) has been read, ``height`` pixels high if not the default."""
        heights = self.layout.heights
        if height is not None and height != self.layout.default_height:
            heights[row] = height
        pending = self._pending
        if pending and pending[0].row + _ROWS_AHEAD < row:
            self._place(row - _ROWS_AHEAD)
        if len(heights) > 4 * _ROWS_AHEAD:  # only the rows a box may still cover are kept
            low = (pending[0].row if pending else row) - 1
            for old in [r for r in heights if r < low]:
                del heights[old]

    def _place(self, before: int | None) -> None:
        """Write the VML of the boxes of rows above ``before`` (all, if None)."""
        pending, batch = self._pending, self._vml_batch
        while pending and (before is None or pending[0].row < before):
            batch.append(self._shape(pending.popleft()))
        if len(batch) >= _BATCH or before is None:
            self._vml.write(b"".join(batch))
            batch.clear()

    def _shape(self, box: _Pending) -> bytes:
        block, place = divmod(self.shapes, _SHAPES_PER_BLOCK - 1)
        if self.block < self.blocks[0] + block:
            self.block += 1
            self.blocks.append(self.block)
        self.shapes += 1
        number = self.block * _SHAPES_PER_BLOCK + place + 1
        top = max(box.row - 1, 0)
        right = self._rights.get(box.column)
        if right is None:  # the columns' widths do not change: one walk a column
            right = self._rights[box.column] = _span(
                box.column + 1, _WIDTH + _GAP, self.layout.column
            )
        layout = self.layout
        if layout.heights:
            bottom = _span(top, box.height + 10, layout.row)
        else:  # every row the default height
            rows, rest = divmod(box.height + 10, layout.default_height)
            bottom = (top + rows, rest) if rest else (top + rows - 1, layout.default_height)
        anchor = (
            f"{box.column + 1}, {_GAP}, {top}, 10, {right[0]}, {right[1]}, {bottom[0]}, {bottom[1]}"
        )
        spaces = " " + _VML_NAMESPACES if self._namespaces else ""
        return (
            f'<v:shape id="_x0000_s{number}" type="#_x0000_t202"{spaces} '
            'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;'
            f'width:{_WIDTH}px;height:{box.height}px;z-index:{self.shapes};visibility:hidden" '
            'fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
            '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
            '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>"
            f"<x:Row>{box.row}</x:Row><x:Column>{box.column}</x:Column></x:ClientData>"
            "</v:shape>"
        ).encode()

    def comments_part(self) -> Iterator[bytes]:
        """The comments part, whole."""
        self._comments.write(b"".join(self._comment_batch))
        self._comment_batch.clear()
        if self._existing is not None:
            yield from self._existing.written(self._comments)
            return
        yield (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<authors><author>" + AUTHOR.encode() + b"</author></authors><commentList>"
        )
        yield from _contents(self._comments)
        yield b"</commentList></comments>"

    def vml_part(self, existing: bytes | None) -> Iterator[bytes]:
        """The VML drawing, whole: ``existing`` (the sheet's own) with the shapes added, or new."""
        self._place(None)
        blocks = ",".join(map(str, self.blocks)).encode()
        if existing is not None:
            data = existing
            idmap = _IDMAP.search(data)
            if idmap is not None:
                data = data[: idmap.end(2)] + b"," + blocks + data[idmap.end(2) :]
            end = data.rfind(b"</")
            yield data[:end]
            if b'id="_x0000_t202"' not in data:
                spaces = " " + _VML_NAMESPACES if self._namespaces else ""
                yield _SHAPETYPE.replace("<v:shapetype ", f"<v:shapetype{spaces} ", 1).encode()
            yield from _contents(self._vml)
            yield data[end:]
            return
        yield (
            f'<xml {_VML_NAMESPACES}><o:shapelayout v:ext="edit">'
            f'<o:idmap v:ext="edit" data="{blocks.decode()}"/></o:shapelayout>{_SHAPETYPE}'
        ).encode()
        yield from _contents(self._vml)
        yield b"</xml>"

    def close(self) -> None:
        self._comments.close()
        self._vml.close()


def _contents(file: BinaryIO) -> Iterator[bytes]:
    file.seek(0)
    while chunk := file.read(1 << 20):
        yield chunk


def _run(text: str) -> bytes:
    return (
        b'<r><rPr><sz val="9"/><color indexed="81"/><rFont val="\xe5\xae\x8b\xe4\xbd\x93"/>'
        b'<charset val="134"/></rPr><t xml:space="preserve">'
        + escape_text(text).encode("utf-8")
        + b"</t></r>"
    )


def _comment(ref: str, author: int, text: str) -> bytes:
    return (
        f'<comment ref="{ref}" authorId="{author}" shapeId="0"><text>'.encode()
        + _run(text)
        + b"</text></comment>"
    )


class _Existing:
    """A sheet's comments part as it was: its authors and comments, the marked ones merged."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        authors = _AUTHORS.search(data)
        names = list(_AUTHOR.findall(authors[2] or b"")) if authors is not None else []
        self.add_author = AUTHOR.encode() not in names
        self.author = names.index(AUTHOR.encode()) if not self.add_author else len(names)
        self.comments = {}
        for match in _COMMENT.finditer(data):
            ref = re.search(rb"""\bref\s*=\s*["']([^"']*)["']""", match[2])
            if ref is not None:
                self.comments[ref[1].decode("utf-8", "replace").upper()] = match
        self.merged: dict[int, bytes] = {}

    def merge(self, ref: str, text: str) -> bool:
        """Put ``text`` above the comment on ``ref``, if it has one."""
        match = self.comments.get(ref)
        if match is None:
            return False
        prefix = match[1]
        body = match[3] or b""
        found = _TEXT.search(body)
        inner = (found[2] or b"") if found is not None else b""
        bare = _BARE_T.match(inner)
        if bare is not None:  # <text><t>…</t>: the officer's text becomes a run after ours
            inner = b"<" + prefix + b"r>" + bare[1] + b"</" + prefix + b"r>" + inner[bare.end() :]
        ours = _run(text + "\n\n")
        if prefix:
            ours = re.sub(rb"<(/?)(?!\w+:)(\w)", rb"<\1" + prefix + rb"\2", ours)
        tag = re.sub(
            rb"""\bauthorId\s*=\s*["'][^"']*["']""", f'authorId="{self.author}"'.encode(), match[2]
        )
        new_text = b"<" + prefix + b"text>" + ours + inner + b"</" + prefix + b"text>"
        rest = body[found.end() :] if found is not None else b""
        head = body[: found.start()] if found is not None else b""
        self.merged[match.start()] = (
            b"<"
            + prefix
            + b"comment"
            + tag
            + b">"
            + head
            + new_text
            + rest
            + b"</"
            + prefix
            + b"comment>"
        )
        return True

    def written(self, new: BinaryIO) -> Iterator[bytes]:
        data = self.data
        out = []
        position = 0
        for start, replacement in sorted(self.merged.items()):
            end = _COMMENT.match(data, start)
            assert end is not None
            out.append(data[position:start])
            out.append(replacement)
            position = end.end()
        data = b"".join(out) + data[position:]
        authors = _AUTHORS.search(data)
        if self.add_author and authors is not None:
            p = authors[1]
            author = b"<" + p + b"author>" + AUTHOR.encode() + b"</" + p + b"author>"
            whole = authors[0]
            if whole.endswith(b"/>"):
                made = whole[:-2].rstrip() + b">" + author + b"</" + p + b"authors>"
            else:
                close = whole.rfind(b"</")
                made = whole[:close] + author + whole[close:]
            data = data[: authors.start()] + made + data[authors.end() :]
        listed = _LIST_START.search(data)
        if listed is None:  # no comment list: one is made before the end
            last = data.rfind(b"</")
            yield data[:last] + b"<commentList>"
            yield from _contents(new)
            yield b"</commentList>" + data[last:]
            return
        if listed[1]:  # <commentList/>
            yield data[: listed.start()] + listed[0][:-2].rstrip() + b">"
            yield from _contents(new)
            yield b"</commentList>" + data[listed.end() :]
            return
        close = data.rfind(b"commentList")
        close = data.rfind(b"</", 0, close)
        yield data[:close]
        yield from _contents(new)
        yield data[close:]
