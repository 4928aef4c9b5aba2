"""Reading a catalogue sheet back, whether zfgk wrote it or an officer did."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from zfgk.errors import CatalogueError, InputError, InvalidArgumentError, ZfgkError
from zfgk.fields import make_element
from zfgk.i18n import N_, Message
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Element,
    Field,
    Inference,
    Item,
    LabelKind,
    Level,
    Mode,
    Note,
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
    normalize_text,
    parse_labels,
)
from zfgk.spreadsheet._layout import (
    ATTRIBUTE_OF,
    COLUMNS,
    DATA_COLUMN,
    DERIVED_NOTE,
    NOTHING,
    STANDARD_TOTAL,
    digest,
    split_lines,
)
from zfgk.tables import read_table

_ENTRY = re.compile(r"(?:(?P<marker>[●○])\s*|(?P<number>\d+)\s*[.．、]\s*)?(?P<text>.*)")
_INHERITED = re.compile(r"\s*（同第\s*(?P<item>\d+)\s*项）\s*$")


class _Cell:
    """Where a value is: the file, its row and its column, for error messages."""

    def __init__(self, path: Path, row: int, column: str) -> None:
        self.where = Message(
            N_("{path}: row {row}, column {column}"), path=path, row=row, column=column
        )

    def error(self, template: str, /, **params: Any) -> CatalogueError:
        """A :class:`~zfgk.CatalogueError` saying ``template`` of this cell."""
        return CatalogueError.of(
            N_("{where}: {problem}"), where=self.where, problem=Message(template, **params)
        )

    def error_from(self, error: ZfgkError) -> CatalogueError:
        """A :class:`~zfgk.CatalogueError` saying what ``error`` says, of this cell."""
        return CatalogueError.of(
            N_("{where}: {problem}"), where=self.where, problem=error.as_message()
        )


def _label_set(text: str, kind: type[LabelKind], cell: _Cell) -> frozenset[LabelKind] | None:
    """The labels of a cell: blank is None (not given), （无） none ticked."""
    text = text.strip()
    if not text:
        return None
    if text == NOTHING:
        return frozenset()
    try:
        return parse_labels(kind, text)
    except InvalidArgumentError as e:
        raise cell.error_from(e) from None


def _notes(recorded: Any, cell: _Cell) -> tuple[Note, ...]:
    """Notes as the machine column recorded them (a sheet of an older zfgk: English text)."""
    try:
        if not isinstance(recorded, list):
            raise TypeError("a list of notes")
        return tuple(Note.from_json(note) for note in recorded)
    except TypeError:
        raise cell.error(
            N_("the notes it records are not notes zfgk wrote; clear the cell")
        ) from None


def _stored_element(
    text: str, data: dict[str, Any], marker: str | None, inherited_from: int | None, cell: _Cell
) -> Element:
    """An entry as the machine column recorded it, judgements and all."""
    older = data.get("note")  # a sheet written by zfgk 0.x: one note, in English
    recorded = data.get("notes", [] if older is None else [older])
    return Element(
        text=text,
        fields=tuple(
            Field(name, PersonalKind(personal) if personal else None, bool(masked))
            for name, personal, masked in data.get("fields", [])
        ),
        required=marker != "○",
        marker=marker,
        open=bool(data.get("open", False)),
        inherited_from=inherited_from,
        notes=_notes(recorded, cell),
    )


def _derived_element(
    text: str, marker: str | None, inherited_from: int | None, cell: _Cell
) -> Element:
    """An entry written or edited in the sheet: fields by :mod:`zfgk.fields`' rules."""
    try:
        return make_element(
            text,
            required=marker != "○",
            marker=marker,
            inherited_from=inherited_from,
            notes=(Note.of(DERIVED_NOTE),),
        )
    except InvalidArgumentError as e:
        raise cell.error_from(e) from None


