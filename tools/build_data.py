"""Build ``src/zfgk/data/*.json`` from the source texts in ``tools/sources/``.

Usage::

    python tools/build_data.py          # (re)write the packaged catalogues
    python tools/build_data.py --check  # exit 1 if they are not up to date

The packaged JSON is never edited by hand: change this script (or the
sources) and run it again.  ``tests/test_data.py`` fails when the packaged
files differ from what this script produces.

How the source texts are read
=============================

Chongqing (``chongqing.txt``)
    The annex table follows the heading line ``重庆市保障性住房领域政务公开标准目录``.
    A row is a block of lines separated by a blank line; a cell starts with a
    tab at the start of a line and continues on the following lines that
    carry no tab.  Item rows are the rows whose first cell is a number.

Shanyin (``shanyin.txt``)
    One line per row, cells separated by tabs, with ``<p>``/``<ul>``/``<li>``
    fragments.  Content entries start with ● (required) or ○ (optional).
    Blank cells of merged table cells are filled from the cell above, and the
    item records that in ``inferred``; see ``SHANYIN_SPANS`` and
    ``shanyin_marks`` for the two judgements this needs.

Splitting content entries into fields
=====================================

Each numbered (or ●/○-marked) entry of 公开内容 becomes one element whose
``text`` keeps the source's words.  Its fields are found by these rules, in
order:

1. A final 等 ("and so on") is removed and recorded as ``open: true``.
2. An entry listed in ``KEEP_WHOLE`` is one field (with a note saying why).
3. A heading ending in ``：`` or ``，含`` ("審核结果：…", "…家庭信息，含…") is not a
   field; the list after it is.
4. The list is split at 、 (and, in the Shanyin text, whose 、 were lost in
   extraction, at spaces).
5. A part listed in ``COMPOUNDS`` (values written without a separator, such
   as 房号面积套型) is split as the table says; this is a judgement and the
   element's ``note`` says so.
6. ``(隐藏部分号码)`` in any kind of brackets marks the field ``masked`` and
   is removed from its name; whitespace is removed from field names (item
   32's "统一社 会信用代码" is the field 统一社会信用代码).
7. ``personal_kind`` classifies a field by its name.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zfgk.catalogues import dumps  # noqa: E402
from zfgk.model import (  # noqa: E402
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

SOURCES = ROOT / "tools" / "sources"
DATA = ROOT / "src" / "zfgk" / "data"
TOTAL_ITEMS = 43

COLUMNS = (
    "序号",
    "一级事项",
    "二级事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
)
CHONGQING_MARKS = ("全社会", "特定群体", "主动", "依申请", "市级", "县级", "乡级")
SHANYIN_MARKS = ("全社会", "特定群体", "主动", "依申请", "县级", "乡级")


class SourceError(Exception):
    """The source text does not have the layout this script expects."""


# ----------------------------------------------------------------- fields

MASK = re.compile(r"[(（﹝〔\[]\s*隐藏部分号码\s*[)）﹞〕\]]")

KEEP_WHOLE: dict[str, tuple[tuple[str, ...], str]] = {
    # normalized entry text (final 等 removed) -> (field names, why)
    normalize_text("建设、设计、施工和监理单位名称"): (
        ("建设、设计、施工和监理单位名称",),
        "kept as one field: the four units share 单位名称, so splitting at 、 would leave fragments",
    ),
    normalize_text("申请条件、程序、期限和所需材料"): (
        ("申请条件、程序、期限和所需材料",),
        "kept as one field: a section of the application guide, not separate values",
    ),
    normalize_text("正文，包括时间、地点、流程、注意事项"): (
        ("正文",),
        "one field 正文: the words after 包括 describe what the text contains",
    ),
    normalize_text("正文，包括时间地点"): (
        ("正文",),
        "one field 正文: the words after 包括 describe what the text contains",
    ),
}

COMPOUNDS: dict[str, tuple[str, ...]] = {
    # normalized part -> its fields, as written in the source (with any mask note)
    normalize_text("房号面积套型"): ("房号", "面积", "套型"),
    normalize_text("办公地址联系电话"): ("办公地址", "联系电话"),
    normalize_text("咨询电话监督电话"): ("咨询电话", "监督电话"),
    normalize_text("联系人及联系方式"): ("联系人", "联系方式"),
    # The Shanyin text lost the 、 between these:
    normalize_text("申请对象姓名身份证号(隐藏部分号码)申请房源类型"): (
        "申请对象姓名",
        "身份证号(隐藏部分号码)",
        "申请房源类型",
    ),
    normalize_text("保障对象编号姓名身份证号(隐藏部分号码)"): (
        "保障对象编号",
        "姓名",
        "身份证号(隐藏部分号码)",
    ),
}

PERSONAL_BY_JUDGEMENT: dict[str, PersonalKind] = {
    "联系人": PersonalKind.NAME,
    "联系方式": PersonalKind.PHONE,
    "腾退对象": PersonalKind.NAME,
    "保障对象编号": PersonalKind.IDENTIFIER,
}


def personal_kind(name: str) -> PersonalKind | None:
    """Classify a field by its name.

    身份证号 is an ID number; a name ending in 姓名 is a person's name.  The
    fields in ``PERSONAL_BY_JUDGEMENT`` are personal by reading the entry:
    the contact person of a repair contractor and their contact details, the
    tenant a home is recovered from (腾退对象), and the beneficiary's file
    number.  Government hotlines (咨询电话, 监督电话) and an operator's office
    phone (联系电话 after 办公地址) belong to organisations and are not.
    """
    if "身份证号" in name:
        return PersonalKind.ID_NUMBER
    if name.endswith("姓名"):
        return PersonalKind.NAME
    return PERSONAL_BY_JUDGEMENT.get(name)


def make_field(part: str) -> Field:
    masked = bool(MASK.search(part))
    name = re.sub(r"\s+", "", MASK.sub("", part))
    if not name:
        raise SourceError(f"empty field name in {part!r}")
    return Field(name=name, personal=personal_kind(name), masked=masked)


def split_entry(text: str, *, spaces_separate: bool) -> tuple[tuple[Field, ...], bool, str | None]:
    """Split one content entry into fields; returns (fields, open, note)."""
    body = text.strip()
    is_open = body.endswith("等")
    if is_open:
        body = body[:-1].rstrip()
    notes: list[str] = []
    whole = KEEP_WHOLE.get(normalize_text(body))
    if whole is not None:
        names, why = whole
        return tuple(make_field(n) for n in names), is_open, why
    listing = body
    for heading in ("：", "，含"):
        if heading in body:
            listing = body.split(heading, 1)[1]
            break
    separators = r"[、\s]+" if spaces_separate else r"、"
    parts: list[str] = []
    for part in re.split(separators, listing.strip()):
        if not part:
            continue
        compound = COMPOUNDS.get(normalize_text(part))
        if compound is None:
            parts.append(part)
        else:
            parts.extend(compound)
            listed = "、".join(MASK.sub("", p) for p in compound)
            notes.append(
                f"{MASK.sub('', part).strip()} is read as {len(compound)} fields ({listed}): "
                "a judgement, the source writes them without a separator"
            )
    fields = tuple(make_field(p) for p in parts)
    for f in fields:
        if f.name in PERSONAL_BY_JUDGEMENT:
            notes.append(
                f"{f.name} is classed as personal data ({f.personal.value}) by judgement"  # type: ignore[union-attr]
            )
    return fields, is_open, "; ".join(notes) or None


def make_element(
    text: str, *, spaces_separate: bool, required: bool = True, marker: str | None = None
) -> Element:
    fields, is_open, note = split_entry(text, spaces_separate=spaces_separate)
    return Element(
        text=text, fields=fields, required=required, marker=marker, open=is_open, note=note
    )


# ----------------------------------------------------------------- shared


def numbered_list(cell: str, what: str) -> list[str]:
    """Entries of a "1．…；\\n2．…。" cell, numbers and final punctuation removed.

    A cell that is a single sentence (no "1．") is one entry.
    """
    text = cell.strip()
    if not re.match(r"\d+．", text):
        return [text.rstrip("；。")]
    entries: list[str] = []
    for line in text.split("\n"):
        m = re.match(r"(\d+)．(.*)$", line)
        if m:
            if int(m.group(1)) != len(entries) + 1:
                raise SourceError(f"{what}: list number {m.group(1)} out of order")
            entries.append(m.group(2))
        elif entries:
            entries[-1] += line
        else:  # pragma: no cover - guarded by the match above
            raise SourceError(f"{what}: text before the first list number")
    return [e.strip().rstrip("；。") for e in entries]


def time_limit(cell: str, what: str) -> TimeLimit:
    m = re.fullmatch(r"\s*(.*?)\s*(\d+)\s*个工作日内\s*", cell, flags=re.S)
    if not m:
        raise SourceError(f"{what}: cannot read the time limit {cell!r}")
    return TimeLimit(
        text=cell.strip(),
        working_days=int(m.group(2)),
        trigger=re.sub(r"\s+", "", m.group(1)),
    )


def channel(label: str, what: str) -> Channel:
    try:
        return Channel(label)
    except ValueError:
        raise SourceError(f"{what}: unknown channel label {label!r}") from None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def categories(items: Iterable[Item]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.category for i in items))


# --------------------------------------------------------------- chongqing


def chongqing_rows(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) of each item row of the annex table."""
    heading = "\n重庆市保障性住房领域政务公开标准目录\n"
    start = text.rindex(heading) + len(heading)
    line_no = text[:start].count("\n") + 1
    rows: list[tuple[int, list[str]]] = []
    for block in text[start:].split("\n\n"):
        first_line = line_no
        line_no += block.count("\n") + 2
        cells: list[str] = []
        for line in block.split("\n"):
            if line.startswith("\t"):
                cells.append(line[1:])
            elif cells:
                cells[-1] += "\n" + line
            elif line.strip():
                raise SourceError(f"chongqing.txt line {first_line}: text outside a cell")
        if cells and cells[0].strip().isdecimal():
            rows.append((first_line, cells))
    return rows


