"""The ``zfgk`` command (also ``python -m zfgk``).

Exit status: 0 on success, 1 when a check finds problems, 2 for usage or
input errors (with a one-line message on stderr).

>>> main(["show", "19", "--catalogue", "chongqing"])  # doctest: +ELLIPSIS
分配结果（chongqing 第 19 项）
一级事项  配给管理
...
0
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO, TypeVar

from zfgk.catalogues import _converter, catalogue_names, load
from zfgk.errors import ZfgkError
from zfgk.model import Audience, Catalogue, Channel, Item, Level, Mode, PersonalKind

E = TypeVar("E", bound=enum.Enum)

PERSONAL_LABELS = {
    PersonalKind.NAME: "姓名",
    PersonalKind.ID_NUMBER: "身份证号",
    PersonalKind.PHONE: "电话",
    PersonalKind.IDENTIFIER: "编号",
}

__all__ = ["display_width", "main"]

DEFAULT_CATALOGUE = "chongqing"


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK and full-width characters take two.

    >>> display_width("分配结果"), display_width("abc"), display_width("（1）")
    (8, 3, 5)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _labels(values: frozenset[E] | None, kind: type[E]) -> str:
    """Labels in the enum's order; says so when the source gives none."""
    if values is None:
        return "（来源未给出）"
    labels = [member.value for member in kind if member in values]
    return "、".join(labels) if labels else "（无）"


def render_item(catalogue: Catalogue, item: Item) -> str:
    """The human-readable form of an item, labels aligned for Chinese text.

    >>> print(render_item(zfgk.load("shanyin"), zfgk.load("shanyin").item(15)))  # doctest: +ELLIPSIS
    公租房租赁补贴或租金减免审批（shanyin 第 15 项）
    一级事项  配给管理
    公开内容  ● 申请受理  （同第 14 项）
              ● 审核结果：申请对象姓名身份证号(隐藏部分号码)申请房源类型  （同第 14 项）
                → 申请对象姓名［个人信息·姓名］、身份证号［个人信息·身份证号，须隐藏部分号码］、申请房源类型
    ...
    """
    label_width = 10
    lines = [f"{item.name}（{catalogue.name} 第 {item.number} 项）"]

    def row(label: str, values: Sequence[str]) -> None:
        values = list(values) or ["（来源未给出）"]
        lines.append(_pad(label, label_width) + values[0])
        lines.extend(" " * label_width + v for v in values[1:])

    row("一级事项", [item.category])
    content: list[str] = []
    for element in item.elements:
        marker = element.marker or "●"
        extra = f"  （同第 {element.inherited_from} 项）" if element.inherited_from else ""
        content.append(f"{marker} {element.text}{extra}")
        names = [f.name for f in element.fields]
        described = []
        for f in element.fields:
            notes = []
            if f.personal is not None:
                notes.append(f"个人信息·{PERSONAL_LABELS[f.personal]}")
            if f.masked:
                notes.append("须隐藏部分号码")
            described.append(f.name + (f"［{'，'.join(notes)}］" if notes else ""))
        if names != [element.text] or any(f.personal or f.masked for f in element.fields):
            content.append("  → " + "、".join(described))
    row("公开内容", content)
    row("公开依据", [f"{i}. {b}" for i, b in enumerate(item.basis, 1)])
    row("公开时限", [item.time_limit.text] if item.time_limit else [])
    row("公开主体", list(item.subjects))
    row("公开渠道", [_labels(item.channels, Channel)])
    row("公开对象", [_labels(item.audiences, Audience)])
    row("公开方式", [_labels(item.modes, Mode)])
    row("公开层级", [_labels(item.levels, Level)])
    if item.inferred:
        row("推断说明", [f"{i.attribute}: {i.note}" for i in item.inferred])
    return "\n".join(lines)


def render_items(items: Sequence[Item]) -> str:
    """One aligned line per item: number, category, name.

    >>> print(render_items(zfgk.load("chongqing").search("退出")))
    22  配后管理  自愿退出
    23  配后管理  到期退出
    24  配后管理  不符合条件退出
    25  配后管理  违规处罚退出
    38  办事指南  自愿退出
    """
    if not items:
        return ""
    num_w = max(len(str(i.number)) for i in items)
    cat_w = max(display_width(i.category) for i in items)
    return "\n".join(
        f"{str(i.number).rjust(num_w)}  {_pad(i.category, cat_w)}  {i.name}" for i in items
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zfgk",
        description="The affordable-housing disclosure catalogues (保障性住房领域政务公开标准目录).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def catalogue_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--catalogue",
            "-c",
            default=DEFAULT_CATALOGUE,
            metavar="NAME",
            help=f"packaged catalogue ({', '.join(catalogue_names())}) or a path to a "
            f"catalogue JSON file; default {DEFAULT_CATALOGUE}",
        )

    p_items = sub.add_parser("items", help="list the items of a catalogue, or those matching QUERY")
    catalogue_option(p_items)
    p_items.add_argument("query", nargs="?", default="", help="text to look for")

    p_show = sub.add_parser("show", help="show one item")
    catalogue_option(p_show)
    p_show.add_argument("item", help="item number or name (二级事项)")
    p_show.add_argument("--category", help="一级事项, to choose between items of the same name")
    p_show.add_argument("--json", action="store_true", help="print the item as JSON")
    return parser


def _catalogue(name: str) -> Catalogue:
    if name.endswith(".json"):
        from zfgk.catalogues import load_file

        return load_file(name)
    return load(name)


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the ``zfgk`` command; returns its exit status.

    >>> main(["items", "分配结果"])
    19  配给管理  分配结果
    0

    Errors go to stderr as one line, with exit status 2:

    >>> main(["show", "99"])  # stderr: zfgk: error: no item 99 in the chongqing catalogue: ...
    2
    """
    out = stdout or sys.stdout
    args = _parser().parse_args(argv)
    try:
        catalogue = _catalogue(args.catalogue)
        if args.command == "items":
            text = render_items(catalogue.search(args.query))
            if text:
                print(text, file=out)
            return 0
        item = catalogue.item(args.item, category=args.category)
        if args.json:
            data = {"catalogue": catalogue.name, **_converter().unstructure(item)}
            print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
        else:
            print(render_item(catalogue, item), file=out)
        return 0
    except ZfgkError as e:
        print(f"zfgk: error: {e}", file=sys.stderr)
        return 2