def _elements(
    text: str, stored: list[dict[str, Any]], cell: _Cell, data_cell: _Cell
) -> tuple[Element, ...]:
    by_text: dict[str, list[dict[str, Any]]] = {}
    for entry in stored:
        by_text.setdefault(entry.get("text", ""), []).append(entry)
    elements = []
    for written in split_lines(text):
        inherited = _INHERITED.search(written)
        line = written[: inherited.start()] if inherited else written
        m = _ENTRY.fullmatch(line)
        assert m is not None  # the pattern matches any line
        entry_text = m.group("text").strip()
        if not entry_text:
            raise cell.error(N_("an entry with no text ({line!r})"), line=line)
        marker = m.group("marker")
        inherited_from = int(inherited.group("item")) if inherited else None
        kept = by_text.get(entry_text)
        if kept:
            element = _stored_element(entry_text, kept.pop(0), marker, inherited_from, data_cell)
        else:
            element = _derived_element(entry_text, marker, inherited_from, cell)
        if not element.fields:
            raise cell.error(N_("the entry {entry!r} names no field"), entry=entry_text)
        elements.append(element)
    if not elements:
        raise cell.error(N_("the item has no content (公开内容)"))
    return tuple(elements)


def _time_limit(text: str, stored: Any, cell: _Cell) -> TimeLimit | None:
    if not text.strip():
        return None
    try:
        parsed = TimeLimit.from_text(text)
    except ValueError:
        raise cell.error(
            N_(
                "cannot read the time limit {text!r}: expected the event the count starts from, "
                'then "N个工作日内"'
            ),
            text=text,
        ) from None
    if isinstance(stored, list) and len(stored) == 2 and stored[0] == parsed.working_days:
        return TimeLimit(parsed.text, parsed.working_days, str(stored[1]))
    return parsed


def _machine_data(path: Path, row: int, values: dict[str, str]) -> dict[str, Any]:
    """What the row's zfgk数据 cell recorded, or nothing where it is blank or gone."""
    raw = values.get(DATA_COLUMN, "").strip()
    try:
        data: dict[str, Any] = json.loads(raw) if raw else {}
    except json.JSONDecodeError as e:
        raise _Cell(path, row, DATA_COLUMN).error(
            N_("not valid JSON ({error}); clear the cell"), error=e.msg
        ) from None
    return data


def _number(path: Path, row: int, values: dict[str, str]) -> int:
    text = values.get("序号", "").strip()
    try:
        return int(float(text))
    except ValueError:
        raise _Cell(path, row, "序号").error(
            N_("not an item number: {text!r}"), text=text
        ) from None


def _still_holding(
    data: dict[str, Any], number: int, visible: dict[str, str]
) -> tuple[dict[str, Any], set[str]]:
    """The recorded data that still holds, and the attributes whose cells were edited.

    Judgements recorded about a cell hold only while it says what it said
    when written, and provenance only for the row it was written for.
    """
    edited = {
        ATTRIBUTE_OF[column]
        for column, recorded in dict(data.get("cells", {})).items()
        if column in ATTRIBUTE_OF and digest(visible.get(column, "")) != recorded
    }
    if data.get("number", number) != number:  # a row copied from another item
        edited = set(ATTRIBUTE_OF.values())
        data = {key: data[key] for key in ("elements", "time_limit") if key in data}
    return data, edited


def _subjects(text: str) -> tuple[str, ...] | None:
    if not text.strip():
        return None
    return () if text.strip() == NOTHING else tuple(split_lines(text))


def _item(
    path: Path, row: int, values: dict[str, str], category: str
) -> tuple[Item, dict[str, Any]]:
    number = _number(path, row, values)
    name = re.sub(r"\s+", "", values.get("二级事项", ""))
    if not name:
        raise _Cell(path, row, "二级事项").error(N_("an item needs a name"))
    data, edited = _still_holding(
        _machine_data(path, row, values), number, {**values, "一级事项": category}
    )

    def cell(column: str) -> _Cell:
        return _Cell(path, row, column)

    def labels(column: str, kind: type[LabelKind]) -> frozenset[LabelKind] | None:
        return _label_set(values.get(column, ""), kind, cell(column))

    item = Item(
        number=number,
        category=category,
        name=name,
        elements=_elements(
            values.get("公开内容", ""),
            list(data.get("elements", [])),
            cell("公开内容"),
            cell(DATA_COLUMN),
        ),
        basis=tuple(split_lines(values.get("公开依据", ""))),
        time_limit=_time_limit(
            values.get("公开时限", ""), data.get("time_limit"), cell("公开时限")
        ),
        subjects=_subjects(values.get("公开主体", "")),
        channels=labels("公开渠道和载体", Channel),
        audiences=labels("公开对象", Audience),
        modes=labels("公开方式", Mode),
        levels=labels("公开层级", Level),
        inferred=_inferred(data.get("inferred", []), edited, cell(DATA_COLUMN)),
        source_line=data.get("source_line"),
        source_cells=tuple(SourceCell(c, t) for c, t in data.get("source_cells", [])),
    )
    meta = dict(data.get("catalogue", {}))
    if "notes" in meta:
        meta["notes"] = _notes(meta["notes"], cell(DATA_COLUMN))
    return item, meta


