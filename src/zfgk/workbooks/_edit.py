"""Editing an .xlsx in place: :func:`edit_workbook`, the one entry of the room.

The parts are taken in three passes over the source, none of which holds
a sheet in memory: the sheets to edit (and, where their merged ranges are
not given, a first read for those), streamed through :class:`SheetEdit`;
the other sheets, read for the shared strings their cells use; then the
output, written in the source's order, each part left alone copied as
stored.  Before anything is written, every part the edit did not rewrite
(and the parts of a sheet that are not cells) is searched for the texts
that must be gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from contextlib import ExitStack
from pathlib import Path

import attrs

from zfgk.errors import InputError, InvalidArgumentError, OutputError, PrivacyError
from zfgk.i18n import N_, Message, os_reason
from zfgk.tables import atomic_binary
from zfgk.workbooks._archive import MAX_PART, Archive
from zfgk.workbooks._comments import AUTHOR, CommentsWriter, Layout, vml_blocks
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
    add_relationships,
    free_name,
    main_workbook_type,
    new_id,
    relationships,
    rels_name,
    remove_relationships,
    without_override,
)
from zfgk.workbooks._search import needles, search
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

__all__ = ["Edited", "SheetEdits", "edit_workbook"]

_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData\s*>")
_TAB_SELECTED = re.compile(rb"""\btabSelected\s*=\s*["'](?:1|true)["']""")
_CELL_SHEETS = ("worksheet", "xlMacrosheet", "xlIntlMacrosheet", "dialogsheet")


@attrs.frozen
class SheetEdits:
    """What to do to one sheet: cells to replace, cells to mark, its merged ranges if known.

    ``replace`` holds (row, column, new text) and ``mark`` (row, column,
    :class:`Mark`), rows and columns from 1 as the sheet shows them; a
    mapping of (row, column) to the text or mark does as well.  A list (or
    mapping) is sorted by the room; a stream (a generator) must come in row
    order, row then column, and is then never held whole: memory stays flat.
    ``merges`` are the sheet's merged ranges (first row, first column,
    last row, last column, from 1) when the caller has read them; else the
    room reads them, one more pass over the sheet.  A cell inside a merged
    range stands for the range's first cell.
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
    """

    path: Path
    changed: int
    marked: int
    summary: str | None = None
    converted: bool = False
    lost: tuple[Message, ...] = ()
    old_values: tuple[tuple[str, str], ...] = ()


def _pairs(items: object) -> Iterable[tuple[int, int, object]]:
    if isinstance(items, Mapping):
        return sorted(((r, c, v) for (r, c), v in items.items()), key=lambda t: (t[0], t[1]))
    return items  # type: ignore[return-value]


def _has(items: object) -> bool:
    return not (isinstance(items, Sized) and len(items) == 0)


@attrs.define
class _Written:
    """The parts of the output: rewritten ones by name, new ones in order, dropped ones."""

    rewritten: dict[str, Blob] = attrs.Factory(dict)
    new: list[tuple[str, Blob]] = attrs.Factory(list)
    dropped: set[str] = attrs.Factory(set)
    # Parts written whole in memory (small): searched for what must be gone, then blobs.
    texts: dict[str, bytes] = attrs.Factory(dict)


def edit_workbook(
    source: Path,
    output: Path,
    sheets: Mapping[str, SheetEdits],
    *,
    summary: Summary | None = None,
    gone: Iterable[str] = (),
    progress: Callable[[int], None] | None = None,
    comments_at_end: bool = False,
    _old_values: bool = False,
) -> Edited:
    """Write ``source`` (.xlsx, .xlsm) to ``output`` with only the cells of ``sheets`` edited.

    See the package's documentation (:mod:`zfgk.workbooks`) for what is
    kept and how to call it.
    """
    source, output = Path(source), Path(output)
    folder = _folder(output)
    archive = Archive(source)
    with ExitStack() as stack:
        stack.callback(archive.close)
        package = Package.read(archive)
        for name, edits in sheets.items():
            _check_sheet(package, source, name)
            if not isinstance(edits, SheetEdits):
                raise InvalidArgumentError.of(
                    N_("{sheet}: the edits of a sheet must be a SheetEdits"), sheet=name
                )
        if summary is not None:
            check_summary(summary)
        written = _Written()
        stack.callback(lambda: [b.close() for b in (*written.rewritten.values(), *(b for _, b in written.new))])
        styles = Styles(archive.read(package.styles) if package.styles else DEFAULT_STYLES)
        replacing = any(_has(e.replace) for e in sheets.values())
        strings: NewStrings | None = None
        references: References | None = None
        old: bytearray | None = None
        if replacing and package.shared_strings is not None:
            size = count_strings(archive, package.shared_strings)
            strings = NewStrings(size, folder)
            stack.callback(strings.close)
            references = References(size)
            old = bytearray(size)
        edit = Edit(
            path=source,
            folder=folder,
            styles=styles,
            strings=strings,
            references=references,
            old=old,
            collect_old=_old_values,
            progress=progress,
        )
        taken = package.taken()
        blocks = _vml_blocks(archive, package)
        outside: dict[str, bytes] = {}  # the parts of edited sheets that are not cells
        for sheet in package.sheets:
            edits = sheets.get(sheet.name)
            if edits is None:
                continue
            outside[sheet.part], blocks = _edit_sheet(
                archive, package, sheet, edits, edit, written, taken, blocks,
                clear_tab=summary is not None, comments_at_end=comments_at_end,
                stack=stack,
            )  # fmt: skip
        for sheet in package.sheets:  # the other sheets: the strings they use, their tabs
            if sheet.name in sheets or sheet.kind not in _CELL_SHEETS:
                continue
            if not archive.has(sheet.part):
                continue
            outside[sheet.part] = _pass_sheet(archive, sheet.part, edit, written, summary is not None, folder)
        if references is not None:
            for info in archive.infos:  # cells of sheets no workbook entry names (hidden macro sheets)
                kind = package.types.of(info.filename)
                if info.filename not in outside and kind.endswith(
                    ("worksheet+xml", "macrosheet+xml", "dialogsheet+xml")
                ):
                    references.add_part(archive, info.filename)
        texts_gone = [t for t in gone if isinstance(t, str)]
        if strings is not None and package.shared_strings is not None:
            _strings_part(archive, package.shared_strings, edit, written, texts_gone, folder)
        summary_name = None
        if summary is not None:
            summary_name = _add_summary(package, summary, edit, written, taken, folder)
        if styles.changed():
            if package.styles is not None:
                written.texts[package.styles] = styles.written()
            else:
                _new_styles(package, styles, written, taken, folder)
        _calc_chain(archive, package, edit, written, folder)
        _package_parts(archive, package, output, written, folder)
        olds = tuple(_old_texts(edit, archive, package))
        _check_gone(archive, written, outside, [*texts_gone, *(text for _, text in olds)], olds, source)
        _write(archive, output, written)
        return Edited(
            path=output,
            changed=edit.changed,
            marked=edit.marked,
            summary=summary_name,
            old_values=olds,
        )
    raise AssertionError("unreachable")  # pragma: no cover


def _folder(output: Path) -> Path:
    """The output's folder, which the temporary files share; a clear error if it cannot be used."""
    folder = output.resolve().parent
    if not folder.is_dir():
        raise OutputError.of(
            N_("{path}: cannot write the file: {reason}"),
            path=output,
            reason=os_reason(FileNotFoundError(2, "No such file or directory")),
        )
    return folder


def _check_sheet(package: Package, source: Path, name: str) -> None:
    sheet = package.sheet(name)
    if sheet is None:
        raise InvalidArgumentError.of(
            N_("{path}: no sheet named {sheet!r} (sheets: {sheets})"),
            path=source,
            sheet=name,
            sheets=", ".join(package.names()),
        )
    if sheet.kind != WORKSHEET:
        raise InvalidArgumentError.of(
            N_("{path}: the sheet {sheet!r} holds no cells (a chart or macro sheet)"),
            path=source,
            sheet=name,
        )


def _vml_blocks(archive: Archive, package: Package) -> int:
    """The first block of VML shape ids no drawing of the workbook uses."""
    used = {0}
    for info in archive.infos:
        if info.filename.lower().endswith(".vml") or "vmlDrawing" in package.types.of(
            info.filename
        ):
            used |= vml_blocks(archive.read(info.filename))
    return max(used) + 1


def _edit_sheet(
    archive: Archive,
    package: Package,
    sheet: object,
    edits: SheetEdits,
    edit: Edit,
    written: _Written,
    taken: set[str],
    block: int,
    *,
    clear_tab: bool,
    comments_at_end: bool,
    stack: ExitStack,
) -> tuple[bytes, int]:
    """Stream one sheet through its edit; its comment parts; what of it is not cells."""
    from zfgk.workbooks._package import SheetPart

    assert isinstance(sheet, SheetPart)
    part = sheet.part
    merges = (
        list(edits.merges) if edits.merges is not None else read_merges(archive.chunks(part))
    )
    targets = Targets(
        (archive.path, sheet.name), _pairs(edits.replace), _pairs(edits.mark), merges  # type: ignore[arg-type]
    )
    rels = relationships(archive, part)
    comments = None
    existing_comments = next((r for r in rels if r.type == COMMENTS and not r.external), None)
    if _has(edits.mark):
        existing = (
            archive.read(existing_comments.target)
            if existing_comments is not None and archive.has(existing_comments.target)
            else None
        )
        comments = CommentsWriter(
            edit.folder, Layout(), block, existing, declare=any(r.type == VML for r in rels)
        )
        stack.callback(comments.close)
    ids = [r.id for r in rels]

    def legacy_id() -> str:
        rid = new_id(ids)
        ids.append(rid)
        return rid

    editor = SheetEdit(
        edit,
        sheet.name,
        sheet.index,
        targets,
        comments,
        clear_tab=clear_tab,
        comments_at_end=comments_at_end,
        legacy_id=legacy_id,
    )
    blob = Blob(edit.folder)
    written.rewritten[part] = blob
    recorder = _Recorder(archive.chunks(part))
    editor.run(recorder, blob)
    blob.finish()
    if comments is None or not comments.count:
        return recorder.outside(), block
    # The comments part: the sheet's own, or a new one.
    added: list[tuple[str, str, str]] = []
    if existing_comments is not None and archive.has(existing_comments.target):
        name = archive.info(existing_comments.target).filename  # type: ignore[union-attr]
        written.rewritten[name] = blob_of(edit.folder, comments.comments_part())
    else:
        name = free_name(taken, "xl/comments{}.xml")
        written.new.append((name, blob_of(edit.folder, comments.comments_part())))
        package.types.override(name, CONTENT_TYPE[COMMENTS])
        added.append((legacy_id(), REL_TYPE[COMMENTS], _relative(part, name)))
    # The drawing: the sheet's legacy drawing, or a new one.
    vml_rel = next((r for r in rels if r.id == editor.legacy_rid), None)
    if vml_rel is not None and archive.has(vml_rel.target):
        vml_name = archive.info(vml_rel.target).filename  # type: ignore[union-attr]
        vml = comments.vml_part(archive.read(vml_name))
        written.rewritten[vml_name] = blob_of(edit.folder, vml)
    else:
        vml_name = free_name(taken, "xl/drawings/vmlDrawing{}.vml")
        written.new.append((vml_name, blob_of(edit.folder, comments.vml_part(None))))
        package.types.default("vml", CONTENT_TYPE[VML])
        assert editor.added_legacy is not None
        added.append((editor.added_legacy, REL_TYPE[VML], _relative(part, vml_name)))
    if added:
        rels_part = rels_name(part)
        data = archive.read(rels_part) if archive.has(rels_part) else None
        made = add_relationships(data, added)
        if data is None:
            taken.add(rels_part.lower())
            written.new.append((rels_part, blob_of(edit.folder, [made])))
        else:
            written.texts[archive.info(rels_part).filename] = made  # type: ignore[union-attr]
    return recorder.outside(), max(comments.blocks) + 1


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
            self._state = 1
            if found[1]:
                self._state = 2
                self._tail += rest
                return
            chunk = rest
        if self._state == 1:
            window = self._tail + chunk  # the tail holds at most a tag's worth here
            end = _SHEET_DATA_END.search(window)
            if end is None:
                self._tail = bytearray(window[-32:])
                return
            self._state = 2
            self._tail = bytearray(window[end.end() :])
            return
        if len(self._tail) <= MAX_PART:
            self._tail += chunk

    def outside(self) -> bytes:
        return bytes(self._head) + (bytes(self._tail) if self._state == 2 else b"")


def _pass_sheet(
    archive: Archive, part: str, edit: Edit, written: _Written, clear_tab: bool, folder: Path
) -> bytes:
    """A sheet not edited: the strings its cells use, and its tab unselected if a summary comes first.

    Returns what of the sheet is not cells, for the search for what must be gone.
    """
    references = edit.references
    head = b""
    for chunk in archive.chunks(part):  # the head: the sheet's view
        head += chunk
        if _SHEET_DATA.search(head) is not None or len(head) > MAX_PART:
            break
    found = _SHEET_DATA.search(head)
    selected = clear_tab and found is not None and _TAB_SELECTED.search(head, 0, found.start())
    if references is None and not selected:
        recorder = _Recorder(archive.chunks(part))
        for _ in recorder:
            pass
        return recorder.outside()
    recorder = _Recorder(archive.chunks(part))
    blob = Blob(folder) if selected else None
    if blob is not None:
        written.rewritten[part] = blob
    rest = b""
    first = True
    for chunk in recorder:
        if first and blob is not None:
            found = _SHEET_DATA.search(chunk)
            if found is not None:
                chunk = re.sub(
                    rb"""\s+tabSelected\s*=\s*["'](?:1|true)["']""", b"", chunk[: found.start()]
                ) + chunk[found.start() :]
            first = False
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
    return recorder.outside()


def _strings_part(
    archive: Archive,
    name: str,
    edit: Edit,
    written: _Written,
    gone: Sequence[str],
    folder: Path,
) -> None:
    """The shared strings, old ones no cell uses blanked, the new ones added."""
    assert edit.strings is not None and edit.references is not None and edit.old is not None
    used, old = edit.references.used, edit.old
    if not any(old) and not edit.strings.count:
        return
    finder = search(n for text in gone for n in needles(text)) if gone else None
    texts: dict[int, str] = {}
    wanted = {index for _, index in edit.old_values if isinstance(index, int)}
    blank = b"<si><t/></si>"

    def rewrite(first: int, items: list[bytes]) -> list[bytes]:
        last = first + len(items)
        if wanted:
            for index in range(first, last):
                if index in wanted:
                    texts[index] = text_of(items[index - first])
        out = [
            blank if gone_before and not in_use else item
            for item, gone_before, in_use in zip(items, old[first:last], used[first:last])
        ]
        if finder is not None:  # strings no cell uses that hold a value that must be gone
            for offset, in_use in enumerate(used[first:last]):
                if not in_use and out[offset] is not blank and finder.found(out[offset]):
                    out[offset] = blank
        return out

    blob = Blob(folder)
    written.rewritten[name] = blob
    for piece in rewrite_strings(archive, name, rewrite, edit.strings, edit.references_delta):
        blob.write(piece)
    blob.finish()
    edit.old_texts = texts


def _old_texts(edit: Edit, archive: Archive, package: Package) -> Iterator[tuple[str, str]]:
    """The old values of the changed cells, as text (shared strings looked up)."""
    texts = edit.old_texts
    for cell, value in edit.old_values:
        if isinstance(value, int):
            found = texts.get(value)
            if found is not None:
                yield cell, found
        else:
            yield cell, str(value)


def _add_summary(
    package: Package,
    summary: Summary,
    edit: Edit,
    written: _Written,
    taken: set[str],
    folder: Path,
) -> str:
    """The summary sheet, put first, and the parts that name it."""
    archive = package.archive
    names = package.names()
    name = free_sheet_name(summary.name, names)
    part = free_name(taken, "xl/worksheets/sheet{}.xml")
    sheet_names = list(names)
    written.new.append(
        (
            part,
            blob_of(
                folder,
                summary_sheet(summary, edit.styles, edit.listed, edit.more_listed, sheet_names),
            ),
        )
    )
    package.types.override(part, CONTENT_TYPE[WORKSHEET])
    rels_part = rels_name(package.workbook)
    rid = new_id(r.id for r in package.workbook_rels)
    target = _relative(package.workbook, part)
    rels = written.texts.get(rels_part) or archive.read(rels_part)
    written.texts[archive.info(rels_part).filename] = add_relationships(  # type: ignore[union-attr]
        rels, [(rid, REL_TYPE[WORKSHEET], target)]
    )
    sheet_id = max((s.sheet_id for s in package.sheets), default=0) + 1
    workbook = written.texts.get(package.workbook) or archive.read(package.workbook)
    written.texts[package.workbook] = with_summary_sheet(workbook, name, sheet_id, rid)
    return name


def _calc_chain(
    archive: Archive, package: Package, edit: Edit, written: _Written, folder: Path
) -> None:
    """The calculation chain without the cells whose formulas are gone (Excel repairs a stale one)."""
    if not edit.formulas_removed:
        return
    chain = next(
        (r for r in package.workbook_rels if r.type == CALC_CHAIN and archive.has(r.target)), None
    )
    if chain is None:
        return
    sheet_ids = {s.index: s.sheet_id for s in package.sheets}
    gone = {(sheet_ids.get(index, -1), ref) for index, ref in edit.formulas_removed}
    data = archive.read(chain.target)
    current = [0]
    carry: list[bytes] = []

    def entry(match: re.Match[bytes]) -> bytes:
        tag = match[0]
        sheet = re.search(rb"""\bi\s*=\s*["']([0-9]+)["']""", tag)
        own = int(sheet[1]) if sheet is not None else None
        if own is not None:
            current[0] = own
        ref = re.search(rb"""\br\s*=\s*["']([^"']+)["']""", tag)
        if ref is not None and (current[0], ref[1].decode()) in gone:
            if own is not None:
                carry.append(sheet[0] if sheet is not None else b"")  # the next entry inherits it
            return b""
        if carry and own is None:
            carry.clear()
            return set_attribute(tag, b"i", str(current[0]).encode())
        carry.clear()
        return tag

    made = re.sub(rb"<(?:\w+:)?c\b[^>]*/>", entry, data)
    name = archive.info(chain.target).filename  # type: ignore[union-attr]
    written.texts[name] = made


def _new_styles(
    package: Package, styles: Styles, written: _Written, taken: set[str], folder: Path
) -> None:
    """A style sheet for a workbook that had none."""
    archive = package.archive
    part = free_name(taken, "xl/styles{}.xml")
    written.new.append((part, blob_of(folder, [styles.written()])))
    package.types.override(part, CONTENT_TYPE[STYLES])
    rels_part = rels_name(package.workbook)
    rels = written.texts.get(rels_part) or archive.read(rels_part)
    rid = new_id(r.id for r in package.workbook_rels)
    written.texts[archive.info(rels_part).filename] = add_relationships(  # type: ignore[union-attr]
        rels, [(rid, REL_TYPE[STYLES], _relative(package.workbook, part))]
    )


_MACRO_TYPES = ("vbaProject", "vbaProjectSignature", "ms-excel.vbaProject")


def _package_parts(
    archive: Archive, package: Package, output: Path, written: _Written, folder: Path
) -> None:
    """[Content_Types].xml with the new parts; a macro-enabled source written as .xlsx loses its macros."""
    types = package.types.written()
    if output.suffix.lower() == ".xlsx":
        macros = {
            info.filename
            for info in archive.infos
            if any(kind in package.types.of(info.filename) for kind in _MACRO_TYPES)
            or info.filename.lower().endswith("vbaproject.bin")
        }
        vba = [r for r in package.workbook_rels if r.type == VBA or r.target in macros]
        if macros or vba or b"macroEnabled.main" in types:
            types = main_workbook_type(types)
            rels_part = rels_name(package.workbook)
            if vba:
                rels = written.texts.get(rels_part) or archive.read(rels_part)
                written.texts[archive.info(rels_part).filename] = remove_relationships(  # type: ignore[union-attr]
                    rels, [r.id for r in vba]
                )
            for name in macros:
                written.dropped.add(name)
                types = without_override(types, name)
                own = archive.info(rels_name(name))
                if own is not None:
                    written.dropped.add(own.filename)
                    for signed in relationships(archive, name):
                        found = archive.info(signed.target)
                        if found is not None:
                            written.dropped.add(found.filename)
                            types = without_override(types, found.filename)
    if types != package.types.data:
        written.texts["[Content_Types].xml"] = types


def _check_gone(
    archive: Archive,
    written: _Written,
    outside: Mapping[str, bytes],
    texts: Sequence[str],
    olds: Sequence[tuple[str, str]],
    source: Path,
) -> None:
    """Refuse if a text that must be gone remains in a part that is not a cell; nothing is written."""
    forms = {n: text for text in texts for n in needles(text)}
    if not forms:
        return
    finder = search(forms)
    owner = {n: cell for cell, text in olds for n in needles(text)}

    def refuse(part: str, found: set[bytes]) -> PrivacyError:
        cells = sorted(owner[n] for n in found if n in owner)
        if cells:
            return PrivacyError.of(
                N_(
                    "{path}: the old value of {cell} would remain in the written file "
                    "({part}); nothing was written"
                ),
                path=source,
                cell=cells[0],
                part=part,
            )
        return PrivacyError.of(
            N_(
                "{path}: a value that must be gone would remain in the written file ({part}); "
                "nothing was written"
            ),
            path=source,
            part=part,
        )

    for part, data in written.texts.items():
        if part not in outside and (found := finder.found(data)):
            raise refuse(part, found)
    for part, data in outside.items():
        if found := finder.found(data):
            raise refuse(part, found)
    shared = {name for name in written.rewritten if name not in outside}
    for info in archive.infos:
        name = info.filename
        if name in outside or name in written.texts or name in written.dropped:
            continue
        if name in written.rewritten:
            if name in shared and not name.lower().endswith("sharedstrings.xml"):
                blob = written.rewritten[name]
                blob.file.seek(0)
                import zlib

                data = zlib.decompress(blob.file.read(), -15)
                if found := finder.found(data):
                    raise refuse(name, found)
            continue
        if info.file_size > 0 and (found := _search_part(archive, name, finder)):
            raise refuse(name, found)
    for name, blob in written.new:
        blob.file.seek(0)
        import zlib

        data = zlib.decompress(blob.file.read(), -15)
        if found := finder.found(data):
            raise refuse(name, found)


def _search_part(archive: Archive, name: str, finder: object) -> set[bytes]:
    from zfgk.workbooks._search import Search

    assert isinstance(finder, Search)
    found: set[bytes] = set()
    tail = b""
    longest = max(map(len, finder.needles), default=0)
    for chunk in archive.chunks(name):
        window = tail + chunk
        found |= finder.found(window)
        tail = window[-longest:] if longest else b""
    return found


def _write(archive: Archive, output: Path, written: _Written) -> None:
    """The output, atomically: every part in the source's order, the new ones after."""
    for name, data in list(written.texts.items()):
        written.rewritten[name] = blob_of(_folder(output), [data])
    try:
        with atomic_binary(output) as stream:
            out = ZipOut(stream)
            for info in archive.infos:
                name = info.filename
                if name in written.dropped:
                    continue
                blob = written.rewritten.get(name)
                if blob is not None:
                    out.add(name, blob, like=info)
                else:
                    out.copy(archive, info)
            for name, blob in written.new:
                out.add(name, blob)
            out.close()
    except InputError:
        raise
    except OSError as e:
        if isinstance(e, OutputError):
            raise
        raise OutputError.of(
            N_("{path}: cannot write the file: {reason}"), path=output, reason=os_reason(e)
        ) from None


#: Re-exported for the package's users.
AUTHOR_NAME = AUTHOR
