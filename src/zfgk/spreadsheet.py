"""Catalogues as officers keep them: one spreadsheet row per item, in the source's columns.

:func:`write` puts a catalogue in an ``.xlsx`` workbook or a ``.csv`` file
(UTF-8 with a BOM, so that Excel in China opens it right); :func:`read`
reads one back, and :func:`zfgk.load_file` uses it for those suffixes.

The columns are the source table's, in its order (:data:`COLUMNS`):
序号, 一级事项, 二级事项, 公开内容 (one entry a line: ``● …``/``○ …`` where
the source marks them, ``1. …`` where it numbers them), 公开依据 (one a
line), 公开时限, 公开主体 and 公开渠道和载体 (one a line), 公开对象, 公开方式
and 公开层级 (labels separated by 、).  A blank cell is a value the source
does not give (``None``); ``（无）`` is a row with nothing ticked.  A blank
一级事项 continues the one above, as a merged cell does.

The last column, ``zfgk数据``, holds what a cell cannot show: how each
entry is split into fields, the judgements recorded in the data, where
each row comes from in the source, and (in the first row) the catalogue's
own title, region and source.  With it, export then load gives back an
equal catalogue.  An officer may leave it out, or edit the visible cells:
an entry whose text changed gets its fields by zfgk's rules (split at 、,
身份证号 and …姓名 personal, 隐藏部分号码 masked), and says so in its note.

>>> import pathlib, tempfile, zfgk
>>> from zfgk import spreadsheet
>>> path = pathlib.Path(tempfile.mkdtemp()) / "chongqing.csv"
>>> spreadsheet.write(zfgk.load("chongqing"), path)
>>> spreadsheet.read(path) == zfgk.load("chongqing")
True
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from zfgk.errors import CatalogueError, InputError, InvalidArgumentError
from zfgk.i18n import N_, Message
from zfgk.model import COLUMNS as ITEM_COLUMNS
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Element,
    Field,
    Inference,
    Item,
    Level,
    Mode,
    PersonalKind,
    Source,
    SourceCell,
    TimeLimit,
    normalize_text,
)
from zfgk.tables import atomic_binary, read_table

__all__ = ["COLUMNS", "DATA_COLUMN", "read", "write"]

#: The columns of a catalogue sheet, in the source table's order.
COLUMNS = (
    "序号",
    "一级事项",
    "二级事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
)
#: The machine column: what the visible cells cannot carry, as JSON.
DATA_COLUMN = "zfgk数据"
#: Standard tables have 43 items; a sheet with more says so by its numbers.
STANDARD_TOTAL = 43
NOTHING = "（无）"

E = TypeVar("E", Audience, Mode, Level, Channel)
_ENTRY = re.compile(r"(?:(?P<marker>[●○])\s*|(?P<number>\d+)\s*[.．、]\s*)?(?P<text>.*)")
_INHERITED = re.compile(r"\s*（同第\s*(?P<item>\d+)\s*项）\s*$")
_MASK_NOTE = re.compile(r"[(（﹝〔\[]\s*隐藏部分号码\s*[)）﹞〕\]]")


# ------------------------------------------------------------------ writing


def _entry(number: int, element: Element) -> str:
    prefix = f"{element.marker} " if element.marker else f"{number}. "
    inherited = f"（同第 {element.inherited_from} 项）" if element.inherited_from else ""
    return f"{prefix}{element.text}{inherited}"


def _labels(values: frozenset[E] | None, kind: type[E], separator: str = "、") -> str:
    if values is None:
        return ""
    labels = [member.value for member in kind if member in values]
    return separator.join(labels) if labels else NOTHING


def _lines(values: Sequence[str] | None) -> str:
    if values is None:
        return ""
    return "\n".join(values) if values else NOTHING


#: The item attribute each visible column holds.
ATTRIBUTE_OF = {column: attribute for attribute, column in ITEM_COLUMNS.items()}


def _digest(text: str) -> str:
    """A short fingerprint of a cell's text, blind to line endings and blank lines."""
    return hashlib.sha256("\n".join(_split_lines(text)).encode()).hexdigest()[:12]


