"""Building the Shanyin catalogue from the rows of its extracted PDF table.

The PDF had merged cells, which the extraction split: a blank cell below a
filled one usually continues it.  Blank cells are filled from the cell
above, and the item records that in ``inferred``; ``SPANS`` (in
``shanyin_judgements``) and :func:`marks` hold the two judgements this needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from zfgk.fields import make_element
from zfgk.i18n import N_
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Element,
    Inference,
    Item,
    Level,
    Mode,
    Note,
    NoteValue,
    Source,
    SourceCell,
    TimeLimit,
)
from zfgk_build import read_shanyin
from zfgk_build.cells import basis_entries, categories, channels, sha256, time_limit
from zfgk_build.read_shanyin import clean
from zfgk_build.rows import COLUMNS, TOTAL_ITEMS, SourceError, SourceRow
from zfgk_build.shanyin_judgements import JOINED_ENTRIES, SPANS, Span

MARKS = ("全社会", "特定群体", "主动", "依申请", "县级", "乡级")


def elements_of(cell: str, what: str) -> tuple[tuple[Element, ...], list[Note]]:
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
                judgements.append(
                    Note.of(N_("公开内容 {entry}: {why}"), entry=entry, why=Note.of(why))
                )
                i += 1
        elements.append(make_element(entry, required=marker == "●", marker=marker))
        i += 1
    return tuple(elements), judgements


def marks(
    cells: Sequence[str], what: str
) -> tuple[frozenset[Audience], frozenset[Mode], frozenset[Level], Note]:
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
    note = Note.of(
        N_(
            "read from {count} mark cells ({shown}) for columns {columns}; the extraction lost "
            "empty cells, so the position of a √ is not reliable: the three √ are taken in order "
            "as audience, mode and level, each at its position or the nearest column of its group"
        ),
        count=len(cells),
        shown=shown,
        columns="/".join(MARKS),
    )
    return frozenset([chosen[0]]), frozenset([chosen[1]]), frozenset([chosen[2]]), note


def _fragment_notes(fragments: Sequence[read_shanyin.Fragment]) -> list[Note]:
    """The catalogue notes on rows without a number: the tail of items 1–2's 公开依据."""
    notes: list[Note] = []
    for fragment in fragments:
        if [c for c, _ in fragment.cells] != ["公开依据"]:
            raise SourceError(f"shanyin.txt line {fragment.line}: a row without a number")
        entries = basis_entries(clean(fragment.cells[0][1]), f"line {fragment.line}")
        notes.append(
            Note.of(
                N_(
                    "Line {line} holds only the tail of a 公开依据 cell of items 1–2, which the "
                    "source does not otherwise give; its entries: {entries}"
                ),
                line=fragment.line,
                entries="、".join(entries),
            )
        )
    return notes


_MERGED_ATTRIBUTE = {"公开依据": "basis", "公开渠道和载体": "channels"}
_MARK_ATTRIBUTES = ("audiences", "modes", "levels")


