"""One worksheet's XML edited as it streams: only the cells asked for change (internal).

The sheet is read a chunk at a time and written on as it is read.  Rows
are found by their start tags; only a row that holds a cell to edit is
taken apart, and in it only that cell: its value and type (a new shared
string, or an inline string in a book without a table of them), its style
index (a marked cell gets the marked copy of its own format), nothing else.
A cell or a row that does not exist is made, in its place.  A formula
replaced by a text is gone (what the cell shows is the new text); the
cells that shared it get it written out in full.  What follows the cells
(merged ranges, print settings, drawings) is kept, with the comments'
drawing added where the schema puts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from zfgk._spill import Spill
from zfgk.errors import InputError
from zfgk.i18n import N_
from zfgk.workbooks._archive import MAX_PART
from zfgk.workbooks._comments import CommentsWriter, Layout
from zfgk.workbooks._strings import NewStrings, References
from zfgk.workbooks._styles import Look, Styles
from zfgk.workbooks._targets import Merge, Severity, Target, Targets
from zfgk.workbooks._xml import (
    RELATIONSHIPS,
    attribute,
    attributes,
    cell_name,
    column_number,
    escape_text,
    prefix_of,
    set_attribute,
    split_ref,
    text_of,
    unescape,
)
from zfgk.workbooks._zipout import Blob

__all__ = ["Edit", "SheetEdit", "read_merges"]

_TAB_SELECTED = re.compile(rb"""\s+tabSelected\s*=\s*["'](?:1|true)["']""")
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["']([^"']+)["']""")
_MERGES_START = re.compile(rb"<(?:\w+:)?mergeCells\b")
_MERGES_END = re.compile(rb"</(?:\w+:)?mergeCells\s*>|<(?:\w+:)?mergeCells\b[^>]*/>")
_COL = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_FORMAT = re.compile(rb"<(?:\w+:)?sheetFormatPr\b[^>]*>")
#: The elements of a worksheet that come after its legacy drawing, in the schema's order.
_AFTER_LEGACY = (
    b"legacyDrawingHF",
    b"drawingHF",
    b"picture",
    b"oleObjects",
    b"controls",
    b"webPublishItems",
    b"tableParts",
    b"extLst",
)
#: The elements that come after pageSetup.
_AFTER_PAGE_SETUP = (
    b"headerFooter",
    b"rowBreaks",
    b"colBreaks",
    b"customProperties",
    b"cellWatches",
    b"ignoredErrors",
    b"smartTags",
    b"drawing",
    b"legacyDrawing",
    *_AFTER_LEGACY,
)
_TOP_TAG = re.compile(
    rb"<(/?)((?:[\w.-]+:)?[\w.-]+)\b[^>]*?(/?)>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S
)
_PROGRESS_EVERY = 10_000
_NONE: list[Target] = []
#: Bytes of cells written at a time.
_BATCH = 1 << 20
_EMPTY_VALUE = re.compile(rb"<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>")


def _number(text: bytes | None) -> float | None:
    """An attribute's number, or None if it has none."""
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _pixels_of_width(width: float) -> int:
    return round(width * 7 + 5)


def read_merges(chunks: Iterator[bytes]) -> list[Merge]:
    """The merged ranges of a sheet, read from its XML as it streams (first read of two)."""
    merges: list[Merge] = []
    tail = b""
    started = False
    for chunk in chunks:
        window = tail + chunk
        if not started:
            found = _MERGES_START.search(window)
            if found is None:
                tail = window[-64:]
                continue
            started = True
            window = window[found.start() :]
        end = _MERGES_END.search(window)
        cut = end.end() if end is not None else max(window.rfind(b"<"), 0)
        for ref in _MERGE.findall(window[:cut]):
            merge = _merge_of(ref.decode("ascii", "replace"))
            if merge is not None:
                merges.append(merge)
        if end is not None:
            break
        tail = window[cut:]
    return merges


def _merge_of(ref: str) -> Merge | None:
    first, _, last = ref.partition(":")
    a, b = split_ref(first), split_ref(last or first)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


@attrs.define
class Listed:
    """A marked cell as the summary sheet lists it."""

    sheet: int
    row: int
    column: int
    severity: Severity
    text: str


@attrs.define
class Edit:
    """What every sheet's edit shares: the new strings, the references, the styles, the tallies."""

    path: Path
    folder: Path
    styles: Styles
    strings: NewStrings | None
    references: References | None
    old: bytearray | None
    collect_old: bool
    progress: Callable[[int], None] | None
    listed_most: int = 500
    rows: int = 0
    changed: int = 0
    marked: int = 0
    references_delta: int = 0
    #: (sheet, cell, its shared string's index or -1, its text or "") of each changed cell,
    #: when asked for, kept on disk past a few thousand: memory flat in the cells changed.
    old_values: Spill[tuple[str, str, int, str]] = attrs.Factory(Spill)
    formulas_removed: set[tuple[int, str]] = attrs.Factory(set)
    listed: list[Listed] = attrs.Factory(list)
    more_listed: int = 0
    #: (index, text) of each old value's shared string, in the order of the strings.
    old_texts: Spill[tuple[int, str]] = attrs.Factory(Spill)

    def row_done(self) -> None:
        self.rows += 1
        if self.progress is not None and self.rows % _PROGRESS_EVERY == 0:
            self.progress(self.rows)


@attrs.define
class _Cell:
    """A cell of a row being edited: where it lies in the row's bytes, its start tag."""

    start: int
    end: int
    tag_end: int
    column: int


class SheetEdit:
    """The edit of one worksheet: stream its XML in, the edited XML out."""

    def __init__(
        self,
        edit: Edit,
        name: str,
        index: int,
        targets: Targets,
        comments: CommentsWriter | None,
        *,
        clear_tab: bool = False,
        comments_at_end: bool = False,
        legacy_id: Callable[[], str] | None = None,
    ) -> None:
        self.edit = edit
        self.name = name
        self.index = index
        self.targets = targets
        self.comments = comments
        self.clear_tab = clear_tab
        self.comments_at_end = comments_at_end
        self.legacy_id = legacy_id
        self.p = b""
        self.r = b"r"
        self.layout = comments.layout if comments is not None else Layout()
        self.column_styles: dict[int, int] = {}
        self.orphans: dict[bytes, tuple[str, str]] = {}
        self.legacy_rid: str | None = None  # the existing legacy drawing's relationship
        self.added_legacy: str | None = None  # the relationship id given to a new one
        self.last_row = 0
        self._batch: list[bytes] = []
        self._batch_size = 0

    # --- the stream -------------------------------------------------------------------------

    def run(self, chunks: Iterator[bytes], out: Blob) -> None:
        """Edit the sheet whose XML ``chunks`` are into ``out``."""
        buffer = b""
        for chunk in chunks:
            buffer += chunk
            start = re.search(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>", buffer)
            if start is not None:
                break
        else:
            raise InputError.of(
                N_("{path}: the sheet {sheet!r} has no cells part (sheetData)"),
                path=self.edit.path,
                sheet=self.name,
            )
        head = buffer[: start.start()]
        self._read_head(head)
        if self.clear_tab:
            head = _TAB_SELECTED.sub(b"", head)
        p = self.p
        tag = start[0][:-2].rstrip() + b">" if start[1] else start[0]
        out.write(head + tag)
        self._out = out
        self._compile()
        if start[1]:  # <sheetData/>: no rows yet
            self._cells_out(self._new_rows(self.targets.rest()))
            self._flush()
            out.write(b"</" + p + b"sheetData>")
            rest = buffer[start.end() :]
        else:
            rest = self._rows(buffer[start.end() :], chunks, out)
        self._tail(rest, chunks, out)

    def _read_head(self, head: bytes) -> None:
        """The prefixes, the columns' widths and styles, the default sizes."""
        main = prefix_of(head, "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
        self.p = main + b":" if main else b""
        r = prefix_of(head, RELATIONSHIPS)
        self.r = r if r else b""
        for tag in _COL.findall(head):
            first, last = attribute(tag, b"min"), attribute(tag, b"max")
            if first is None or not first.isdigit():
                continue
            span = range(int(first), int(last if last and last.isdigit() else first) + 1)
            width = attribute(tag, b"width")
            style = attribute(tag, b"style")
            if len(span) > 16384:
                continue
            pixels = _number(width)
            for column in span:
                if pixels is not None:
                    self.layout.widths[column] = _pixels_of_width(pixels)
                if style is not None and style.isdigit():
                    self.column_styles[column] = int(style)
        found = _FORMAT.search(head)
        if found is not None:
            for key, value in attributes(found[0]):
                try:
                    if key == b"defaultColWidth":
                        self.layout.default_width = _pixels_of_width(float(value))
                    elif key == b"defaultRowHeight":
                        self.layout.default_height = round(float(value) * 4 / 3)
                except ValueError:
                    pass

    def _rows(self, buffer: bytes, chunks: Iterator[bytes], out: Blob) -> bytes:
        """Copy and edit the rows; the bytes after ``</sheetData>`` read so far.

        The loop is the hot path of the room (a row a few microseconds): a row
        with nothing to edit costs one search and is written as part of the
        next slice; a row with cells to edit is taken out, edited and put back.
        """
        p = re.escape(self.p)
        row_tag = re.compile(
            rb"<" + p + rb"row(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"']([0-9]+)[\"'])?[^>]*>"
        )
        data_end = re.compile(rb"</" + p + rb"sheetData\s*>")
        row_end = re.compile(rb"</" + p + rb"row\s*>")
        row_start = b"<" + self.p + b"row"
        targets = self.targets
        end_at = -1  # where </sheetData> is in the buffer, once found

        def search(buffer: bytes, position: int) -> re.Match[bytes] | None:
            """The next row start tag, or the end of the cells (found by plain byte search)."""
            nonlocal end_at
            while True:
                at = buffer.find(row_start, position)
                if at < 0 or (end_at >= 0 and at > end_at):
                    break
                match = row_tag.match(buffer, at)
                if match is not None:
                    return match
                if buffer.find(b">", at) < 0:
                    return None  # a row's start tag cut in two
                position = at + 1
            if end_at < 0:
                found = data_end.search(buffer, position)
                end_at = found.start() if found is not None else -1
            return data_end.match(buffer, end_at) if end_at >= 0 else None

        edit = self.edit
        watch = self.comments is not None or edit.progress is not None
        position = 0  # where the search for the next row goes on
        emitted = 0  # what is written of the buffer
        carry: list[Target] | None = None  # a row's targets, while the rest of the row is read
        close_from = 0
        last_row = 0
        while True:
            match = search(buffer, position)
            if match is None:
                cut = buffer.rfind(row_start, emitted)
                cut = cut if cut >= 0 else emitted
                # Only the last tag can be a row's start tag cut in two: search again from it.
                last = buffer.rfind(b"<", position)
                resume = (last if last >= 0 else len(buffer)) - cut
                buffer, emitted = self._more(buffer, emitted, cut, chunks)
                position = max(resume, 0)
                end_at = -1
                continue
            if match.re is row_tag:
                number_text = match[1]
                number = int(number_text) if number_text is not None else last_row + 1
            else:  # the end of the cells
                self._cells_out(buffer[emitted : match.start()])
                self._cells_out(self._new_rows(targets.rest()))
                self._flush()
                self.last_row = last_row
                out.write(match[0])
                return buffer[match.end() :]
            if carry is not None:
                found, carry = carry, None
            else:
                edit.rows += 1
                if watch:
                    self._row_seen(number, match[0])
                if number < targets.next_row:
                    found = _NONE
                elif (
                    number_text is not None
                    and not self.orphans
                    and (single := targets.single(number))
                ):
                    # The commonest edit, the quick way: the row's one cell found by its name,
                    # as office software writes it, replaced where it lies.
                    cell = self._quick(buffer, match.end(), number_text, single)
                    if cell is not None:
                        start, end, new = cell
                        self._cells_out(buffer[emitted:start])
                        self._cells_out(new)
                        emitted = position = end
                        last_row = number
                        continue
                    found = [single]
                else:
                    found = targets.upto(number)
            if not found and not self.orphans:
                position = match.end()
                last_row = number
                continue
            tag = match[0]
            if len(found) == 1 and found[0].row == number:
                here, before = found, _NONE
            else:
                here = [t for t in found if t.row == number]
                before = [t for t in found if t.row < number]
            needs_row = bool(here) or bool(self.orphans)
            content_end = close_end = match.end()
            if needs_row and not tag.endswith(b"/>"):
                close = row_end.search(buffer, max(match.end(), close_from))
                if close is None:  # the row goes on in the next chunk: read it whole first
                    carry = found
                    close_from = max(len(buffer) - match.start() - 16, 0)
                    buffer, emitted = self._more(buffer, emitted, match.start(), chunks)
                    position = 0
                    end_at = -1
                    continue
                content_end, close_end = close.start(), close.end()
            close_from = 0
            self._cells_out(buffer[emitted : match.start()])
            emitted = match.start()
            if before:
                self._cells_out(self._new_rows(before))
            if needs_row:
                edited = self._edit_row(number, tag, buffer[match.end() : content_end], here)
                if not tag.endswith(b"/>"):
                    edited += buffer[content_end:close_end]
                self._cells_out(edited)
                emitted = close_end
            position = close_end
            last_row = number

    def _quick(
        self, buffer: bytes, after: int, number: bytes, target: Target
    ) -> tuple[int, int, bytes] | None:
        """Where the cell of ``target`` lies in its row, and what it becomes; None if it is not
        there in the plain form (the row is then edited the careful way)."""
        column, text = target.column, target.text
        if text == "":
            return None
        letters = self._letters.get(column)
        if letters is None:
            letters = self._letters[column] = b' r="' + cell_name(1, column)[:-1].encode()
        close = buffer.find(self._row_close, after)
        if close < 0:
            return None
        at = buffer.find(letters + number + b'"', after, close)
        if at < 0:
            return None
        start = at - len(self._cell_head)
        plain = self._plain.match(buffer, start, close) if start >= after else None
        if plain is None:
            return None
        xf = int(plain[2]) if plain[2] is not None else 0
        if text is None:  # a mark: the cell's style, nothing else
            style = self._marked(target, xf, not plain[4])
            value = plain[4]
            return (
                start,
                plain.end(),
                b"".join(
                    (
                        self._cell_head,
                        b' r="',
                        plain[1],
                        b'" s="',
                        str(style).encode(),
                        b'" t="' + plain[3] + b'"' if plain[3] else b'"',
                        b"/>"
                        if value is None
                        else b">" + self._v_open + value + self._v_close + self._close,
                    )
                ),
            )
        xf = self.edit.styles.showing_text(xf)
        if target.marks:
            xf = self._marked(target, xf, False)
        return start, plain.end(), self._plain_changed(plain, text, xf)

    def _more(
        self, buffer: bytes, emitted: int, cut: int, chunks: Iterator[bytes]
    ) -> tuple[bytes, int]:
        """Write the buffer up to ``cut`` (a row's start), keep the rest, read the next chunk."""
        more = next(chunks, None)
        if more is None:
            raise InputError.of(
                N_("{path}: the sheet {sheet!r} ends inside its cells"),
                path=self.edit.path,
                sheet=self.name,
            )
        if cut > emitted:
            self._cells_out(buffer[emitted:cut])
        return buffer[cut:] + more, 0

    def _cells_out(self, piece: bytes) -> None:
        """Cells (whole rows) to write: batched, and their shared strings noted by the batch."""
        if piece:
            self._batch.append(piece)
            self._batch_size += len(piece)
            if self._batch_size >= _BATCH:
                self._flush()

    def _flush(self) -> None:
        if self._batch:
            data = b"".join(self._batch)
            self._batch.clear()
            self._batch_size = 0
            self._out.write(data)
            if self.edit.references is not None:
                self.edit.references.add(data)

    def _row_seen(self, number: int, tag: bytes) -> None:
        edit = self.edit
        if edit.progress is not None and edit.rows % _PROGRESS_EVERY == 0:
            edit.progress(edit.rows)
        if self.comments is not None:
            height = attribute(tag, b"ht")
            pixels = None
            if height is not None:
                try:
                    pixels = round(float(height) * 4 / 3)
                except ValueError:
                    pixels = None
            self.comments.row_seen(number, pixels)

    # --- one row ----------------------------------------------------------------------------

    def _edit_row(self, number: int, tag: bytes, content: bytes, targets: list[Target]) -> bytes:
        """The row's start tag and content with its target cells edited (and new ones made)."""
        p = self.p
        if tag.endswith(b"/>"):
            tag = tag[:-2].rstrip() + b">"
            closing = b"</" + p + b"row>"
        else:
            closing = b""
        if len(targets) == 1 and not self.orphans:  # the quick way: one cell, found by its name
            target = targets[0]
            cell = self._find(content, number, target.column)
            if cell is not None:
                new = self._changed_cell(
                    number, content[cell.start : cell.end], cell.tag_end - cell.start, target
                )
                return tag + content[: cell.start] + new + content[cell.end :] + closing
        row_style = None
        if attribute(tag, b"customFormat") in (b"1", b"true"):
            s = attribute(tag, b"s")
            row_style = int(s) if s is not None and s.isdigit() else None
        cells: list[_Cell] | None = None
        edits: list[tuple[int, int, bytes]] = []  # (start, end, new bytes), in the row's order
        lowest = highest = 0
        for target in targets:
            cell = self._find(content, number, target.column)
            if cell is None:
                if cells is None:
                    cells = self._cells(content, number)
                cell = next((c for c in cells if c.column == target.column), None)
            if cell is None:
                if cells is None:
                    cells = self._cells(content, number)
                place = next((c.start for c in cells if c.column > target.column), len(content))
                base = (
                    row_style if row_style is not None else self.column_styles.get(target.column, 0)
                )
                new = self._new_cell(number, target, base)
                edits.append((place, place, new))
                lowest = min(lowest or target.column, target.column)
                highest = max(highest, target.column)
                continue
            new = self._changed_cell(
                number, content[cell.start : cell.end], cell.tag_end - cell.start, target
            )
            edits.append((cell.start, cell.end, new))
        edits.sort(key=lambda e: (e[0], e[1]))
        pieces = []
        position = 0
        for start, end, new in edits:
            pieces.append(content[position:start])
            pieces.append(new)
            position = end
        pieces.append(content[position:])
        body = b"".join(pieces)
        if self.orphans:
            body = self._shared_formulas(body)
        if highest:
            spans = attribute(tag, b"spans")
            if spans is not None and b":" in spans:
                a, _, b = spans.partition(b":")
                if a.isdigit() and b.isdigit():
                    first, last = min(int(a), lowest), max(int(b), highest)
                    tag = set_attribute(tag, b"spans", f"{first}:{last}".encode())
        return tag + body + closing

    def _find(self, content: bytes, row: int, column: int) -> _Cell | None:
        """The cell of ``column`` found by its reference (the quick way), or None."""
        letters = self._letters.get(column)
        if letters is None:
            letters = self._letters[column] = b' r="' + cell_name(1, column)[:-1].encode()
        at = content.find(letters + str(row).encode() + b'"')
        if at < 0:
            return None
        start = content.rfind(b"<", 0, at)
        head = self._cell_head
        if (
            start < 0
            or (
                content[start:at] != head  # the reference is not the first attribute: look closer
                and (
                    not content.startswith(head, start)
                    or content[start + len(head) : start + len(head) + 1]
                    not in (b" ", b"\t", b"\n", b"\r")
                    or b">" in content[start:at]
                )
            )
        ):
            return None
        tag_end = content.find(b">", at) + 1
        if tag_end <= 0:
            return None
        if content[tag_end - 2 : tag_end] == b"/>":
            return _Cell(start, tag_end, tag_end, column)
        close = b"</" + self.p + b"c>"
        end = content.find(close, tag_end)
        if end < 0:
            return None
        return _Cell(start, end + len(close), tag_end, column)

    def _cells(self, content: bytes, row: int) -> list[_Cell]:
        """Every cell of the row, in order, each with its column (read or counted)."""
        p = re.escape(self.p)
        pattern = re.compile(rb"<" + p + rb"c\b[^>]*?(/?)>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
        close = b"</" + self.p + b"c>"
        cells: list[_Cell] = []
        column = 0
        position = 0
        while True:
            match = pattern.search(content, position)
            if match is None:
                return cells
            if not match[0].startswith(b"<" + self.p + b"c"):
                position = match.end()
                continue
            ref = attribute(match[0], b"r")
            placed = split_ref(ref.decode("ascii", "replace")) if ref is not None else None
            column = placed[1] if placed is not None else column + 1
            end = match.end() if match[1] else self._cell_end(content, match.end(), close)
            cells.append(_Cell(match.start(), end, match.end(), column))
            position = end

    def _cell_end(self, content: bytes, start: int, close: bytes) -> int:
        """The end of a cell whose start tag ends at ``start`` (CDATA and comments skipped)."""
        position = start
        while True:
            end = content.find(close, position)
            odd = content.find(b"<!", position, end if end >= 0 else len(content))
            if odd < 0:
                if end < 0:
                    raise InputError.of(
                        N_("{path}: the sheet {sheet!r} has a cell that does not end"),
                        path=self.edit.path,
                        sheet=self.name,
                    )
                return end + len(close)
            finish = b"]]>" if content.startswith(b"<![CDATA[", odd) else b"-->"
            stop = content.find(finish, odd)
            if stop < 0:
                raise InputError.of(
                    N_("{path}: the sheet {sheet!r} has a cell that does not end"),
                    path=self.edit.path,
                    sheet=self.name,
                )
            position = stop + len(finish)

    # --- one cell ---------------------------------------------------------------------------

    def _compile(self) -> None:
        """The patterns of this sheet's elements (with its prefix), made once."""
        p = re.escape(self.p)
        self._v = re.compile(rb"<" + p + rb"v>(.*?)</" + p + rb"v\s*>", re.S)
        self._f = re.compile(rb"<" + p + rb"f\b([^>]*?)(?:/>|>(.*?)</" + p + rb"f\s*>)", re.S)
        self._ext = re.compile(rb"<" + p + rb"extLst\b.*", re.S)
        self._close = b"</" + self.p + b"c>"
        self._cell_head = b"<" + self.p + b"c"
        self._row_close = b"</" + self.p + b"row>"
        self._letters: dict[int, bytes] = {}
        self._v_open, self._v_close = b"<" + self.p + b"v>", b"</" + self.p + b"v>"
        # A cell as office software writes it: a reference, a style, a type, a value, no more.
        self._plain = re.compile(
            rb"<" + p + rb'c r="([A-Z]{1,3}[0-9]{1,7})"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
            rb"(?:/>|>(?:<" + p + rb"v>([^<]*)</" + p + rb"v>)?</" + p + rb"c>)"
        )

    def _value(self, text: str) -> tuple[bytes, bytes]:
        """The type and content of a cell holding ``text``: a new shared string, or inline."""
        strings = self.edit.strings
        if strings is not None:
            self.edit.references_delta += 1
            return b"s", self._v_open + str(strings.index(text)).encode() + self._v_close
        p = self.p
        space = b' xml:space="preserve"' if text != text.strip() or "\n" in text else b""
        return b"inlineStr", (
            b"<"
            + p
            + b"is><"
            + p
            + b"t"
            + space
            + b">"
            + escape_text(text).encode("utf-8")
            + b"</"
            + p
            + b"t></"
            + p
            + b"is>"
        )

    def _look(self, target: Target, blank: bool) -> Look:
        error = target.worst is Severity.ERROR
        if blank:
            return Look.BLANK_ERROR if error else Look.BLANK_WARNING
        return Look.ERROR if error else Look.WARNING

    def _marked(self, target: Target, xf: int, blank: bool) -> int:
        """Note the marks (comment, summary list) and give the marked style index."""
        edit = self.edit
        edit.marked += 1
        severity = target.worst
        assert severity is not None
        text = target.comment()
        if len(edit.listed) < edit.listed_most:
            edit.listed.append(Listed(self.index, target.row, target.column, severity, text))
        else:
            edit.more_listed += 1
        if self.comments is not None:
            self.comments.add(target.row, target.column, text)
        return edit.styles.marked(xf, self._look(target, blank))

    def _new_cell(self, row: int, target: Target, base: int) -> bytes:
        """A cell that was not there: its new value and marks."""
        tag = b"<" + self.p + b'c r="' + cell_name(row, target.column).encode() + b'"'
        style = self.edit.styles.showing_text(base) if target.text else base
        if target.marks:
            style = self._marked(target, base, not target.text)
        if style:
            tag += b' s="' + str(style).encode() + b'"'
        if target.text is not None:
            self.edit.changed += 1
        if not target.text:
            return tag + b"/>"
        kind, value = self._value(target.text)
        return tag + b' t="' + kind + b'">' + value + self._close

    def _changed_cell(self, row: int, cell: bytes, tag_length: int, target: Target) -> bytes:
        """An existing cell with its new value and marks."""
        plain = self._plain.fullmatch(cell)
        if plain is not None and target.text:  # the quick way, for the cells of most files
            xf = self.edit.styles.showing_text(int(plain[2]) if plain[2] is not None else 0)
            if target.marks:
                xf = self._marked(target, xf, False)
            return self._plain_changed(plain, target.text, xf)
        tag, inner = cell[:tag_length], cell[tag_length:]
        inner = b"" if tag.endswith(b"/>") else inner[: len(inner) - len(self._close)]
        found = dict(attributes(tag))
        xf_text = found.get(b"s")
        xf = int(xf_text) if xf_text is not None and xf_text.isdigit() else 0
        if target.text is None:  # marked only: its style changes, nothing else
            style = self._marked(target, xf, not _has_value(inner))
            return set_attribute(tag, b"s", str(style).encode()) + (
                b"" if tag.endswith(b"/>") else inner + self._close
            )
        self.edit.changed += 1
        self._note_old(row, target.column, found.get(b"t", b"n"), inner)
        if target.text:
            xf = self.edit.styles.showing_text(xf)
        if target.marks:
            xf = self._marked(target, xf, not target.text)
        # The start tag anew: its attributes but the type, the style and the metadata.
        kept = b"".join(
            b" " + name + (b"='" + value + b"'" if b'"' in value else b'="' + value + b'"')
            for name, value in found.items()
            if name not in (b"t", b"s", b"cm", b"vm")
        )
        head = b"<" + self.p + b"c" + kept + (b' s="' + str(xf).encode() + b'"' if xf else b"")
        extension = self._ext.search(inner) if b"extLst" in inner else None
        keep = extension[0] if extension is not None else b""
        if not target.text:
            return head + b">" + keep + self._close if keep else head + b"/>"
        kind, value = self._value(target.text)
        return head + b' t="' + kind + b'">' + value + keep + self._close

    def _plain_changed(self, plain: re.Match[bytes], text: str, xf: int | None = None) -> bytes:
        """A cell in the plain form (reference, style, type, value) given ``text`` instead."""
        edit = self.edit
        edit.changed += 1
        kind, value = plain[3], plain[4]
        if kind == b"s" and value is not None and value.isdigit():
            index = int(value)
            edit.references_delta -= 1
            old = edit.old
            if old is not None and index < len(old):
                old[index] = 1
            if edit.collect_old:
                edit.old_values.append((self.name, plain[1].decode(), index, ""))
        elif edit.collect_old and value is not None:
            edit.old_values.append((self.name, plain[1].decode(), -1, unescape(value)))
        style = plain[2] if xf is None else (str(xf).encode() if xf else None)
        kind, value = self._value(text)
        return b"".join(
            (
                self._cell_head,
                b' r="',
                plain[1],
                b'" s="' + style + b'" t="' if style else b'" t="',
                kind,
                b'">',
                value,
                self._close,
            )
        )

    def _note_old(self, row: int, column: int, kind: bytes, inner: bytes) -> None:
        """What the cell held: its shared string (to blank if no cell uses it), its formula."""
        edit = self.edit
        value = self._v.search(inner)
        if kind == b"s" and value is not None and value[1].strip().isdigit():
            index = int(value[1])
            edit.references_delta -= 1
            if edit.old is not None and index < len(edit.old):
                edit.old[index] = 1
            if edit.collect_old:
                edit.old_values.append((self.name, cell_name(row, column), index, ""))
        elif edit.collect_old:
            cell = cell_name(row, column)
            if kind == b"inlineStr":
                edit.old_values.append((self.name, cell, -1, text_of(inner)))
            elif value is not None:
                edit.old_values.append((self.name, cell, -1, unescape(value[1])))
        if b"f" not in inner:
            return
        formula = self._f.search(inner)
        if formula is not None:
            edit.formulas_removed.add((self.index, cell_name(row, column)))
            shared = dict(attributes(formula[0]))
            if shared.get(b"t") == b"shared" and b"ref" in shared and formula[2]:
                si = shared.get(b"si", b"")
                self.orphans[si] = (unescape(formula[2]), cell_name(row, column))

    def _shared_formulas(self, body: bytes) -> bytes:
        """Cells that shared a formula whose first cell lost it: the formula written in full."""
        p = re.escape(self.p)
        pattern = re.compile(
            rb"<" + p + rb"c\b[^>]*>(?:(?!</" + p + rb"c>).)*?<" + p + rb"f\b[^>]*?/>", re.S
        )

        def rewrite(match: re.Match[bytes]) -> bytes:
            whole = match[0]
            f_start = whole.rfind(b"<", 0, len(whole) - 1)
            f_tag = whole[f_start:]
            found = dict(attributes(f_tag))
            if found.get(b"t") != b"shared" or found.get(b"si") not in self.orphans:
                return whole
            formula, origin = self.orphans[found[b"si"]]
            ref = attribute(whole[: whole.find(b">") + 1], b"r")
            if ref is None:
                return whole
            text = _translate(formula, origin, ref.decode("ascii"))
            return (
                whole[:f_start]
                + b"<"
                + self.p
                + b"f>"
                + escape_text(text).encode()
                + b"</"
                + self.p
                + b"f>"
            )

        return pattern.sub(rewrite, body)

    def _new_rows(self, targets: list[Target]) -> bytes:
        """Rows that were not there, made for the cells of ``targets`` (sorted)."""
        out = []
        p = self.p
        row = 0
        for target in targets:
            if target.row != row:
                if row:
                    out.append(b"</" + p + b"row>")
                row = target.row
                out.append(b"<" + p + b'row r="' + str(row).encode() + b'">')
            out.append(self._new_cell(row, target, self.column_styles.get(target.column, 0)))
        if row:
            out.append(b"</" + p + b"row>")
        return b"".join(out)

    # --- after the cells --------------------------------------------------------------------

    def _tail(self, rest: bytes, chunks: Iterator[bytes], out: Blob) -> None:
        """What follows the cells, with the legacy drawing and the comments' printing added."""
        tail = rest
        for chunk in chunks:
            tail += chunk
            if len(tail) > MAX_PART:
                raise InputError.of(
                    N_("{path}: refused: the part {part} is {size} MB, more than zfgk edits whole"),
                    path=self.edit.path,
                    part=self.name,
                    size=len(tail) >> 20,
                )
        if self.comments is not None and self.comments.count:
            tail = self._with_legacy(tail)
            # Printed after the sheet, unless there are so many that the pages would be a
            # book of their own (the summary sheet lists the first 500 marked cells anyway).
            if self.comments_at_end and self.comments.count <= self.edit.listed_most:
                tail = self._with_comments_printed(tail)
        out.write(tail)

    def _top_level(self, tail: bytes) -> Iterator[tuple[int, bytes, re.Match[bytes]]]:
        """(start, local name, match) of each element directly under the worksheet, in order."""
        depth = 0
        for match in _TOP_TAG.finditer(tail):
            if match[2] is None:
                continue
            closing, name, empty = match[1], match[2], match[3]
            local = name.rsplit(b":", 1)[-1]
            if closing:
                depth -= 1
                if depth < 0:  # </worksheet>
                    yield match.start(), b"/worksheet", match
                    return
                continue
            if depth == 0:
                yield match.start(), local, match
            if not empty:
                depth += 1

    def _with_legacy(self, tail: bytes) -> bytes:
        for start, local, match in self._top_level(tail):
            if local == b"legacyDrawing":
                for key, value in attributes(match[0]):
                    if key.endswith(b":id") or key == b"id":
                        self.legacy_rid = value.decode("utf-8", "replace")
                return tail
            if local in _AFTER_LEGACY or local in (b"/worksheet", b"AlternateContent"):
                assert self.legacy_id is not None
                self.added_legacy = self.legacy_id()
                r = self.r
                if r:
                    element = (
                        b"<"
                        + self.p
                        + b"legacyDrawing "
                        + r
                        + b':id="'
                        + self.added_legacy.encode()
                        + b'"/>'
                    )
                else:
                    element = (
                        b"<"
                        + self.p
                        + b'legacyDrawing xmlns:r="'
                        + RELATIONSHIPS.encode()
                        + b'" r:id="'
                        + self.added_legacy.encode()
                        + b'"/>'
                    )
                return tail[:start] + element + tail[start:]
        return tail

    def _with_comments_printed(self, tail: bytes) -> bytes:
        for start, local, match in self._top_level(tail):
            if local == b"pageSetup":
                tag = set_attribute(match[0], b"cellComments", b"atEnd")
                return tail[:start] + tag + tail[match.end() :]
            if local in _AFTER_PAGE_SETUP or local in (b"/worksheet", b"AlternateContent"):
                return (
                    tail[:start]
                    + b"<"
                    + self.p
                    + b'pageSetup cellComments="atEnd"/>'
                    + tail[start:]
                )
        return tail


def _has_value(inner: bytes) -> bool:
    """Whether a cell's content shows something (a value, an inline string, a formula)."""
    if not inner.strip():
        return False
    if b"<" in inner and (b"v>" in inner or b"is>" in inner or b"f>" in inner or b"f " in inner):
        if _EMPTY_VALUE.fullmatch(inner.strip()):
            return False
        if re.search(rb"<(?:\w+:)?t\b[^>]*>[^<]", inner) or re.search(rb"<(?:\w+:)?v>[^<]", inner):
            return True
        return bool(re.search(rb"<(?:\w+:)?f\b", inner))
    return False


def _translate(formula: str, origin: str, destination: str) -> str:
    """A shared formula, written for ``origin``, moved to ``destination`` (its references shift)."""
    try:
        from openpyxl.formula.translate import Translator
    except ImportError:  # pragma: no cover - openpyxl comes with the xlsx extra
        raise InputError.of(
            N_("writing workbooks needs openpyxl: pip install 'zfgk[xlsx]'")
        ) from None
    text: Any = Translator("=" + formula, origin=origin).translate_formula(destination)
    return str(text)[1:]


def column_of(ref: bytes) -> int:
    """The column number of a cell reference."""
    letters = re.match(rb"\$?([A-Za-z]+)", ref)
    return column_number(letters[1].decode()) if letters is not None else 0