def chongqing_item(line: int, cells: list[str]) -> Item:
    what = f"chongqing.txt line {line}"
    if len(cells) not in (len(COLUMNS), len(COLUMNS) + len(CHONGQING_MARKS)):
        raise SourceError(f"{what}: {len(cells)} cells")
    number = int(cells[0])
    elements = tuple(
        make_element(entry, spaces_separate=False)
        for entry in numbered_list(cells[3], f"{what} 公开内容")
    )
    chosen = []
    for box, label in re.findall(r"([■□])([^■□\n]+)", cells[7]):
        ch = channel(label.strip(), f"{what} 公开渠道和载体")
        if box == "■":
            chosen.append(ch)
    audiences = modes = levels = None
    if len(cells) > len(COLUMNS):
        marks = cells[len(COLUMNS) :]
        for mark in marks:
            if mark.strip("\u3000 ") not in ("", "√"):
                raise SourceError(f"{what}: unexpected mark {mark!r}")
        ticked = {label for label, mark in zip(CHONGQING_MARKS, marks, strict=True) if "√" in mark}
        audiences = frozenset(a for a in Audience if a.value in ticked)
        modes = frozenset(m for m in Mode if m.value in ticked)
        levels = frozenset(lv for lv in Level if lv.value in ticked)
    columns = COLUMNS + CHONGQING_MARKS
    return Item(
        number=number,
        category=cells[1].strip(),
        name=re.sub(r"\s+", "", cells[2]),
        elements=elements,
        basis=tuple(numbered_list(cells[4], f"{what} 公开依据")),
        time_limit=time_limit(cells[5], what),
        subjects=(cells[6].strip(),),
        channels=frozenset(chosen),
        audiences=audiences,
        modes=modes,
        levels=levels,
        source_line=line,
        source_cells=tuple(SourceCell(c, t) for c, t in zip(columns, cells, strict=False)),
    )


