"""``zfgk diff A B``: how two catalogues differ."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from zfgk.cli._common import emit_json, load_catalogue, not_given, tr
from zfgk.compare import CatalogueDiff, Change, diff
from zfgk.model import Catalogue, number_ranges


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``diff`` command to the parser."""
    parser = sub.add_parser(
        "diff",
        help=tr("how two catalogues differ"),
        description=tr(
            "Compare catalogue A with catalogue B (packaged names or catalogue files): "
            "the items only one has, and for the others the attributes that differ, with both "
            "values. Exit 0 when they are the same, 1 when they differ, 2 on error."
        ),
    )
    parser.add_argument("a", metavar="A", help=tr("a packaged catalogue name, or a catalogue file"))
    parser.add_argument("b", metavar="B", help=tr("the catalogue to compare it with"))
    parser.add_argument("--json", action="store_true", help=tr("print one JSON object"))
    parser.set_defaults(run=run)


def _entry(entry: dict[str, Any]) -> str:
    return f"{'●' if entry['required'] else '○'} {entry['text']}"


def _values(change: Change, side: Any) -> list[str]:
    """One side of a change as lines of text."""
    if side is None:
        return [not_given()]
    if change.attribute == "elements":
        return [_entry(e) for e in side]
    if change.attribute == "time_limit":
        return [side["text"]]
    if isinstance(side, list):
        return [str(v) for v in side] or [tr("(none)")]
    return [str(side)]


def render_change(change: Change, a: str, b: str) -> list[str]:
    """The lines of one changed attribute: what only A has, what only B has.

    >>> import zfgk
    >>> from zfgk.cli._common import set_language
    >>> from zfgk.cli.diff import render_change
    >>> set_language("zh")
    >>> change = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing")).item(14).changes[0]
    >>> print("\\n".join(render_change(change, "shanyin", "chongqing")))
      公开内容：
        只在 shanyin：● 审核结果：申请对象姓名身份证号(隐藏部分号码)申请房源类型
        只在 shanyin：○ 是否审核通过
        只在 shanyin：○ 审核未通过原因等
        只在 chongqing：● 审核结果：申请对象姓名、身份证号(隐藏部分号码)、申请房源类型
        只在 chongqing：● 是否审核通过
    >>> set_language("en")
    >>> print("\\n".join(render_change(change, "shanyin", "chongqing")[:2]))
      公开内容:
        only in shanyin: ● 审核结果：申请对象姓名身份证号(隐藏部分号码)申请房源类型
    """
    ours, theirs = _values(change, change.a), _values(change, change.b)
    if change.attribute in ("category", "name", "time_limit") or None in (change.a, change.b):
        # One value each, or one side that gives none: say both whole.

        def quoted(side: Any, values: list[str]) -> str:
            return not_given() if side is None else tr("“{value}”", value="、".join(values))

        return [
            "  "
            + tr(
                "{label}: {a} {value_a}, {b} {value_b}",
                label=change.label,
                a=a,
                value_a=quoted(change.a, ours),
                b=b,
                value_b=quoted(change.b, theirs),
            )
        ]
    lines = ["  " + tr("{label}:", label=change.label)]
    lines += [
        "    " + tr("only in {name}: {value}", name=a, value=v) for v in ours if v not in theirs
    ]
    lines += [
        "    " + tr("only in {name}: {value}", name=b, value=v) for v in theirs if v not in ours
    ]
    if len(lines) == 1:  # the same values, in another order
        lines.append(
            "    "
            + tr(
                "in another order: {a} {values_a}; {b} {values_b}",
                a=a,
                values_a="、".join(ours),
                b=b,
                values_b="、".join(theirs),
            )
        )
    return lines


def _label(given: str, catalogue: Catalogue) -> str:
    return catalogue.name if given == catalogue.name else given


def render_diff(
    result: CatalogueDiff, a: Catalogue, b: Catalogue, labels: tuple[str, str] | None = None
) -> str:
    """The text of ``zfgk diff``, in the command's language; ``labels`` name A and B."""
    name_a, name_b = labels or (a.name, b.name)
    if result.same:
        return tr(
            "{a} and {b} are the same: {count} items, with the same content.",
            a=name_a,
            b=name_b,
            count=len(a),
        )
    lines = [
        tr(
            "how {a} ({count_a} items) and {b} ({count_b} items) differ:",
            a=name_a,
            count_a=len(a),
            b=name_b,
            count_b=len(b),
        )
    ]
    if result.only_in_a:
        lines.append(
            tr(
                "items only {name} has: {numbers}",
                name=name_a,
                numbers=number_ranges(result.only_in_a),
            )
        )
    if result.only_in_b:
        lines.append(
            tr(
                "items only {name} has: {numbers}",
                name=name_b,
                numbers=number_ranges(result.only_in_b),
            )
        )
    for changed in result.changed:
        lines.append(
            tr(
                "item {number} {name}: {labels} differ",
                number=changed.number,
                name=changed.name,
                labels="、".join(c.label for c in changed.changes),
            )
        )
        for change in changed.changes:
            lines.extend(render_change(change, name_a, name_b))
    same = len(a.numbers) - len(result.only_in_a) - len(result.changed)
    lines.append(
        tr("{changed} items differ, {same} are the same.", changed=len(result.changed), same=same)
    )
    return "\n".join(lines)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the differences; exit status 0 when the catalogues are the same, 1 when not."""
    a, b = load_catalogue(args.a), load_catalogue(args.b)
    result = diff(a, b)
    # Each side by the name or the path given: an edited copy keeps the name
    # of the catalogue it was exported from.
    labels = (_label(args.a, a), _label(args.b, b))
    if args.json:
        data = {**result.to_dict(), "a": labels[0], "b": labels[1]}
        emit_json(out, data)
    else:
        print(render_diff(result, a, b, labels), file=out)
    return 0 if result.same else 1
