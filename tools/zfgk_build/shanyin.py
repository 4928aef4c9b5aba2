"""Building the Shanyin catalogue from the rows of its extracted PDF table.

The PDF had merged cells, which the extraction split: a blank cell below a
filled one usually continues it.  Blank cells are filled from the cell
above, and the item records that in ``inferred``; ``SPANS`` and
:func:`marks` hold the two judgements this needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from zfgk.fields import make_element
from zfgk.model import (
    Audience,
    Catalogue,
    Element,
    Inference,
    Item,
    Level,
    Mode,
    Source,
    SourceCell,
)
from zfgk_build import read_shanyin
from zfgk_build.cells import basis_entries, categories, channel, sha256, time_limit
from zfgk_build.read_shanyin import clean
from zfgk_build.rows import COLUMNS, TOTAL_ITEMS, SourceError

MARKS = ("全社会", "特定群体", "主动", "依申请", "县级", "乡级")


@attrs.frozen
class Span:
    """A merged cell that the extraction split over the rows of several items.

    The rows' texts are joined in order and every item of the span carries
    the whole; ``why`` is the judgement that says the rows are one cell.
    Every whole 公开依据 cell of this source lists national documents first,
    then 山西省's, then 朔州市's, which is how a split cell shows itself: a
    row that ends before 山西/朔州 or starts after the national documents.
    """

    column: str
    first: int
    last: int
    why: str


SPANS: tuple[Span, ...] = (
    Span(
        "公开依据",
        3,
        5,
        "row 3 lists national documents and one of 山西, row 4 only 山西's, row 5 only 朔州's, "
        "each part of one national-provincial-municipal list; the Chongqing table gives "
        "items 3–5 one identical list",
    ),
    Span(
        "公开依据",
        6,
        7,
        "less certain: row 6 lists four national documents and none of 山西 or 朔州, which "
        "every whole cell has; row 7 goes on with the two national documents that follow "
        "those four in the Chongqing lists of items 6 and 7, then 山西's and 朔州's",
    ),
    Span(
        "公开依据",
        8,
        12,
        "row 8 ends with the 2012 通知 and row 9 begins with 进一步加强住房保障信息公开工作的通知, "
        "exactly the Chongqing order; row 10 ends with 朔州's, rows 11–12 are blank, and "
        "item 8's other cells (时限, 主体, 渠道, marks) are merged over 8–12 too",
    ),
    Span(
        "公开依据",
        13,
        16,
        "row 13 breaks off inside a title (…政府信息公) that row 14 completes (开的意见》); "
        "rows 15–16 are blank",
    ),
    Span(
        "公开依据",
        18,
        20,
        "row 18 lists national documents, row 19 national then 山西's, row 20 山西 then 朔州's",
    ),
    Span(
        "公开依据",
        41,
        43,
        "less certain, since 41 and 42 belong to different 一级事项: row 41 lists two national "
        "documents and none of 山西 or 朔州; row 42 goes on with the 2018 要点, the third "
        "document of the Chongqing lists of items 41–43, then 山西's and 朔州's; row 43 is blank",
    ),
    Span(
        "公开渠道和载体",
        13,
        16,
        "row 13 ends with 社区/企事业 and row 14 holds 单位公示栏: one label split over two rows",
    ),
)

#: Consecutive ●/○ entries that are one entry of the table, split by a mark
#: that the extraction put inside it: (first, second) -> why.
JOINED_ENTRIES: dict[tuple[str, str], str] = {
    ("正文，包括时间地点", "流程注意事项等"): (
        "one entry: the second ● inside it is read as an artefact of the PDF extraction; "
        "the Chongqing table has the one entry 正文，包括时间、地点、流程、注意事项等"
    ),
}


def elements_of(cell: str, what: str) -> tuple[tuple[Element, ...], list[str]]:
    """The ●/○ entries of a 公开内容 cell, and the judgements taken in reading them."""
    text = clean(cell)
    if not text:
        return (), []
    head, *pieces = re.split(r"([●○])", text)
    if head.strip():
        raise SourceError(f"{what}: content before the first ●/○: {head!r}")
    entries = list(zip(pieces[::2], pieces[1::2], strict=True))
    elements = []
    judgements = []
    i = 0
    while i < len(entries):
        marker, raw_entry = entries[i]
        entry = raw_entry.strip()
        if not entry:
            raise SourceError(f"{what}: empty {marker} entry")
        if i + 1 < len(entries):
            why = JOINED_ENTRIES.get((entry, entries[i + 1][1].strip()))
            if why is not None:
                entry = (raw_entry + "".join(entries[i + 1])).strip()
                judgements.append(f"公开内容 {entry}: {why}")
                i += 1
        elements.append(make_element(entry, required=marker == "●", marker=marker))
        i += 1
    return tuple(elements), judgements


def marks(
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
        f"{'/'.join(MARKS)}; the extraction lost empty cells, so the position of a √ "
        "is not reliable: the three √ are taken in order as audience, mode and level, each "
        "at its position or the nearest column of its group"
    )
    return frozenset([chosen[0]]), frozenset([chosen[1]]), frozenset([chosen[2]]), note


def build(path: Path) -> Catalogue:
    """The Shanyin catalogue from ``shanyin.txt``."""
    source_rows, source_fragments = read_shanyin.read(path.read_text(encoding="utf-8"))
    rows: dict[int, tuple[int, list[str]]] = {
        r.number: (r.line, list(r.cells)) for r in source_rows
    }
    fragments: list[str] = []
    for fragment in source_fragments:
        if [c for c, _ in fragment.cells] != ["公开依据"]:
            raise SourceError(f"shanyin.txt line {fragment.line}: a row without a number")
        fragments.append(
            f"Line {fragment.line} holds only the tail of a 公开依据 cell of items 1–2, which the "
            f"source does not otherwise give; its entries: "
            f"{'、'.join(basis_entries(clean(fragment.cells[0][1]), f'line {fragment.line}'))}"
        )

    def column(number: int, name: str) -> str:
        return rows[number][1][COLUMNS.index(name)]

    inferred: dict[int, list[Inference]] = {n: [] for n in rows}
    spans = {(span.column, n): span for span in SPANS for n in range(span.first, span.last + 1)}

    def merged_text(col: str, number: int) -> str | None:
        span = spans.get((col, number))
        if span is None:
            return None
        numbers = range(span.first, span.last + 1)
        texts = [clean(column(n, col)) for n in numbers]
        whole = "".join(texts)
        holders = [str(n) for n, t in zip(numbers, texts, strict=True) if t]
        note = (
            f"{col}: one merged cell over items {span.first}–{span.last}, which the "
            f"extraction split over rows {', '.join(holders)}; every item of the span carries "
            f"all of it. Why: {span.why}"
        )
        if col == "公开依据":
            own = clean(column(number, col))
            joined = [b for b in basis_entries(whole, col) if b not in own]
            note += (
                f". Joined from the rows of the other items: {'、'.join(joined)}"
                if joined
                else ". Nothing is joined from the other rows"
            )
        attribute = {"公开依据": "basis", "公开渠道和载体": "channels"}[col]
        inferred[number].append(Inference(attribute, note))
        return whole

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
        if cells[1].strip() and category != cells[1].strip():
            inferred[number].append(
                Inference(
                    "category",
                    f"the source writes {cells[1].strip()!r} with a space inside, an artefact of "
                    f"the PDF extraction (the Chongqing table writes {category}); the space is "
                    "removed",
                )
            )

        elements, judgements = elements_of(cells[3], what)
        inferred[number].extend(Inference("elements", j) for j in judgements)
        if not elements:
            origin = above(number, lambda n: bool(clean(column(n, "公开内容"))))
            if origin is None:
                raise SourceError(f"{what}: no content and nothing above to inherit")
            elements = tuple(
                attrs.evolve(e, inherited_from=origin)
                for e in elements_of(column(origin, "公开内容"), what)[0]
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
        subjects = (subject_raw.strip(),) if subject_raw else None

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
            audiences, modes, levels, note = marks(
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
