"""``zfgk items [QUERY]``: list a catalogue's items, or those matching QUERY."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TextIO

from zfgk.catalogues import search
from zfgk.cli._common import add_catalogue_option, display_width, load_catalogue, pad, tr
from zfgk.model import Item


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``items`` command to the parser."""
    parser = sub.add_parser(
        "items",
        help=tr("list the items of a catalogue, or those matching QUERY"),
        description=tr(
            "List the items whose name, category, content, legal basis (公开依据) or "
            "publishing body (公开主体) contains QUERY, and those officers call by a word in "
            "QUERY (配租 finds 分配结果); --basis keeps those citing a document."
        ),
    )
    add_catalogue_option(parser)
    parser.add_argument("query", nargs="?", default="", help=tr("text to look for"))
    parser.add_argument(
        "--basis",
        metavar="TEXT",
        help=tr("only items whose 公开依据 cites a document matching TEXT"),
    )
    parser.set_defaults(run=run)


def render_items(items: Sequence[Item]) -> str:
    """One aligned line per item: number, category, name.

    >>> import zfgk
    >>> from zfgk.cli.items import render_items
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
        f"{str(i.number).rjust(num_w)}  {pad(i.category, cat_w)}  {i.name}" for i in items
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the matching items; exit status 0."""
    text = render_items(search(load_catalogue(args.catalogue), args.query, basis=args.basis))
    if text:
        print(text, file=out)
    return 0