def _data(item: Item, visible: dict[str, str], catalogue: Catalogue | None) -> str:
    data: dict[str, Any] = {
        "number": item.number,
        "elements": [
            {
                "text": e.text,
                "fields": [
                    [f.name, f.personal.value if f.personal else None, f.masked] for f in e.fields
                ],
                "open": e.open,
                "note": e.note,
            }
            for e in item.elements
        ],
        # What each visible cell said when written: a cell edited since has
        # lost the judgements recorded about it.
        "cells": {column: _digest(visible[column]) for column in ATTRIBUTE_OF},
    }
    if item.time_limit is not None:
        data["time_limit"] = [item.time_limit.working_days, item.time_limit.trigger]
    if item.inferred:
        data["inferred"] = [[i.attribute, i.note, i.from_item] for i in item.inferred]
    if item.source_line is not None:
        data["source_line"] = item.source_line
    if item.source_cells:
        data["source_cells"] = [[c.column, c.text] for c in item.source_cells]
    if catalogue is not None:
        data["catalogue"] = {
            "name": catalogue.name,
            "title": catalogue.title,
            "region": catalogue.region,
            "source": [
                catalogue.source.title,
                catalogue.source.file,
                catalogue.source.sha256,
                catalogue.source.origin,
            ],
            "complete": catalogue.complete,
            "total": catalogue.total,
            "categories": list(catalogue.categories),
            "notes": list(catalogue.notes),
        }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def rows(catalogue: Catalogue) -> Iterator[list[str | int]]:
    """The sheet's rows, the header first.

    >>> import zfgk
    >>> from zfgk.spreadsheet import rows
    >>> header, first, *_ = rows(zfgk.load("shanyin"))
    >>> first[:3], first[3].splitlines()[:2], first[8:11]
    ([3, '重大决策', '决策前预公开'], ['● 决策公开制度', '○ 调查研究'], ['全社会', '主动', '县级'])
    """
    yield [*COLUMNS, DATA_COLUMN]
    for index, item in enumerate(catalogue):
        visible = {
            "一级事项": item.category,
            "二级事项": item.name,
            "公开内容": "\n".join(_entry(n, e) for n, e in enumerate(item.elements, 1)),
            "公开依据": _lines(item.basis),
            "公开时限": item.time_limit.text if item.time_limit else "",
            "公开主体": _lines(item.subjects),
            "公开渠道和载体": _labels(item.channels, Channel, "\n"),
            "公开对象": _labels(item.audiences, Audience),
            "公开方式": _labels(item.modes, Mode),
            "公开层级": _labels(item.levels, Level),
        }
        yield [
            item.number,
            *visible.values(),
            _data(item, visible, catalogue if index == 0 else None),
        ]