def build_chongqing() -> Catalogue:
    path = SOURCES / "chongqing.txt"
    text = path.read_text(encoding="utf-8")
    items = tuple(chongqing_item(line, cells) for line, cells in chongqing_rows(text))
    if [i.number for i in items] != list(range(1, TOTAL_ITEMS + 1)):
        raise SourceError("chongqing.txt: expected items 1–43 in order")
    unmarked = [i.number for i in items if i.audiences is None]
    return Catalogue(
        name="chongqing",
        title="重庆市保障性住房领域政务公开标准目录",
        region="重庆市",
        source=Source(
            title="重庆市保障性住房领域政务公开标准指引（附件：重庆市保障性住房领域政务公开标准目录）",
            file="tools/sources/chongqing.txt",
            sha256=sha256(path),
            origin="the guidance and its annex as plain text; it cites 建办厅〔2019〕71号 as its basis",
        ),
        complete=True,
        total=TOTAL_ITEMS,
        items=items,
        categories=categories(items),
        notes=(
            f"Item{'s' if len(unmarked) > 1 else ''} {', '.join(map(str, unmarked))}: the source text ends after the channel "
            "cell and gives no 公开对象/公开方式/公开层级 marks, so audiences, modes and "
            "levels are null (unknown), not guessed.",
            "公开主体 is kept as the one phrase the source writes "
            "(市、区县人民政府住房保障行政主管部门).",
        ),
    )


