"""``zfgk show ITEM``: one item, readable or as JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TextIO

from zfgk.catalogues import item_to_dict
from zfgk.cli._common import (
    add_catalogue_option,
    catalogue_name,
    find_item,
    labels,
    language,
    load_catalogue,
    not_given,
    pad,
    tr,
)
from zfgk.model import COLUMNS, Audience, Catalogue, Channel, Item, Level, Mode


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` command to the parser."""
    parser = sub.add_parser("show", help=tr("show one item"))
    add_catalogue_option(parser)
    parser.add_argument("item", help=tr("item number or name (二级事项)"))
    parser.add_argument("--category", help=tr("一级事项, to choose between items of the same name"))
    parser.add_argument("--json", action="store_true", help=tr("print the item as JSON"))
    parser.set_defaults(run=run)


def render_item(catalogue: Catalogue, item: Item) -> str:
    """The human-readable form of an item, labels aligned for Chinese text.

    Content entries carry the source's own marks: ●/○ where the source
    marks them (Shanyin), their list number where it numbers them
    (Chongqing).  What the source does not give reads （来源未给出）.

    >>> import zfgk
    >>> from zfgk.cli._common import set_language
    >>> from zfgk.cli.show import render_item
    >>> set_language("zh")
    >>> shanyin = zfgk.load("shanyin")
    >>> print(render_item(shanyin, shanyin.item(15)))  # doctest: +ELLIPSIS
    公租房租赁补贴或租金减免审批（《山阴县住建局保障性住房领域基层政务公开标准目录》第 15 项）
    一级事项  配给管理
    公开内容  ● 申请受理  （同第 14 项）
              ● 审核结果：申请对象姓名身份证号(隐藏部分号码)申请房源类型  （同第 14 项）
                → 申请对象姓名［个人信息·姓名］、身份证号［个人信息·身份证号，须隐藏部分号码］、申请房源类型
    ...
    """
    label_width = 10
    lines = [
        tr(
            "{name} ({catalogue}, item {number})",
            name=item.name,
            catalogue=catalogue_name(catalogue),
            number=item.number,
        )
    ]

    def row(label: str, values: Sequence[str]) -> None:
        values = list(values) or [not_given()]
        lines.append(pad(label, label_width) + values[0])
        lines.extend(" " * label_width + v for v in values[1:])

    row("一级事项", [item.category])
    content: list[str] = []
    for number, element in enumerate(item.elements, 1):
        marker = element.marker or f"{number}."
        extra = (
            "  " + tr("(as item {number})", number=element.inherited_from)
            if element.inherited_from
            else ""
        )
        content.append(f"{marker} {element.text}{extra}")
        names = [f.name for f in element.fields]
        described = [
            f.name + (f"［{'，'.join(f.notes)}］" if f.notes else "") for f in element.fields
        ]
        if names != [element.text] or any(f.personal or f.masked for f in element.fields):
            content.append("  → " + "、".join(described))
    row("公开内容", content)
    row("公开依据", [f"{i}. {b}" for i, b in enumerate(item.basis, 1)])
    row("公开时限", [item.time_limit.text] if item.time_limit else [])
    row("公开主体", list(item.subjects or ()))
    row("公开渠道", [labels(item.channels, Channel)])
    row("公开对象", [labels(item.audiences, Audience)])
    row("公开方式", [labels(item.modes, Mode)])
    row("公开层级", [labels(item.levels, Level)])
    if item.inferred:
        # The build tool's judgements, in the reader's language; in Chinese
        # each attribute is named by its column.
        said = language()
        row(
            tr("inferred"),
            [
                f"{COLUMNS.get(i.attribute, i.attribute)}：{i.note.localized(said)}"
                if said == "zh"
                else f"{i.attribute}: {i.note.text}"
                for i in item.inferred
            ],
        )
    return "\n".join(lines)


def item_json(catalogue: Catalogue, item: Item) -> str:
    """The item in the catalogue JSON format, with the catalogue's name first.

    >>> import json, zfgk
    >>> from zfgk.cli.show import item_json
    >>> cat = zfgk.load("chongqing")
    >>> json.loads(item_json(cat, cat.item(19)))["channels"]
    ['政府网站', '两微一端']
    """
    data = {"catalogue": catalogue.name, **item_to_dict(item)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the item; exit status 0."""
    catalogue = load_catalogue(args.catalogue)
    item = find_item(catalogue, args.item, category=args.category, category_option="--category")
    print(item_json(catalogue, item) if args.json else render_item(catalogue, item), file=out)
    return 0