@attrs.define
class _Table:
    """The source rows by item number, and what has been inferred about each item so far.

    Each ``read_*`` method reads one column of an item, filling a blank cell
    from the merged cell above it and recording the inference; they run in
    the order of the columns, which is the order of the item's ``inferred``.
    """

    rows: dict[int, tuple[int, list[str]]]
    inferred: dict[int, list[Inference]]
    spans: dict[tuple[str, int], Span]

    @classmethod
    def of(cls, source_rows: Sequence[SourceRow]) -> _Table:
        rows = {r.number: (r.line, list(r.cells)) for r in source_rows}
        spans = {(s.column, n): s for s in SPANS for n in range(s.first, s.last + 1)}
        return cls(rows, {n: [] for n in rows}, spans)

    def column(self, number: int, name: str) -> str:
        return self.rows[number][1][COLUMNS.index(name)]

    def has_marks(self, number: int) -> bool:
        return any(c.strip() for c in self.rows[number][1][len(COLUMNS) :])

    def infer(self, number: int, attribute: str, note: Note, from_item: int | None = None) -> None:
        self.inferred[number].append(Inference(attribute, note, from_item=from_item))

    def above(self, number: int, filled: Callable[[int], bool]) -> int | None:
        """The nearest item above ``number`` whose cell is filled, across blank rows only."""
        n = number - 1
        while n in self.rows and not filled(n):
            n -= 1
        return n if n in self.rows else None

    def merged_text(self, col: str, number: int) -> str | None:
        """The whole text of a merged cell the extraction split (``SPANS``), if ``number`` is in one."""
        span = self.spans.get((col, number))
        if span is None:
            return None
        numbers = range(span.first, span.last + 1)
        texts = [clean(self.column(n, col)) for n in numbers]
        whole = "".join(texts)
        holders = [str(n) for n, t in zip(numbers, texts, strict=True) if t]
        params: dict[str, NoteValue] = {
            "column": col,
            "first": span.first,
            "last": span.last,
            "rows": ", ".join(holders),
            "why": Note.of(span.why),
        }
        template = N_(
            "{column}: one merged cell over items {first}–{last}, which the extraction split "
            "over rows {rows}; every item of the span carries all of it. Why: {why}"
        )
        if col == "公开依据":
            own = clean(self.column(number, col))
            joined = [b for b in basis_entries(whole, col) if b not in own]
            template = (
                N_(
                    "{column}: one merged cell over items {first}–{last}, which the extraction "
                    "split over rows {rows}; every item of the span carries all of it. Why: "
                    "{why}. Joined from the rows of the other items: {joined}"
                )
                if joined
                else N_(
                    "{column}: one merged cell over items {first}–{last}, which the extraction "
                    "split over rows {rows}; every item of the span carries all of it. Why: "
                    "{why}. Nothing is joined from the other rows"
                )
            )
            if joined:
                params["joined"] = "、".join(joined)
        self.infer(number, _MERGED_ATTRIBUTE[col], Note.of(template, **params))
        return whole

    def continued(self, col: str, attribute: str, number: int) -> str | None:
        """The cell text, continuing the cell above when blank (merged cells)."""
        raw = self.column(number, col)
        if raw.strip():
            return raw
        source = self.above(number, lambda n: bool(self.column(n, col).strip()))
        if source is not None:
            self.infer(
                number,
                attribute,
                Note.of(
                    N_(
                        "{column} is blank in the source; read as continuing the merged cell of "
                        "item {item}"
                    ),
                    column=col,
                    item=source,
                ),
                from_item=source,
            )
            return self.column(source, col)
        self.infer(
            number,
            attribute,
            Note.of(
                N_(
                    "{column} is blank in the source and the cell above it belongs to items the "
                    "source does not give; unknown"
                ),
                column=col,
            ),
        )
        return None

    def read_category(self, number: int) -> str:
        written = self.column(number, "一级事项").strip()
        category = re.sub(r"\s+", "", self.continued("一级事项", "category", number) or "")
        if written and category != written:
            self.infer(
                number,
                "category",
                Note.of(
                    N_(
                        "the source writes {written!r} with a space inside, an artefact of the "
                        "PDF extraction (the Chongqing table writes {category}); the space is "
                        "removed"
                    ),
                    written=written,
                    category=category,
                ),
            )
        return category

    def read_elements(self, number: int, what: str) -> tuple[Element, ...]:
        elements, judgements = elements_of(self.column(number, "公开内容"), what)
        for judgement in judgements:
            self.infer(number, "elements", judgement)
        if elements:
            return elements
        origin = self.above(number, lambda n: bool(clean(self.column(n, "公开内容"))))
        if origin is None:
            raise SourceError(f"{what}: no content and nothing above to inherit")
        self.infer(
            number,
            "elements",
            Note.of(
                N_(
                    "公开内容 is blank in the source; the item carries the content of item "
                    "{item} (a merged cell; the Chongqing table gives items {item}–{number} the "
                    "same content)"
                ),
                item=origin,
                number=number,
            ),
            from_item=origin,
        )
        return tuple(
            attrs.evolve(e, inherited_from=origin)
            for e in elements_of(self.column(origin, "公开内容"), what)[0]
        )

    def read_basis(self, number: int, what: str) -> tuple[str, ...]:
        text = self.merged_text("公开依据", number)
        if text is None:
            text = clean(self.continued("公开依据", "basis", number) or "")
        return basis_entries(text, what)

    def read_time_limit(self, number: int, what: str) -> TimeLimit | None:
        text = self.continued("公开时限", "time_limit", number)
        return time_limit(text, what) if text else None

    def read_subjects(self, number: int) -> tuple[str, ...] | None:
        text = self.continued("公开主体", "subjects", number)
        return (text.strip(),) if text else None

    def read_channels(self, number: int, what: str) -> frozenset[Channel] | None:
        text = self.merged_text("公开渠道和载体", number)
        if text is None:
            raw = self.continued("公开渠道和载体", "channels", number)
            text = clean(raw) if raw is not None else None
        return None if text is None else channels(text, what)

    def read_marks(
        self, number: int
    ) -> tuple[frozenset[Audience], frozenset[Mode], frozenset[Level]] | None:
        source = number if self.has_marks(number) else self.above(number, self.has_marks)
        if source is None:
            for attribute in _MARK_ATTRIBUTES:
                self.infer(
                    number,
                    attribute,
                    Note.of(
                        N_(
                            "the mark cells are blank in the source and the cells above them "
                            "belong to items the source does not give; unknown"
                        )
                    ),
                )
            return None
        line, cells = self.rows[source]
        audiences, modes, levels, note = marks(cells[len(COLUMNS) :], f"shanyin.txt line {line}")
        if source != number:
            note = Note.of(
                N_(
                    "the mark cells are blank in the source; read as continuing the merged "
                    "cells of item {item}, whose cells are {note}"
                ),
                item=source,
                note=note,
            )
        for attribute in _MARK_ATTRIBUTES:
            self.infer(number, attribute, note, from_item=source if source != number else None)
        return audiences, modes, levels

    def item(self, number: int) -> Item:
        """Item ``number``, every column read in order."""
        line, cells = self.rows[number]
        what = f"shanyin.txt line {line} (item {number})"
        category = self.read_category(number)
        elements = self.read_elements(number, what)
        basis = self.read_basis(number, what)
        limit = self.read_time_limit(number, what)
        subjects = self.read_subjects(number)
        channels = self.read_channels(number, what)
        audiences, modes, levels = self.read_marks(number) or (None, None, None)
        columns = COLUMNS + tuple(f"标记{i + 1}" for i in range(len(cells) - len(COLUMNS)))
        return Item(
            number=number,
            category=category,
            name=re.sub(r"\s+", "", self.column(number, "二级事项")),
            elements=elements,
            basis=basis,
            time_limit=limit,
            subjects=subjects,
            channels=channels,
            audiences=audiences,
            modes=modes,
            levels=levels,
            inferred=tuple(self.inferred[number]),
            source_line=line,
            source_cells=tuple(SourceCell(c, t) for c, t in zip(columns, cells, strict=True)),
        )


def build(path: Path) -> Catalogue:
    """The Shanyin catalogue from ``shanyin.txt``."""
    source_rows, source_fragments = read_shanyin.read(path.read_text(encoding="utf-8"))
    table = _Table.of(source_rows)
    items = [table.item(number) for number in table.rows]
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
            Note.of(
                N_("The source is partial: it gives items 3–21 and 41–43 of the 43-item table.")
            ),
            Note.of(N_("The source text carries no title; the title above describes it.")),
            Note.of(
                N_(
                    "Only this source says which content entries are optional (○); ● entries are "
                    "required."
                )
            ),
            *_fragment_notes(source_fragments),
            Note.of(
                N_(
                    "Mark cells are named 标记1… in source_cells because the extraction lost empty "
                    "cells and their columns are not reliable."
                )
            ),
        ),
    )