# ----------------------------------------------------------------- shanyin

TAGS = re.compile(r"</?(?:p|ul|li)\b[^>]*>")

# Merged cells that the extraction split over several rows: for each column,
# (first item, last item) spans.  The rows' texts are joined in order and
# every item of the span carries the whole.  The 公开依据 spans are those the
# source README names (9–12, 13–16, 18–20); the 公开渠道和载体 span 13–16 is
# the same merged cell, visible because row 13 ends "社区/企事业" and row 14
# holds "单位公示栏".
SHANYIN_SPANS: dict[str, tuple[tuple[int, int], ...]] = {
    "公开依据": ((9, 12), (13, 16), (18, 20)),
    "公开渠道和载体": ((13, 16),),
}


def clean(cell: str) -> str:
    return html.unescape(TAGS.sub(" ", cell)).strip()


def basis_entries(text: str, what: str) -> tuple[str, ...]:
    entries = re.findall(r"《[^《》]*》", text)
    rest = re.sub(r"《[^《》]*》", "", text).strip()
    if rest:
        raise SourceError(f"{what}: text outside 《》: {rest!r}")
    return tuple(entries)


def shanyin_elements(cell: str, what: str) -> tuple[Element, ...]:
    text = clean(cell)
    if not text:
        return ()
    head, *pieces = re.split(r"([●○])", text)
    if head.strip():
        raise SourceError(f"{what}: content before the first ●/○: {head!r}")
    elements = []
    for marker, raw_entry in zip(pieces[::2], pieces[1::2], strict=True):
        entry = raw_entry.strip()
        if not entry:
            raise SourceError(f"{what}: empty {marker} entry")
        elements.append(
            make_element(entry, spaces_separate=True, required=marker == "●", marker=marker)
        )
    return tuple(elements)


def shanyin_marks(
    cells: Sequence[str], what: str
) -> tuple[frozenset[Audience], frozenset[Mode], frozenset[Level], str]:
    """Read the √ cells of a Shanyin row.

    The extraction dropped empty cells, so a row has six or seven mark cells
    and a √ can sit one place off its column.  Every item has an audience, a
    mode and a level, and every row with marks has exactly three √: the
    first is read as the audience, the second as the mode and the third as
    the level.  Within its group a √ takes the column at its position, or the
    nearest column of the group when its position lies outside the group.
    """
    ticks = [i for i, c in enumerate(cells) if c.strip() == "√"]
    if any(c.strip() not in ("", "√") for c in cells):
        raise SourceError(f"{what}: unexpected mark cell in {list(cells)!r}")
    if len(ticks) != 3:
        raise SourceError(f"{what}: expected three √, found {len(ticks)}")
    groups: list[list[Any]] = [list(Audience), list(Mode), [Level.COUNTY, Level.TOWNSHIP]]
    chosen = []
    for k, (position, members) in enumerate(zip(ticks, groups, strict=True)):
        column = min(max(position - 2 * k, 0), 1)
        chosen.append(members[column])
    shown = " ".join(f"[{i}]{'√' if i in ticks else '_'}" for i in range(len(cells)))
    note = (
        f"read from {len(cells)} mark cells ({shown}) for columns "
        f"{'/'.join(SHANYIN_MARKS)}; the extraction lost empty cells, so the position of a √ "
        "is not reliable: the three √ are taken in order as audience, mode and level, each "
        "at its position or the nearest column of its group"
    )
    return frozenset([chosen[0]]), frozenset([chosen[1]]), frozenset([chosen[2]]), note