def write(catalogue: Catalogue, path: str | os.PathLike[str]) -> None:
    """Write ``catalogue`` as an ``.xlsx`` workbook or a ``.csv`` file, by the suffix.

    The file is written whole or not at all (a temporary file renamed into
    place).  ``.xlsx`` needs openpyxl (``pip install 'zfgk[xlsx]'``).

    >>> import pathlib, tempfile, zfgk
    >>> from zfgk import spreadsheet
    >>> spreadsheet.write(zfgk.load("shanyin"), pathlib.Path(tempfile.mkdtemp()) / "shanyin.ods")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: cannot write a catalogue as '.ods': use .xlsx or .csv (or .json, with zfgk.catalogues.dumps)
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows(rows(catalogue))
        _replace(target, buffer.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        _replace(target, _workbook(catalogue))
    else:
        raise InvalidArgumentError.of(
            N_(
                "cannot write a catalogue as {suffix!r}: use .xlsx or .csv (or .json, with "
                "zfgk.catalogues.dumps)"
            ),
            suffix=suffix or target.name,
        )


def _replace(path: Path, data: bytes) -> None:
    with atomic_binary(path) as f:
        f.write(data)


_WIDTHS = (6, 10, 16, 44, 52, 18, 18, 22, 10, 9, 9, 12)


def _workbook(catalogue: Catalogue) -> bytes:
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise InvalidArgumentError.of(
            N_("writing .xlsx files needs openpyxl: pip install 'zfgk[xlsx]' (or write .csv)")
        ) from None
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "目录"
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows(catalogue):
        sheet.append(values)
    for column, width in enumerate(_WIDTHS, start=1):
        letter = openpyxl.utils.get_column_letter(column)
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    data_letter = openpyxl.utils.get_column_letter(len(COLUMNS) + 1)
    sheet.column_dimensions[data_letter].hidden = True  # machine data: kept, out of the way
    sheet.freeze_panes = "A2"
    # One merged 一级事项 cell over consecutive items of the same category, as the source.
    first = 2
    items = list(catalogue)
    for index in range(1, len(items) + 1):
        if index == len(items) or items[index].category != items[first - 2].category:
            last = index + 1
            if last > first:
                sheet.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)
            first = last + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ reading


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


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _label_set(text: str, kind: type[E], cell: _Cell) -> frozenset[E] | None:
    """The labels of a cell: blank is None (not given), （无） none ticked."""
    text = text.strip()
    if not text:
        return None
    if text == NOTHING:
        return frozenset()
    members = []
    for part in re.split(r"[、,，;；\n]", text):
        label = part.strip().lstrip("■□").strip()
        if not label:
            continue
        try:
            members.append(kind(label))
        except ValueError:
            known = "、".join(m.value for m in kind)
            raise cell.error(
                N_("unknown label {label!r} (known: {known})"), label=label, known=known
            ) from None
    return frozenset(members)


def derive_fields(text: str) -> tuple[tuple[Field, ...], bool]:
    """The fields of an entry by zfgk's plain rules, and whether the list is open (…等).

    For entries edited or written in a spreadsheet: a final 等 is dropped; a
    heading that ends in ``：`` or ``，含`` is not a field; the rest is split
    at 、; a ``(隐藏部分号码)`` note masks its field; 身份证号 is an ID
    number and a name ending in 姓名 a person's name.

    >>> from zfgk.spreadsheet import derive_fields
    >>> fields, open_ = derive_fields("审核结果：申请对象姓名、身份证号（隐藏部分号码）、申请房源类型等")
    >>> [(f.name, f.personal.value if f.personal else None, f.masked) for f in fields], open_
    ([('申请对象姓名', 'name', False), ('身份证号', 'id_number', True), ('申请房源类型', None, False)], True)
    """
    body = text.strip()
    is_open = body.endswith("等")
    if is_open:
        body = body[:-1].rstrip()
    for heading in ("：", "，含"):
        if heading in body:
            body = body.split(heading, 1)[1]
            break
    fields = []
    for part in filter(None, (p.strip() for p in body.split("、"))):
        name = re.sub(r"\s+", "", _MASK_NOTE.sub("", part))
        if not name:
            continue
        personal = None
        if "身份证号" in name:
            personal = PersonalKind.ID_NUMBER
        elif name.endswith("姓名"):
            personal = PersonalKind.NAME
        fields.append(Field(name, personal, bool(_MASK_NOTE.search(part))))
    return tuple(fields), is_open


def _elements(text: str, stored: list[dict[str, Any]], cell: _Cell) -> tuple[Element, ...]:
    by_text: dict[str, list[dict[str, Any]]] = {}
    for entry in stored:
        by_text.setdefault(entry.get("text", ""), []).append(entry)
    elements = []
    for written in _split_lines(text):
        inherited = _INHERITED.search(written)
        line = written[: inherited.start()] if inherited else written
        m = _ENTRY.fullmatch(line)
        assert m is not None  # the pattern matches any line
        entry_text = m.group("text").strip()
        if not entry_text:
            raise cell.error(N_("an entry with no text ({line!r})"), line=line)
        marker = m.group("marker")
        kept = by_text.get(entry_text)
        if kept:
            data = kept.pop(0)
            fields = tuple(
                Field(name, PersonalKind(personal) if personal else None, bool(masked))
                for name, personal, masked in data.get("fields", [])
            )
            is_open, note = bool(data.get("open", False)), data.get("note")
        else:
            fields, is_open = derive_fields(entry_text)
            note = "fields derived by zfgk's rules (split at 、): the entry was written or edited in a spreadsheet"
        if not fields:
            raise cell.error(N_("the entry {entry!r} names no field"), entry=entry_text)
        elements.append(
            Element(
                text=entry_text,
                fields=fields,
                required=marker != "○",
                marker=marker,
                open=is_open,
                inherited_from=int(inherited.group("item")) if inherited else None,
                note=note,
            )
        )
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


def _item(
    path: Path, row: int, values: dict[str, str], category: str
) -> tuple[Item, dict[str, Any]]:
    raw = values.get(DATA_COLUMN, "").strip()
    try:
        data: dict[str, Any] = json.loads(raw) if raw else {}
    except json.JSONDecodeError as e:
        raise _Cell(path, row, DATA_COLUMN).error(
            N_("not valid JSON ({error}); clear the cell"), error=e.msg
        ) from None
    number_text = values.get("序号", "").strip()
    try:
        number = int(float(number_text))
    except ValueError:
        raise _Cell(path, row, "序号").error(
            N_("not an item number: {text!r}"), text=number_text
        ) from None
    name = re.sub(r"\s+", "", values.get("二级事项", ""))
    if not name:
        raise _Cell(path, row, "二级事项").error(N_("an item needs a name"))

    def cell(column: str) -> _Cell:
        return _Cell(path, row, column)

    # Judgements recorded about a cell hold only while it says what it said
    # when written, and provenance only for the row it was written for.
    visible = {**values, "一级事项": category}
    edited = {
        ATTRIBUTE_OF[column]
        for column, digest in dict(data.get("cells", {})).items()
        if column in ATTRIBUTE_OF and _digest(visible.get(column, "")) != digest
    }
    if data.get("number", number) != number:  # a row copied from another item
        edited = set(ATTRIBUTE_OF.values())
        data = {key: data[key] for key in ("elements", "time_limit") if key in data}
    inferred = tuple(Inference(a, n, f) for a, n, f in data.get("inferred", []) if a not in edited)
    subjects = values.get("公开主体", "")
    item = Item(
        number=number,
        category=category,
        name=name,
        elements=_elements(
            values.get("公开内容", ""), list(data.get("elements", [])), cell("公开内容")
        ),
        basis=tuple(_split_lines(values.get("公开依据", ""))),
        time_limit=_time_limit(
            values.get("公开时限", ""), data.get("time_limit"), cell("公开时限")
        ),
        subjects=None
        if not subjects.strip()
        else tuple(() if subjects.strip() == NOTHING else _split_lines(subjects)),
        channels=_label_set(values.get("公开渠道和载体", ""), Channel, cell("公开渠道和载体")),
        audiences=_label_set(values.get("公开对象", ""), Audience, cell("公开对象")),
        modes=_label_set(values.get("公开方式", ""), Mode, cell("公开方式")),
        levels=_label_set(values.get("公开层级", ""), Level, cell("公开层级")),
        inferred=inferred,
        source_line=data.get("source_line"),
        source_cells=tuple(SourceCell(c, t) for c, t in data.get("source_cells", [])),
    )
    return item, data.get("catalogue", {})


def read(path: str | os.PathLike[str]) -> Catalogue:
    """Read a catalogue sheet (``.xlsx`` or ``.csv``) into a :class:`~zfgk.Catalogue`.

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
    zfgk.errors.CatalogueError: .../县目录.csv: row 2, column 公开渠道和载体: unknown label '微博' (known: ...)
    """
    source = Path(path)
    try:
        table = read_table(source)
    except InputError as e:
        raise CatalogueError.like(e) from None
    header = table.header or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CatalogueError.of(
            N_(
                "{source}: row 1: not a catalogue sheet: it lacks the columns {lacking} (a sheet needs {needed})"
            ),
            source=source,
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
