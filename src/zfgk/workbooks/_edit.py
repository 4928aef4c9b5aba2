"""Editing an .xlsx in place: :func:`edit_workbook`, the room's one entry.

The source is read in passes, none of which holds a sheet in memory: the
sheets to edit (and, where their merged ranges are not given, a first read
for those), streamed through :class:`~zfgk.workbooks._sheet.SheetEdit`; the
other sheets, read for the shared strings their cells use; then the output,
written in the source's order, each part left alone copied as stored.
Before anything is written, every part the edit did not rewrite (and the
parts of a sheet that are not cells) is searched for the texts that must be
gone.  An .xls, .ods or .xlsb is converted to .xlsx first.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Sized
from contextlib import ExitStack
from pathlib import Path

import attrs

from zfgk.errors import InputError, InvalidArgumentError, OutputError, PrivacyError
from zfgk.formats import SUFFIXES, Kind, atomic_binary, no_room
from zfgk.i18n import N_, Message, os_reason, translate
from zfgk.workbooks._archive import CHUNK, MAX_PART, Archive
from zfgk.workbooks._comments import CommentsWriter, Layout, vml_blocks
from zfgk.workbooks._convert import convert
from zfgk.workbooks._package import (
    CALC_CHAIN,
    COMMENTS,
    CONTENT_TYPE,
    REL_TYPE,
    STYLES,
    VBA,
    VML,
    WORKSHEET,
    Package,
    SheetPart,
    add_relationships,
    free_name,
    main_workbook_type,
    new_id,
    relationships,
    rels_name,
    remove_relationships,
    without_override,
)
from zfgk.workbooks._search import Search, needles, search
from zfgk.workbooks._sheet import Edit, SheetEdit, read_merges
from zfgk.workbooks._strings import (
    NewStrings,
    References,
    cells_end,
    count_strings,
    rewrite_strings,
)
from zfgk.workbooks._styles import DEFAULT_STYLES, Styles
from zfgk.workbooks._summary import (
    Summary,
    check_summary,
    free_sheet_name,
    summary_sheet,
    with_summary_sheet,
)
from zfgk.workbooks._targets import Mark, Merge, Targets
from zfgk.workbooks._xml import set_attribute, text_of
from zfgk.workbooks._zipout import Blob, ZipOut, blob_of

__all__ = [
    "CONVERTED_SUFFIXES",
    "EDITED_SUFFIXES",
    "Edited",
    "SheetEdits",
    "check_output",
    "edit_workbook",
]

#: Workbooks edited in place.
EDITED_SUFFIXES = (".xlsx", ".xlsm")
#: Workbooks converted to .xlsx first (there is no editing them in place): what
#: zfgk.formats calls an .xls, .ods or .xlsb, and WPS's .et (an .xls, as WPS saves it).
CONVERTED_SUFFIXES = tuple(
    suffix for suffix, kind in SUFFIXES.items() if kind in (Kind.XLS, Kind.ODS, Kind.XLSB, Kind.ET)
)
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData\s*>")
_TAB_SELECTED = re.compile(rb"""\s+tabSelected\s*=\s*["'](?:1|true)["']""")
_CELL_SHEETS = ("worksheet", "xlMacrosheet", "xlIntlMacrosheet", "dialogsheet")
#: The sheets whose cells are changed: worksheets and Excel 4 macro sheets (cells alike).
_EDITED_SHEETS = (WORKSHEET, "xlMacrosheet", "xlIntlMacrosheet")
_CELL_TYPES = ("worksheet+xml", "macrosheet+xml", "dialogsheet+xml")
_MACRO_TYPES = ("vbaProject", "vbaProjectSignature")
_BLANK = b"<si><t/></si>"
#: Old values searched for at once: their forms are held while the parts are read.
_SEARCHED_AT_ONCE = 250_000


@attrs.frozen
class SheetEdits:
    """What to do to one sheet: cells to replace, cells to mark, its merged ranges if known.

    ``replace`` holds (row, column, new text) and ``mark`` (row, column,
    :class:`~zfgk.workbooks.Mark`), rows and columns from 1 as the sheet
    shows them; a mapping of (row, column) to the text or mark does as well.
    A list (or mapping) is sorted by the room; a stream (a generator) must
    come in row order, row then column, and is then never held whole:
    memory stays flat.  ``merges`` are the sheet's merged ranges (first
    row, first column, last row, last column, from 1) when the caller has
    read them; else the room reads them, one more pass over the sheet.  A
    cell inside a merged range stands for the range's first cell.

    >>> from zfgk.workbooks import Mark, Severity, SheetEdits
    >>> edits = SheetEdits(replace={(3, 3): "441622********403X"},
    ...                    mark=[(4, 2, Mark(Severity.WARNING, "姓名为空"))], merges=[(1, 1, 1, 10)])
    >>> edits.merges
    [(1, 1, 1, 10)]
    """

    replace: Iterable[tuple[int, int, str]] | Mapping[tuple[int, int], str] = ()
    mark: Iterable[tuple[int, int, Mark]] | Mapping[tuple[int, int], Mark] = ()
    merges: Sequence[Merge] | None = None


@attrs.frozen
class Edited:
    """What :func:`edit_workbook` wrote.

    ``changed`` and ``marked`` count the cells (a merged range once);
    ``summary`` is the summary sheet's name (None if none was asked for);
    ``converted`` says the source was an .xls, .ods or .xlsb written as
    .xlsx, and ``lost`` what of its look could not be kept.

    >>> from pathlib import Path
    >>> from zfgk.workbooks import Edited
    >>> Edited(Path("公示.xlsx"), changed=8, marked=0).converted
    False
    """

    path: Path
    changed: int
    marked: int
    summary: str | None = None
    converted: bool = False
    lost: tuple[Message, ...] = ()


def check_output(source: Path, output: Path) -> bool:
    """Refuse, before any work, a pair the room cannot write (an .xls as .xls).

    True when the source is converted (an .xls, .ods or .xlsb: there is no
    editing it in place; what of its look can be read is kept).  An .xlsm
    may be written as .xlsm (its macros kept) or as .xlsx (without them).

    >>> from pathlib import Path
    >>> from zfgk.workbooks import check_output
    >>> check_output(Path("名单.ods"), Path("公示.xlsx")), check_output(Path("名单.xlsx"), Path("公示.xlsx"))
    (True, False)
    >>> check_output(Path("名单.xls"), Path("公示.xls"))
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: 公示.xls: a .xls workbook can be written only as .xlsx, not .xls
    """
    into, out_of = Path(source).suffix.lower(), Path(output).suffix.lower()
    allowed = {".xlsx": (".xlsx",), ".xlsm": (".xlsm", ".xlsx")}
    if into in CONVERTED_SUFFIXES:
        allowed[into] = (".xlsx",)
    if into not in allowed:
        raise InvalidArgumentError.of(
            N_(
                "{path}: only workbooks (.xlsx, .xlsm, .xls, .ods, .xlsb) can be written back "
                "as workbooks"
            ),
            path=source,
        )
    if out_of not in allowed[into]:
        raise InvalidArgumentError.of(
            N_("{path}: a {source} workbook can be written only as {allowed}, not {suffix}"),
            path=output,
            source=into,
            allowed=" or ".join(allowed[into]),
            suffix=out_of or "''",
        )
    return into in CONVERTED_SUFFIXES


def edit_workbook(
    source: Path,
    output: Path,
    sheets: Mapping[str, SheetEdits],
    *,
    summary: Summary | None = None,
    gone: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
    comments_at_end: bool = False,
) -> Edited:
    """Write ``source`` to ``output`` with only the cells of ``sheets`` edited.

    ``sheets`` maps a sheet's name to its :class:`SheetEdits`.  A replaced
    cell keeps its style index and gets the new text (a formula it held is
    gone; the cells that shared it keep it, written out in full); a marked
    cell gets a copy of its own style with a fill (red for errors, yellow
    for warnings; a blank cell striped in that colour and boxed) and a
    comment beside it with the marks' texts, above any comment the officer
    put there.  ``summary`` puts a first sheet, opened on (its lines, what
    the looks mean, the first 500 marked cells).  ``comments_at_end`` prints
    the comments after the sheet (of a sheet with 500 marks or fewer).  Every other part of the zip is copied byte
    for byte, in its place; an .xlsm keeps its macros as .xlsm and loses
    them as .xlsx; an .xls, .ods or .xlsb is converted to the .xlsx
    ``output`` first (:func:`check_output`), with what of its look can be
    read (``lost`` says what could not).

    A shared string no cell shows any more is blanked; a text of ``gone``
    still found anywhere but in a cell (a comment, a header, a chart's cache,
    a defined name, the properties) raises :class:`~zfgk.errors.PrivacyError`
    and nothing is written.  ``progress`` is told the rows read so far, every
    10,000.  A hostile or broken source raises
    :class:`~zfgk.errors.InputError`; an output that cannot be written,
    :class:`~zfgk.errors.OutputError`.  The output is written atomically:
    whatever happens (Ctrl-C too), no partial file and no temporary file is
    left.  See :mod:`zfgk.workbooks` for an example.
    """
    return _edit(
        Path(source),
        Path(output),
        sheets,
        summary=summary,
        gone=gone,
        progress=progress,
        comments_at_end=comments_at_end,
    )


def _edit(
    source: Path,
    output: Path,
    sheets: Mapping[str, SheetEdits],
    *,
    summary: Summary | None,
    gone: Iterable[str],
    progress: Callable[[int], None] | None,
    comments_at_end: bool,
    old_values: bool = False,
) -> Edited:
    """:func:`edit_workbook`, with the old values of the changed cells made texts that must go."""
    converted = check_output(source, output)
    for name, edits in sheets.items():
        if not isinstance(edits, SheetEdits):
            raise InvalidArgumentError.of(
                N_("{sheet}: the edits of a sheet must be a SheetEdits"), sheet=name
            )
    if summary is not None:
        check_summary(summary)
    if not converted:
        editor = _Editor(
            source,
            output,
            summary=summary,
            progress=progress,
            comments_at_end=comments_at_end,
            old_values=old_values,
        )
        return editor.run(sheets, [t for t in gone if isinstance(t, str)])
    if not source.is_file():
        raise InputError.of(N_("{path}: no such workbook"), path=source)
    folder = Path(tempfile.mkdtemp(prefix=".zfgk-", dir=_folder(output)))
    try:
        copy = folder / (source.stem + ".xlsx")
        lost = convert(source, copy)
        if summary is not None and lost:
            line = translate(
                N_("{name} was converted to .xlsx; not kept: {lost}"), summary.language
            )
            said = "; ".join(m.localized(summary.language) for m in lost)
            summary = Summary(
                summary.name,
                [*summary.lines, line.format(name=source.name, lost=said)],
                summary.language,
            )
        editor = _Editor(
            copy,
            output,
            summary=summary,
            progress=progress,
            comments_at_end=comments_at_end,
            old_values=old_values,
        )
        editor.shown = source
        done = editor.run(sheets, [t for t in gone if isinstance(t, str)])
        return attrs.evolve(done, converted=True, lost=lost)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _folder(output: Path) -> Path:
    """The output's folder, which the temporary files share; a clear error if it cannot be used."""
    folder = output.resolve().parent
    if not folder.is_dir():
        raise _cannot_write(output, FileNotFoundError(2, "No such file or directory"))
    return folder


def _cannot_write(output: Path, error: OSError) -> OutputError:
    """The error of an output that cannot be written, naming it and saying why."""
    return OutputError.of(
        N_("{path}: cannot write the file: {reason}"), path=output, reason=os_reason(error)
    )


def _pairs(items: object) -> Iterable[tuple[int, int, object]]:
    if isinstance(items, Mapping):
        return sorted(((r, c, v) for (r, c), v in items.items()), key=lambda t: (t[0], t[1]))
    return items  # type: ignore[return-value]


def _has(items: object) -> bool:
    return not (isinstance(items, Sized) and len(items) == 0)


def _relative(base: str, target: str) -> str:
    """A target as a relationship of ``base`` names it (a path relative to ``base``'s folder).

    >>> from zfgk.workbooks._edit import _relative
    >>> _relative("xl/worksheets/sheet1.xml", "xl/comments1.xml")
    '../comments1.xml'
    """
    here = base.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


class _Recorder:
    """A sheet's chunks, passed on, with what lies outside its cells kept (for the search)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._head = bytearray()
        self._tail = bytearray()
        self._state = 0  # 0: before the cells, 1: in them, 2: after

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        chunk = next(self._chunks)
        self._note(chunk)
        return chunk

    def _note(self, chunk: bytes) -> None:
        if self._state == 0:
            self._head += chunk
            found = _SHEET_DATA.search(self._head)
            if found is None:
                if len(self._head) > MAX_PART:
                    self._state = 1
                return
            rest = bytes(self._head[found.end() :])
            del self._head[found.end() :]
            self._state = 2 if found[1] else 1
            if found[1]:
                self._tail += rest
                return
            chunk = rest
        if self._state == 1:
            window = bytes(self._tail) + chunk  # the tail holds at most a tag's worth here
            at = window.find(b"sheetData")
            end = _SHEET_DATA_END.search(window, max(at - 16, 0)) if at >= 0 else None
            if end is None:
                self._tail = bytearray(window[-32:])
                return
            self._state = 2
            self._tail = bytearray(window[end.end() :])
            return
        if len(self._tail) <= MAX_PART:
            self._tail += chunk

    def outside(self) -> bytes:
        """The sheet's XML but its cells: the head and what follows ``</sheetData>``."""
        return bytes(self._head) + (bytes(self._tail) if self._state == 2 else b"")

    def drain(self) -> bytes:
        for _ in self:
            pass
        return self.outside()


@attrs.define
class _Written:
    """The parts of the output: rewritten ones by name, new ones in order, dropped ones."""

    rewritten: dict[str, Blob] = attrs.Factory(dict)
    new: list[tuple[str, Blob]] = attrs.Factory(list)
    dropped: set[str] = attrs.Factory(set)
    # Small parts written whole (package parts): searched, then deflated into blobs.
    texts: dict[str, bytes] = attrs.Factory(dict)
    # The parts of the sheets that are not cells, searched for what must be gone.
    outside: dict[str, bytes] = attrs.Factory(dict)

    def close(self) -> None:
        for blob in (*self.rewritten.values(), *(b for _, b in self.new)):
            blob.close()


class _Editor:
    """One edit of one .xlsx: the source's package, the parts written, the state shared by sheets."""

    def __init__(
        self,
        source: Path,
        output: Path,
        *,
        summary: Summary | None,
        progress: Callable[[int], None] | None,
        comments_at_end: bool,
        old_values: bool,
    ) -> None:
        self.source, self.output, self.summary = source, output, summary
        self.shown = source  # the file the officer gave (a converted one's original)
        self.progress = progress
        self.comments_at_end = comments_at_end
        self.old_values = old_values
        self.folder = _folder(output)
        self.written = _Written()

    def run(self, sheets: Mapping[str, SheetEdits], gone: Sequence[str]) -> Edited:
        """Edit the sheets and write the output; a full disk said as the output's error (the
        temporary parts are written beside it), never as a bare OSError."""
        try:
            return self._run(sheets, gone)
        except OSError as e:
            if isinstance(e, OutputError) or not no_room(e) or e.filename is not None:
                raise  # (a full temporary folder names itself: zfgk._spill)
            raise _cannot_write(self.output, e) from None

    def _run(self, sheets: Mapping[str, SheetEdits], gone: Sequence[str]) -> Edited:
        with ExitStack() as stack:
            self.stack = stack
            archive = self.archive = Archive(self.source)
            stack.callback(archive.close)
            stack.callback(self.written.close)
            package = self.package = Package.read(archive)
            for name in sheets:
                self._check_sheet(name)
            self.taken = package.taken()
            self.edit = self._shared_state(sheets, bool(gone))
            block = self._first_block()
            for sheet in package.sheets:
                if sheet.name in sheets:
                    block = self._edit_sheet(sheet, sheets[sheet.name], block)
            needs = bool(gone) or self.old_values
            for sheet in package.sheets:
                if (
                    sheet.name not in sheets
                    and sheet.kind in _CELL_SHEETS
                    and archive.has(sheet.part)
                ):
                    self._pass_sheet(sheet.part, search_outside=needs)
            self._unnamed_sheets()
            self._strings(gone)
            summary = self._summary()
            self._styles()
            self._calc_chain()
            self._package_parts()
            self._check_gone(gone)
            self._write()
            edit = self.edit
            return Edited(self.output, edit.changed, edit.marked, summary)
        raise AssertionError("unreachable")  # pragma: no cover

    # --- before the sheets ------------------------------------------------------------------

    def _check_sheet(self, name: str) -> None:
        sheet = self.package.sheet(name)
        if sheet is None:
            raise InvalidArgumentError.of(
                N_("{path}: no sheet named {sheet!r} (sheets: {sheets})"),
                path=self.shown,
                sheet=name,
                sheets=", ".join(self.package.names()),
            )
        if sheet.kind not in _EDITED_SHEETS:
            raise InvalidArgumentError.of(
                N_("{path}: the sheet {sheet!r} holds no cells (a chart or macro sheet)"),
                path=self.shown,
                sheet=name,
            )

    def _shared_state(self, sheets: Mapping[str, SheetEdits], gone: bool) -> Edit:
        """The state the sheets share; the shared strings' counts kept when a cell is replaced
        or a text must be gone (a string no cell shows that holds one is then blanked)."""
        archive, package = self.archive, self.package
        styles = Styles(archive.read(package.styles) if package.styles else DEFAULT_STYLES)
        strings: NewStrings | None = None
        references: References | None = None
        old: bytearray | None = None
        replaced = any(_has(e.replace) for e in sheets.values())
        if (replaced or gone) and package.shared_strings is not None:
            size = count_strings(archive, package.shared_strings)
            strings = NewStrings(size, self.folder)
            self.stack.callback(strings.close)
            references = References(size)
            old = bytearray(size)
        edit = Edit(
            path=self.shown,
            folder=self.folder,
            styles=styles,
            strings=strings,
            references=references,
            old=old,
            collect_old=self.old_values,
            progress=self.progress,
        )
        self.stack.callback(edit.old_values.close)
        self.stack.callback(edit.old_texts.close)
        return edit

    def _first_block(self) -> int:
        """The first block of VML shape ids no drawing of the workbook uses."""
        used = {0}
        for info in self.archive.infos:
            name = info.filename
            if name.lower().endswith(".vml") or "vmlDrawing" in self.package.types.of(name):
                used |= vml_blocks(self.archive.read(name))
        return max(used) + 1

    # --- the sheets -------------------------------------------------------------------------

    def _edit_sheet(self, sheet: SheetPart, edits: SheetEdits, block: int) -> int:
        """Stream one sheet through its edit, then its comments' parts; the next free block."""
        archive, part = self.archive, sheet.part
        merges = (
            list(edits.merges) if edits.merges is not None else read_merges(archive.chunks(part))
        )
        targets = Targets(
            (self.shown, sheet.name),
            _pairs(edits.replace),  # type: ignore[arg-type]
            _pairs(edits.mark),  # type: ignore[arg-type]
            merges,
        )
        rels = relationships(archive, part)
        own = next((r for r in rels if r.type == COMMENTS and not r.external), None)
        comments = None
        if _has(edits.mark):
            existing = (
                archive.read(own.target) if own is not None and archive.has(own.target) else None
            )
            comments = CommentsWriter(
                self.folder, Layout(), block, existing, declare=any(r.type == VML for r in rels)
            )
            self.stack.callback(comments.close)
        ids = [r.id for r in rels]

        def new_rid() -> str:
            rid = new_id(ids)
            ids.append(rid)
            return rid

        editor = SheetEdit(
            self.edit,
            sheet.name,
            sheet.index,
            targets,
            comments,
            clear_tab=self.summary is not None,
            comments_at_end=self.comments_at_end,
            legacy_id=new_rid,
        )
        blob = self.written.rewritten[part] = Blob(self.folder)
        chunks = archive.ahead(part)
        self.stack.callback(chunks.close)  # type: ignore[attr-defined]
        recorder = _Recorder(chunks)
        editor.run(recorder, blob)
        blob.finish()
        self.written.outside[part] = recorder.outside()
        if comments is None or not comments.count:
            return block
        self._comment_parts(
            part, comments=comments, own=own, rels=rels, editor=editor, new_rid=new_rid
        )
        return max(comments.blocks) + 1

    def _comment_parts(
        self,
        part: str,
        *,
        comments: CommentsWriter,
        own: object,
        rels: Sequence[object],
        editor: SheetEdit,
        new_rid: Callable[[], str],
    ) -> None:
        """The comments part and the drawing of a marked sheet (its own, or new ones)."""
        archive, written, types = self.archive, self.written, self.package.types
        added: list[tuple[str, str, str]] = []
        found = archive.info(own.target) if own is not None else None  # type: ignore[attr-defined]
        if found is not None:
            written.rewritten[found.filename] = blob_of(self.folder, comments.comments_part())
        else:
            name = free_name(self.taken, "xl/comments{}.xml")
            written.new.append((name, blob_of(self.folder, comments.comments_part())))
            types.override(name, CONTENT_TYPE[COMMENTS])
            added.append((new_rid(), REL_TYPE[COMMENTS], _relative(part, name)))
        legacy = next((r for r in rels if r.id == editor.legacy_rid), None)  # type: ignore[attr-defined]
        drawing = archive.info(legacy.target) if legacy is not None else None  # type: ignore[attr-defined]
        if drawing is not None:
            vml = comments.vml_part(archive.read(drawing.filename))
            written.rewritten[drawing.filename] = blob_of(self.folder, vml)
        else:
            name = free_name(self.taken, "xl/drawings/vmlDrawing{}.vml")
            written.new.append((name, blob_of(self.folder, comments.vml_part(None))))
            types.default("vml", CONTENT_TYPE[VML])
            assert editor.added_legacy is not None
            added.append((editor.added_legacy, REL_TYPE[VML], _relative(part, name)))
        if added:
            self._add_relationships(rels_name(part), added)

    def _add_relationships(self, rels_part: str, added: list[tuple[str, str, str]]) -> None:
        found = self.archive.info(rels_part)
        if found is None:
            self.taken.add(rels_part.lower())
            self.written.new.append(
                (rels_part, blob_of(self.folder, [add_relationships(None, added)]))
            )
            return
        data = self.written.texts.get(found.filename) or self.archive.read(found.filename)
        self.written.texts[found.filename] = add_relationships(data, added)

    def _pass_sheet(self, part: str, *, search_outside: bool) -> None:
        """A sheet not edited: the strings its cells use, its tab unselected if a summary comes
        first, what of it is not cells (for the search)."""
        archive, references = self.archive, self.edit.references
        clear = False
        if self.summary is not None:
            head = b""
            for chunk in archive.chunks(part):
                head += chunk
                found = _SHEET_DATA.search(head)
                if found is not None or len(head) > MAX_PART:
                    clear = (
                        found is not None
                        and _TAB_SELECTED.search(head, 0, found.start()) is not None
                    )
                    break
        if references is None and not clear and not search_outside:
            return
        recorder = _Recorder(archive.chunks(part))
        if references is None and not clear:
            self.written.outside[part] = recorder.drain()
            return
        blob = None
        if clear:
            blob = self.written.rewritten[part] = Blob(self.folder)
        rest = b""
        head_done = not clear
        for read in recorder:
            chunk = read
            if not head_done:  # the tab, in the sheet's view before its cells
                rest += read
                found = _SHEET_DATA.search(rest)
                if found is None:
                    continue
                chunk = _TAB_SELECTED.sub(b"", rest[: found.start()]) + rest[found.start() :]
                rest, head_done = b"", True
            if blob is not None:
                blob.write(chunk)
            if references is not None:
                window = rest + chunk
                cut = cells_end(window)
                references.add(window[:cut])
                rest = window[cut:]
        if references is not None:
            references.add(rest)
        if blob is not None:
            blob.finish()
        self.written.outside[part] = recorder.outside()

    def _unnamed_sheets(self) -> None:
        """Cells of sheet parts no sheet of the workbook names: the strings they use count too."""
        references = self.edit.references
        if references is None:
            return
        for info in self.archive.infos:
            name = info.filename
            if name not in self.written.outside and self.package.types.of(name).endswith(
                _CELL_TYPES
            ):
                references.add_part(self.archive, name)

    # --- after the sheets -------------------------------------------------------------------

    def _strings(self, gone: Sequence[str]) -> None:
        """The shared strings: old ones no cell uses blanked, the new ones added."""
        edit, name = self.edit, self.package.shared_strings
        if edit.strings is None or edit.references is None or edit.old is None or name is None:
            return
        used, old = edit.references.used, edit.old
        finder = search(n for text in gone for n in needles(text)) if gone else None
        if not any(old) and not edit.strings.count and finder is None:
            return
        texts = edit.old_texts if edit.collect_old else None

        def rewrite(first: int, items: list[bytes]) -> list[bytes]:
            last = first + len(items)
            if texts is not None:  # the old values' texts, to search the file for
                index = old.find(1, first, last)
                while index >= 0:
                    texts.append((index, text_of(items[index - first])))
                    index = old.find(1, index + 1, last)
            out = [
                _BLANK if was_old and not in_use else item
                for item, was_old, in_use in zip(
                    items, old[first:last], used[first:last], strict=False
                )
            ]
            if finder is not None:  # strings no cell shows that hold a value that must be gone
                for offset, in_use in enumerate(used[first:last]):
                    if not in_use and out[offset] is not _BLANK and finder.found(out[offset]):
                        out[offset] = _BLANK
            return out

        blob = self.written.rewritten[name] = Blob(self.folder)
        for piece in rewrite_strings(
            self.archive, name, rewrite, edit.strings, edit.references_delta
        ):
            blob.write(piece)
        blob.finish()

    def _old_texts(self) -> Iterator[str]:
        """The old values of the changed cells, as text (shared strings' as the file holds them)."""
        edit = self.edit
        for _, _, index, text in edit.old_values:
            if index < 0:
                yield text
        for _, text in edit.old_texts:
            yield text

    def _old_cells(self, found: Collection[bytes]) -> list[str]:
        """The cells, in order, one of whose old value's forms is in ``found`` (asked only when
        an old value remains, so that no map of every form to its cell is kept)."""
        wanted = set(found)

        def holds(text: str) -> bool:
            return not wanted.isdisjoint(needles(text))

        edit = self.edit
        indexes = {index for index, text in edit.old_texts if holds(text)}
        return sorted(
            f"{sheet}!{cell}"
            for sheet, cell, index, text in edit.old_values
            if (index in indexes if index >= 0 else holds(text))
        )

    def _summary(self) -> str | None:
        """The summary sheet, put first, and the parts that name it."""
        summary, package, edit = self.summary, self.package, self.edit
        if summary is None:
            return None
        names = package.names()
        name = free_sheet_name(summary.name, names)
        part = free_name(self.taken, "xl/worksheets/sheet{}.xml")
        xml = summary_sheet(summary, edit.styles, edit.listed, edit.more_listed, list(names))
        self.written.new.append((part, blob_of(self.folder, xml)))
        package.types.override(part, CONTENT_TYPE[WORKSHEET])
        rid = new_id(r.id for r in package.workbook_rels)
        self._add_relationships(
            rels_name(package.workbook),
            [(rid, REL_TYPE[WORKSHEET], _relative(package.workbook, part))],
        )
        sheet_id = max((s.sheet_id for s in package.sheets), default=0) + 1
        workbook = self.written.texts.get(package.workbook) or self.archive.read(package.workbook)
        self.written.texts[package.workbook] = with_summary_sheet(workbook, name, sheet_id, rid)
        return name

    def _styles(self) -> None:
        styles, package = self.edit.styles, self.package
        if not styles.changed():
            return
        if package.styles is not None:
            self.written.texts[package.styles] = styles.written()
            return
        part = free_name(self.taken, "xl/styles{}.xml")
        self.written.new.append((part, blob_of(self.folder, [styles.written()])))
        package.types.override(part, CONTENT_TYPE[STYLES])
        rid = new_id(r.id for r in package.workbook_rels)
        self._add_relationships(
            rels_name(package.workbook),
            [(rid, REL_TYPE[STYLES], _relative(package.workbook, part))],
        )

    def _calc_chain(self) -> None:
        """The calculation chain without the cells whose formulas are gone (Excel repairs a
        chain naming a cell that has none)."""
        archive, package, edit = self.archive, self.package, self.edit
        if not edit.formulas_removed:
            return
        chain = next(
            (r for r in package.workbook_rels if r.type == CALC_CHAIN and archive.has(r.target)),
            None,
        )
        if chain is None:
            return
        sheet_ids = {s.index: s.sheet_id for s in package.sheets}
        removed = {(sheet_ids.get(index, -1), ref) for index, ref in edit.formulas_removed}
        current = [0]
        inherit = [False]  # an entry that named its sheet is gone: the next one names it

        def entry(match: re.Match[bytes]) -> bytes:
            tag = match[0]
            sheet = re.search(rb"""\bi\s*=\s*["']([0-9]+)["']""", tag)
            if sheet is not None:
                current[0] = int(sheet[1])
            ref = re.search(rb"""\br\s*=\s*["']([^"']+)["']""", tag)
            if ref is not None and (current[0], ref[1].decode("ascii", "replace")) in removed:
                inherit[0] = inherit[0] or sheet is not None
                return b""
            if inherit[0] and sheet is None:
                tag = set_attribute(tag, b"i", str(current[0]).encode())
            inherit[0] = False
            return tag

        name = archive.info(chain.target).filename  # type: ignore[union-attr]
        self.written.texts[name] = re.sub(rb"<(?:\w+:)?c\b[^>]*/>", entry, archive.read(name))

    def _package_parts(self) -> None:
        """[Content_Types].xml with the new parts; an .xlsm written as .xlsx loses its macros."""
        archive, package, written = self.archive, self.package, self.written
        types = package.types.written()
        if self.output.suffix.lower() == ".xlsx":
            macros = {
                info.filename
                for info in archive.infos
                if any(kind in package.types.of(info.filename) for kind in _MACRO_TYPES)
                or info.filename.lower().endswith("vbaproject.bin")
            }
            vba = [r for r in package.workbook_rels if r.type == VBA or r.target in macros]
            if macros or vba or b"macroEnabled.main" in types:
                types = main_workbook_type(types)
                if vba:
                    rels = archive.info(rels_name(package.workbook))
                    assert rels is not None
                    data = written.texts.get(rels.filename) or archive.read(rels.filename)
                    written.texts[rels.filename] = remove_relationships(data, [r.id for r in vba])
                for name in macros:
                    written.dropped.add(name)
                    types = without_override(types, name)
                    own = archive.info(rels_name(name))
                    if own is None:
                        continue
                    written.dropped.add(own.filename)
                    for signed in relationships(archive, name):
                        found = archive.info(signed.target)
                        if found is not None:
                            written.dropped.add(found.filename)
                            types = without_override(types, found.filename)
        if types != package.types.data:
            written.texts["[Content_Types].xml"] = types

    # --- the search, the writing ------------------------------------------------------------

    def _check_gone(self, gone: Sequence[str]) -> None:
        """Refuse if a text of ``gone``, or an old value of a changed cell, remains in a part
        that is not a cell.

        The texts are searched for a batch at a time (one set of their forms, shared
        with the search: a masked list of 200,000 rows has 400,000 of them), so that
        memory stays flat however many cells changed; each batch reads the parts again.
        """
        texts = itertools.chain(gone, self._old_texts())
        while batch := list(itertools.islice(texts, _SEARCHED_AT_ONCE)):
            forms = frozenset(n for text in batch for n in needles(text))
            del batch
            if forms:
                self._search_parts(search(forms))

    def _search_parts(self, finder: Search) -> None:
        """Refuse if a needle of ``finder`` is in a part that is not a cell."""
        archive, written = self.archive, self.written
        strings = self.package.shared_strings
        for name, data in written.outside.items():  # sheets: all but their cells
            self._refuse_if(name, finder.found(data))
        for name, data in written.texts.items():
            self._refuse_if(name, finder.found(data))
        for name, blob in [*written.rewritten.items(), *written.new]:
            if name in written.outside or name in written.texts or name == strings:
                continue
            self._refuse_if(name, _found_in(_inflated(blob), finder))
        for info in archive.infos:
            name = info.filename
            if name in written.rewritten or name in written.texts or name in written.dropped:
                continue
            if name in written.outside or name == strings:
                continue
            self._refuse_if(name, _found_in(archive.chunks(name), finder))

    def _refuse_if(self, part: str, found: set[bytes]) -> None:
        if not found:
            return
        cells = self._old_cells(found)
        if cells:
            raise PrivacyError.of(
                N_(
                    "{path}: the old value of {cell} would remain in the written file "
                    "({part}); nothing was written"
                ),
                path=self.shown,
                cell=cells[0],
                part=part,
            )
        raise PrivacyError.of(
            N_(
                "{path}: a value that must be gone would remain in the written file ({part}); "
                "nothing was written"
            ),
            path=self.shown,
            part=part,
        )

    def _write(self) -> None:
        """The output, atomically: every part in the source's order, the new ones after."""
        archive, written, output = self.archive, self.written, self.output
        for name, data in written.texts.items():
            written.rewritten[name] = blob_of(self.folder, [data])
        try:
            with atomic_binary(output) as stream:
                out = ZipOut(stream)
                for info in archive.infos:
                    if info.filename in written.dropped:
                        continue
                    blob = written.rewritten.get(info.filename)
                    if blob is not None:
                        out.add(info.filename, blob, like=info)
                    else:
                        out.copy(archive, info)
                for name, blob in written.new:
                    out.add(name, blob)
                out.close()
        except (InputError, OutputError):
            raise
        except OSError as e:
            raise _cannot_write(output, e) from None


def _inflated(blob: Blob) -> Iterator[bytes]:
    """A blob's part, inflated again, a chunk at a time."""
    blob.finish()
    blob.file.seek(0)
    inflate = zlib.decompressobj(-15)
    while chunk := blob.file.read(CHUNK):
        yield inflate.decompress(chunk)
    yield inflate.flush()


def _found_in(chunks: Iterable[bytes], finder: Search) -> set[bytes]:
    """The needles of ``finder`` in a part given as chunks (one may lie across two)."""
    found: set[bytes] = set()
    tail = b""
    longest = max(map(len, finder.needles), default=1)
    for chunk in chunks:
        window = tail + chunk
        found |= finder.found(window)
        tail = window[-(longest - 1) :] if longest > 1 else b""
    return found