def _inferred(recorded: list[Any], edited: set[str], cell: _Cell) -> tuple[Inference, ...]:
    """The inferences recorded about cells not edited since."""
    kept = [(a, n, f) for a, n, f in recorded if a not in edited]
    notes = _notes([n for _, n, _ in kept], cell)
    return tuple(Inference(a, note, f) for (a, _, f), note in zip(kept, notes, strict=True))


def read(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue sheet (a workbook, ``.xlsx``, ``.xls``, ``.ods`` …, or ``.csv``) into a :class:`~zfgk.Catalogue`.

    Anything it cannot read raises :class:`~zfgk.CatalogueError` naming the
    file, the row and the column:

    >>> import pathlib, tempfile
    >>> from zfgk import spreadsheet
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "县目录.csv"
    >>> _ = path.write_text(
    ...     "序号,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\\n"
    ...     '19,配给管理,分配结果,● 保障对象姓名、房号,《公共租赁住房管理办法》,信息形成（变更）20个工作日内,县住建局,"政府网站\\n微博",全社会,主动,县级\\n',
    ...     encoding="utf-8-sig")
    >>> spreadsheet.read(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CatalogueError: .../县目录.csv: row 2, column 公开渠道和载体: unknown channel label '微博' (known: ...)
    """
    source = Path(path)
    try:
        table = read_table(source, known=(*COLUMNS, DATA_COLUMN))
    except InputError as e:
        raise CatalogueError.like(e) from None
    header = table.header or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CatalogueError.of(
            N_(
                "{source}: {where}: not a catalogue sheet: it lacks the columns {lacking} (a sheet needs {needed})"
            ),
            source=source,
            where=table.header_place,
            lacking="、".join(missing),
            needed="、".join(COLUMNS),
        )
    items: list[Item] = []
    meta: dict[str, Any] = {}
    seen: dict[int, int] = {}
    category = ""
    try:
        for row, values in table.lists():
            cells = dict(zip(header, values, strict=False))
            category = re.sub(r"\s+", "", cells.get("一级事项", "")) or category
            if not category:
                raise _Cell(source, row, "一级事项").error(N_("the first item needs a category"))
            item, item_meta = _item(source, row, cells, category)
            if item.number in seen:
                raise _Cell(source, row, "序号").error(
                    N_("item {number} again (also in row {first})"),
                    number=item.number,
                    first=seen[item.number],
                )
            seen[item.number] = row
            items.append(item)
            meta = meta or item_meta
    except InputError as e:
        raise CatalogueError.like(e) from None
    if not items:
        raise CatalogueError.of(N_("{source}: the sheet holds no items"), source=source)
    return _catalogue(source, items, meta)


def _catalogue(path: Path, items: list[Item], meta: dict[str, Any]) -> Catalogue:
    numbers = sorted(i.number for i in items)
    # A county may add items of its own after the standard's: the numbers decide.
    total = max(int(meta.get("total", STANDARD_TOTAL)), numbers[-1])
    source = meta.get("source")
    if isinstance(source, list) and len(source) == 4:
        origin = Source(*map(str, source))
    else:
        origin = Source(
            title=path.name,
            file=str(path),
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            origin="a catalogue kept in a spreadsheet",
        )
    categories = tuple(meta.get("categories") or dict.fromkeys(i.category for i in items))
    for item in items:
        if item.category not in categories:
            categories = (*categories, item.category)
    return Catalogue(
        name=str(meta.get("name") or normalize_text(path.stem)),
        title=str(meta.get("title") or path.stem),
        region=str(meta.get("region", "")),
        source=origin,
        complete=numbers == list(range(1, total + 1)),
        total=total,
        items=tuple(items),
        categories=categories,
        notes=tuple(meta.get("notes", ())),
    )
