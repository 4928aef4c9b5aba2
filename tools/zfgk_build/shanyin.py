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
from zfgk_build.fields import make_element
from zfgk_build.read_shanyin import clean
from zfgk_build.rows import COLUMNS, TOTAL_ITEMS, SourceError

MARKS = ("全社会", "特定群体", "主动", "依申请", "县级", "乡级")

# Merged cells that the extraction split over several rows: for each column,
# (first item, last item) spans.  The rows' texts are joined in order and
# every item of the span carries the whole.  The 公开依据 spans are those the
# source README names (9–12, 13–16, 18–20); the 公开渠道和载体 span 13–16 is
# the same merged cell, visible because row 13 ends "社区/企事业" and row 14
# holds "单位公示栏".
SPANS: dict[str, tuple[tuple[int, int], ...]] = {
    "公开依据": ((9, 12), (13, 16), (18, 20)),
    "公开渠道和载体": ((13, 16),),
}


def elements_of(cell: str, what: str) -> tuple[Element, ...]:
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
    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for col, col_spans in SPANS.items():
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

        elements = elements_of(cells[3], what)
        if not elements:
            origin = above(number, lambda n: bool(clean(column(n, "公开内容"))))
            if origin is None:
                raise SourceError(f"{what}: no content and nothing above to inherit")
            elements = tuple(
                attrs.evolve(e, inherited_from=origin)
                for e in elements_of(column(origin, "公开内容"), what)
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
