"""Building the Chongqing catalogue from the rows of its annex table."""

from __future__ import annotations

import re
from pathlib import Path

from zfgk.fields import make_element
from zfgk.i18n import N_
from zfgk.model import Audience, Catalogue, Item, Level, Mode, Note, Source, SourceCell
from zfgk_build import read_chongqing
from zfgk_build.cells import categories, channel, numbered_list, sha256, time_limit
from zfgk_build.rows import COLUMNS, TOTAL_ITEMS, SourceError, SourceRow

MARKS = ("全社会", "特定群体", "主动", "依申请", "市级", "县级", "乡级")


def item(row: SourceRow) -> Item:
    """One item from its row: numbered lists, ■/□ channels and √ marks."""
    what = f"chongqing.txt line {row.line}"
    cells = row.cells
    if len(cells) not in (len(COLUMNS), len(COLUMNS) + len(MARKS)):
        raise SourceError(f"{what}: {len(cells)} cells")
    elements = tuple(
        make_element(entry) for entry in numbered_list(row.cell("公开内容"), f"{what} 公开内容")
    )
    chosen = []
    for box, label in re.findall(r"([■□])([^■□\n]+)", row.cell("公开渠道和载体")):
        ch = channel(label.strip(), f"{what} 公开渠道和载体")
        if box == "■":
            chosen.append(ch)
    audiences = modes = levels = None
    if row.marks:
        for mark in row.marks:
            if mark.strip("\u3000 ") not in ("", "√"):
                raise SourceError(f"{what}: unexpected mark {mark!r}")
        ticked = {label for label, mark in zip(MARKS, row.marks, strict=True) if "√" in mark}
        audiences = frozenset(a for a in Audience if a.value in ticked)
        modes = frozenset(m for m in Mode if m.value in ticked)
        levels = frozenset(lv for lv in Level if lv.value in ticked)
    columns = COLUMNS + MARKS
    return Item(
        number=row.number,
        category=row.cell("一级事项").strip(),
        name=re.sub(r"\s+", "", row.cell("二级事项")),
        elements=elements,
        basis=tuple(numbered_list(row.cell("公开依据"), f"{what} 公开依据")),
        time_limit=time_limit(row.cell("公开时限"), what),
        subjects=(row.cell("公开主体").strip(),),
        channels=frozenset(chosen),
        audiences=audiences,
        modes=modes,
        levels=levels,
        source_line=row.line,
        source_cells=tuple(SourceCell(c, t) for c, t in zip(columns, cells, strict=False)),
    )


def build(path: Path) -> Catalogue:
    """The Chongqing catalogue from ``chongqing.txt``."""
    items = tuple(item(row) for row in read_chongqing.read(path.read_text(encoding="utf-8")))
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
            Note.of(
                N_(
                    "Items {items}: the source text ends after the channel cell and gives no "
                    "公开对象/公开方式/公开层级 marks, so audiences, modes and levels are null "
                    "(unknown), not guessed."
                )
                if len(unmarked) > 1
                else N_(
                    "Item {items}: the source text ends after the channel cell and gives no "
                    "公开对象/公开方式/公开层级 marks, so audiences, modes and levels are null "
                    "(unknown), not guessed."
                ),
                items=", ".join(map(str, unmarked)),
            ),
            Note.of(
                N_("公开主体 is kept as the one phrase the source writes ({phrase})."),
                phrase=items[0].subjects[0] if items[0].subjects else "",
            ),
        ),
    )