def build_shanyin() -> Catalogue:
    path = SOURCES / "shanyin.txt"
    text = path.read_text(encoding="utf-8")
    rows: dict[int, tuple[int, list[str]]] = {}
    fragments: list[str] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < len(COLUMNS):
            raise SourceError(f"shanyin.txt line {line_no}: {len(cells)} cells")
        if not cells[0].strip():
            filled = [
                (COLUMNS[i] if i < len(COLUMNS) else "?", c)
                for i, c in enumerate(cells)
                if c.strip()
            ]
            if [c for c, _ in filled] != ["公开依据"]:
                raise SourceError(f"shanyin.txt line {line_no}: a row without a number")
            fragments.append(
                f"Line {line_no} holds only the tail of a 公开依据 cell of items 1–2, which the "
                f"source does not otherwise give; its entries: "
                f"{'、'.join(basis_entries(clean(filled[0][1]), f'line {line_no}'))}"
            )
            continue
        rows[int(cells[0])] = (line_no, cells)

    def column(number: int, name: str) -> str:
        return rows[number][1][COLUMNS.index(name)]

    inferred: dict[int, list[Inference]] = {n: [] for n in rows}
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for col, col_spans in SHANYIN_SPANS.items():
        for first, last in col_spans:
            for n in range(first, last + 1):
                spans[col, n] = (first, last)

    def merged_text(col: str, number: int) -> str | None:
        span = spans.get((col, number))
        if span is None:
            return None
        first, last = span
        texts = [clean(column(n, col)) for n in range(first, last + 1)]
        holders = [str(n) for n, t in zip(range(first, last + 1), texts, strict=True) if t]
        attribute = {"公开依据": "basis", "公开渠道和载体": "channels"}[col]
        inferred[number].append(
            Inference(
                attribute,
                f"{col}: one merged cell over items {first}–{last}, which the extraction split "
                f"over rows {', '.join(holders)}; every item of the span carries all of it",
            )
        )
        return "".join(texts)

    def above(number: int, filled: Callable[[int], bool]) -> int | None:
        """The nearest item above ``number`` whose cell is filled, across blank rows only."""
        n = number - 1
        while n in rows and not filled(n):
            n -= 1
        return n if n in rows else None

    def continued(col: str, attribute: str, number: int, raw: str) -> str | None:
        """The cell text, continuing the cell above when blank (merged cells)."""
        if raw.strip():
            return raw
        source = above(number, lambda n: bool(column(n, col).strip()))
        if source is not None:
            inferred[number].append(
                Inference(
                    attribute,
                    f"{col} is blank in the source; read as continuing the merged cell of "
                    f"item {source}",
                    from_item=source,
                )
            )
            return column(source, col)
        inferred[number].append(
            Inference(
                attribute,
                f"{col} is blank in the source and the cell above it belongs to items the "
                "source does not give; unknown",
            )
        )
        return None

    items: list[Item] = []
    for number, (line_no, cells) in rows.items():
        what = f"shanyin.txt line {line_no} (item {number})"
        marks_cells = cells[len(COLUMNS) :]

        cat_text = continued("一级事项", "category", number, cells[1])
        category = re.sub(r"\s+", "", cat_text or "")

        elements = shanyin_elements(cells[3], what)
        if not elements:
            origin = above(number, lambda n: bool(clean(column(n, "公开内容"))))
            if origin is None:
                raise SourceError(f"{what}: no content and nothing above to inherit")
            elements = tuple(
                attrs.evolve(e, inherited_from=origin)
                for e in shanyin_elements(column(origin, "公开内容"), what)
            )
            inferred[number].append(
                Inference(
                    "elements",
                    f"公开内容 is blank in the source; the item carries the content of item "
                    f"{origin} (a merged cell; the Chongqing table gives items {origin}–{number} "
                    "the same content)",
                    from_item=origin,
                )
            )

        basis_text = merged_text("公开依据", number)
        if basis_text is None:
            basis_raw = continued("公开依据", "basis", number, cells[4])
            basis_text = clean(basis_raw or "")
        basis = basis_entries(basis_text, what)

        tl_raw = continued("公开时限", "time_limit", number, cells[5])
        tl = time_limit(tl_raw, what) if tl_raw else None

        subject_raw = continued("公开主体", "subjects", number, cells[6])
        subjects = (subject_raw.strip(),) if subject_raw else ()

        channel_text = merged_text("公开渠道和载体", number)
        if channel_text is None:
            channel_raw = continued("公开渠道和载体", "channels", number, cells[7])
            channel_text = clean(channel_raw) if channel_raw is not None else None
        channels = (
            None
            if channel_text is None
            else frozenset(channel(label, what) for label in channel_text.split())
        )

        audiences = modes = levels = None

        def has_marks(n: int) -> bool:
            return any(c.strip() for c in rows[n][1][len(COLUMNS) :])

        mark_source = number if has_marks(number) else above(number, has_marks)
        if mark_source is None:
            for attribute in ("audiences", "modes", "levels"):
                inferred[number].append(
                    Inference(
                        attribute,
                        "the mark cells are blank in the source and the cells above them "
                        "belong to items the source does not give; unknown",
                    )
                )
        if mark_source is not None:
            src_line, src_cells = rows[mark_source]
            audiences, modes, levels, note = shanyin_marks(
                src_cells[len(COLUMNS) :], f"shanyin.txt line {src_line}"
            )
            if mark_source != number:
                note = (
                    f"the mark cells are blank in the source; read as continuing the merged "
                    f"cells of item {mark_source}, whose cells are {note}"
                )
            for attribute in ("audiences", "modes", "levels"):
                inferred[number].append(
                    Inference(
                        attribute, note, from_item=mark_source if mark_source != number else None
                    )
                )

        columns = COLUMNS + tuple(f"标记{i + 1}" for i in range(len(marks_cells)))
        items.append(
            Item(
                number=number,
                category=category,
                name=re.sub(r"\s+", "", cells[2]),
                elements=elements,
                basis=basis,
                time_limit=tl,
                subjects=subjects,
                channels=channels,
                audiences=audiences,
                modes=modes,
                levels=levels,
                inferred=tuple(inferred[number]),
                source_line=line_no,
                source_cells=tuple(SourceCell(c, t) for c, t in zip(columns, cells, strict=True)),
            )
        )

    return Catalogue(
        name="shanyin",
        title="山阴县住建局保障性住房领域基层政务公开标准目录",
        region="山西省朔州市山阴县",
        source=Source(
            title="山阴县住建局保障性住房领域政务公开标准目录（部分）",
            file="tools/sources/shanyin.txt",
            sha256=sha256(path),
            origin="text extracted from the PDF table published by 山阴县住建局 (朔州市, 山西省)",
        ),
        complete=False,
        total=TOTAL_ITEMS,
        items=tuple(items),
        categories=categories(items),
        notes=(
            "The source is partial: it gives items 3–21 and 41–43 of the 43-item table.",
            "The source text carries no title; the title above describes it.",
            "Only this source says which content entries are optional (○); ● entries are required.",
            *fragments,
            "Mark cells are named 标记1… in source_cells because the extraction lost empty "
            "cells and their columns are not reliable.",
        ),
    )


BUILDERS = {"chongqing": build_chongqing, "shanyin": build_shanyin}


def render(name: str) -> str:
    """The JSON text of the packaged catalogue ``name``."""
    return dumps(BUILDERS[name]())


def write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the data is stale")
    args = parser.parse_args(argv)
    stale = []
    for name in BUILDERS:
        path = DATA / f"{name}.json"
        text = render(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path.name)
        else:
            write_atomically(path, text)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"stale: {', '.join(stale)}; run python tools/build_data.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
