"""Write one Markdown page per packaged catalogue into docs/catalogues/.

Run by docs/conf.py at the start of every build, so the pages always match
the packaged data.  The pages are build products and are not committed.
"""

from __future__ import annotations

import enum
import os
import tempfile
from pathlib import Path
from typing import TypeVar

import zfgk
from zfgk.model import Audience, Catalogue, Channel, Item, Level, Mode

OUT = Path(__file__).resolve().parent / "catalogues"
E = TypeVar("E", bound=enum.Enum)


def labels(values: frozenset[E] | None, kind: type[E]) -> str:
    if values is None:
        return "*来源未给出*"
    chosen = [str(m.value) for m in kind if m in values]
    return "、".join(chosen) if chosen else "（无）"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def item_section(item: Item) -> list[str]:
    lines = [f"## {item.number} {item.name}", "", f"一级事项：{item.category}", ""]
    lines += ["| | 公开内容 | 字段 |", "|---|---|---|"]
    for number, element in enumerate(item.elements, 1):
        fields = [f.name + (f"（{'，'.join(f.notes)}）" if f.notes else "") for f in element.fields]
        marker = element.marker or f"{number}."
        extra = f"（同第 {element.inherited_from} 项）" if element.inherited_from else ""
        lines.append(f"| {marker} | {cell(element.text)}{extra} | {cell('、'.join(fields))} |")
    lines.append("")
    if any(e.note for e in item.elements):
        lines += [f"- {cell(e.text)}：{e.note}" for e in item.elements if e.note]
        lines.append("")
    limit = item.time_limit.text if item.time_limit else "*来源未给出*"
    lines += [
        f"- 公开时限：{limit}",
        f"- 公开主体：{'、'.join(item.subjects) if item.subjects is not None else '*来源未给出*'}",
        f"- 公开渠道：{labels(item.channels, Channel)}",
        f"- 公开对象：{labels(item.audiences, Audience)}；"
        f"公开方式：{labels(item.modes, Mode)}；公开层级：{labels(item.levels, Level)}",
        "- 公开依据：",
    ]
    lines += [f"  {i}. {b}" for i, b in enumerate(item.basis, 1)] or ["  *（无）*"]
    if item.inferred:
        lines += ["", "推断说明：", ""]
        lines += [f"- `{i.attribute}`：{i.note}" for i in item.inferred]
    lines.append("")
    return lines


def page(catalogue: Catalogue) -> str:
    lines = [
        f"# {catalogue.title}",
        "",
        f"`zfgk.load({catalogue.name!r})`: {len(catalogue)} items "
        f"({catalogue.coverage} of {catalogue.total}), region {catalogue.region}.",
        "",
        f"Source: {catalogue.source.title} ({catalogue.source.origin}); "
        f"vendored as `{catalogue.source.file}`.",
        "",
        "● required, ○ optional: only the Shanyin source marks its entries; the Chongqing "
        "source numbers them (1., 2., …) and marks none optional.",
        "",
    ]
    if catalogue.notes:
        lines += ["Notes on the data:", ""] + [f"- {cell(n.text)}" for n in catalogue.notes] + [""]
    for item in catalogue:
        lines += item_section(item)
    return "\n".join(lines)


def main() -> None:
    """Write each catalogue's page, only where it changed, and whole (``nox -s docs`` runs
    the English and Chinese builds at once, and each reads the pages the other writes)."""
    OUT.mkdir(exist_ok=True)
    for name in zfgk.catalogue_names():
        path = OUT / f"{name}.md"
        text = page(zfgk.load(name))
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        fd, temporary = tempfile.mkstemp(dir=OUT, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, path)


if __name__ == "__main__":
    main()
