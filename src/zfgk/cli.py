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
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO, TypeVar

from zfgk._io import (
    InputError,
    atomic_output,
    csv_records,
    detect_encoding,
    quote_like,
    read_lines,
    read_table,
    unquote,
)
from zfgk.audit import Publication, audit
from zfgk.catalogues import _converter, catalogue_names, load
from zfgk.errors import PrivacyError, ZfgkError
from zfgk.model import (
    Audience,
    Catalogue,
    Channel,
    Item,
    Level,
    Mode,
    PersonalKind,
    normalize_text,
)
from zfgk.privacy import find_pii, mask_id, mask_name, mask_phone
from zfgk.validation import Problem, ProblemCode, Report, Validator
from zfgk.workdays import deadline, default_calendar, request_deadline

E = TypeVar("E", bound=enum.Enum)


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
        described = [
            f.name + (f"［{'，'.join(f.notes)}］" if f.notes else "") for f in element.fields
        ]
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

    def report_options(p: argparse.ArgumentParser) -> None:
        """The options of the commands that read a file and report problem rows."""
        p.add_argument(
            "--json", action="store_true", help="JSON lines: problem rows, then a summary"
        )
        p.add_argument("--encoding", help="force the encoding (utf-8, utf-8-sig, gb18030)")
        p.add_argument(
            "--show", type=int, default=20, metavar="N", help="problem rows to print (default 20)"
        )

    p_items = sub.add_parser("items", help="list the items of a catalogue, or those matching QUERY")
    catalogue_option(p_items)
    p_items.add_argument("query", nargs="?", default="", help="text to look for")

    p_show = sub.add_parser("show", help="show one item")
    catalogue_option(p_show)
    p_show.add_argument("item", help="item number or name (二级事项)")
    p_show.add_argument("--category", help="一级事项, to choose between items of the same name")
    p_show.add_argument("--json", action="store_true", help="print the item as JSON")

    p_due = sub.add_parser(
        "due",
        help="the publication (or reply) deadline for information formed on DATE",
        description="The deadline counts working days after DATE (DATE itself not counted).",
    )
    p_due.add_argument("date", type=_iso_date, help="YYYY-MM-DD: formed/changed, or received")
    p_due.add_argument("--days", type=int, help="working days allowed (default 20)")
    p_due.add_argument("--item", help="take the time limit of this catalogue item")
    catalogue_option(p_due)
    p_due.add_argument(
        "--request", action="store_true", help="a request for disclosure (条例 第33条)"
    )
    p_due.add_argument("--extended", action="store_true", help="with the 20-day extension")
    p_due.add_argument(
        "--paused",
        action="append",
        default=[],
        type=_date_range,
        metavar="FROM:TO",
        help="a period not counted (补正, third-party consultation); repeatable",
    )

    p_mask = sub.add_parser(
        "mask",
        help="mask the personal-data columns of a CSV file",
        description="Mask names, ID numbers and phone numbers in the named columns (by "
        "default, the columns whose headers are personal fields of the catalogues), keeping "
        "every other byte; the output is written only if every value could be masked.",
    )
    p_mask.add_argument("input", type=Path, help="CSV file (UTF-8, UTF-8 with BOM or GB18030)")
    p_mask.add_argument("-o", "--output", type=Path, required=True, help="where to write")
    p_mask.add_argument(
        "--columns",
        help="comma-separated headers to mask, each optionally with =name, =id or =phone "
        "(e.g. 身份证号,户主=name)",
    )
    p_mask.add_argument("--encoding", help="force the input encoding (utf-8, utf-8-sig, gb18030)")

    p_scan = sub.add_parser(
        "scan",
        help="find unmasked ID and mobile numbers before publishing",
        description="Print file, line and kind of every unmasked ID number or mobile number "
        "(never the value); exit 1 if there is any.",
    )
    p_scan.add_argument("files", nargs="+", type=Path, help=".txt, .csv, .html or .md files")
    p_scan.add_argument("--encoding", help="force the encoding")

    p_check = sub.add_parser(
        "check",
        help="check an exported file against a catalogue item's required fields",
        description="Check every row of a CSV (UTF-8, UTF-8 with BOM, GB18030), JSON Lines "
        "or .xlsx file against a catalogue item. Exit 0 when every row passes, 1 when any "
        "has problems, 2 for usage or input errors.",
    )
    p_check.add_argument("file", type=Path, help="the exported file")
    p_check.add_argument("--item", required=True, help="item number or name")
    catalogue_option(p_check)
    p_check.add_argument(
        "--alias",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map one of your columns to a field of the item; repeatable",
    )
    report_options(p_check)

    p_audit = sub.add_parser(
        "audit",
        help="audit a publication log: on time, on the required channels, at a government address",
        description="Audit a log (CSV, JSON Lines or .xlsx) with columns item, formed_on, "
        "published_on, channels (labels separated by ; or 、) and url. Exit 0 when every row "
        "passes, 1 when any has problems, 2 for usage or input errors.",
    )
    p_audit.add_argument("file", type=Path, help="the publication log")
    catalogue_option(p_audit)
    p_audit.add_argument(
        "--today", type=_iso_date, help="the day overdue is judged on (default: today)"
    )
    report_options(p_audit)

    p_cal = sub.add_parser("calendar", help="a month with rest days and make-up working days")
    p_cal.add_argument("month", type=_year_month, help="YYYY-MM")
    return parser


WEEKDAYS = "一二三四五六日"


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _date_range(text: str) -> tuple[date, date]:
    first, sep, last = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected FROM:TO, got {text!r}")
    return _iso_date(first), _iso_date(last)


def _year_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in text.split("-"))
        date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM month: {text!r}") from None
    return year, month


def _day(d: date) -> str:
    return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）"


def render_due(args: argparse.Namespace) -> str:
    """The text of ``zfgk due``.

    >>> print(render_due(_parser().parse_args(["due", "2026-09-28"])))
    2026-10-30（星期五）
    形成或变更于 2026-09-28（星期一）；当日不计，自次日起第 20 个工作日为最后一日。
    """
    days = args.days
    intro = ""
    if args.item is not None:
        item = _catalogue(args.catalogue).item(args.item)
        if item.time_limit is None:
            raise ZfgkUsageError(
                f"item {item.number} ({item.name}) has no time limit in its source; "
                "pass --days N instead of --item"
            )
        days = item.time_limit.working_days if days is None else days
        intro = f"第 {item.number} 项 {item.name}：{item.time_limit.text}\n"
    if args.request:
        due = request_deadline(args.date, extended=args.extended, paused=args.paused)
        total = 40 if args.extended else 20
        rule = (
            f"收到申请于 {_day(args.date)}；当日不计，自次日起第 {total} 个工作日为答复期限"
            + ("（含延长 20 个工作日）" if args.extended else "")
            + (f"，暂停期间 {len(args.paused)} 段不计" if args.paused else "")
            + "（政府信息公开条例 第33条）。"
        )
    else:
        if args.extended or args.paused:
            raise ZfgkUsageError("--extended and --paused apply only with --request")
        days = 20 if days is None else days
        due = deadline(args.date, days)
        rule = f"形成或变更于 {_day(args.date)}；当日不计，自次日起第 {days} 个工作日为最后一日。"
    return f"{intro}{_day(due)}\n{rule}"


def render_month(year: int, month: int) -> str:
    """The month as a grid, rest days marked 休 and make-up working days 班.

    >>> print(render_month(2026, 10))
    2026年10月
    一    二    三    四    五    六    日
                      1休   2休   3     4
    5休   6休   7休   8     9     10班  11
    12    13    14    15    16    17    18
    19    20    21    22    23    24    25
    26    27    28    29    30    31
    休：工作日放假  班：周末调休上班
    """
    cal = default_calendar()
    days = cal.month(year, month)
    cells = ["" for _ in range(days[0][0].weekday())]
    for d, works in days:
        mark = ""
        if cal.is_holiday(d):
            mark = "休"
        elif works and d.weekday() >= 5:
            mark = "班"
        cells.append(f"{d.day}{mark}")
    lines = [f"{year}年{month}月", "    ".join(WEEKDAYS)]
    for start in range(0, len(cells), 7):
        week = cells[start : start + 7]
        lines.append("".join(_pad(c, 6) for c in week).rstrip())
    lines.append("休：工作日放假  班：周末调休上班")
    return "\n".join(lines)


class ZfgkUsageError(ZfgkError):
    """A combination of options that makes no sense."""


def _aliases(specs: list[str]) -> dict[str, str]:
    aliases = {}
    for spec in specs:
        column, sep, field = spec.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise ZfgkUsageError(f"--alias expects COLUMN=FIELD, got {spec!r}")
        aliases[column.strip()] = field.strip()
    return aliases


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """``zfgk check``: 0 when every row passes, 1 when any has problems."""
    catalogue = _catalogue(args.catalogue)
    item = catalogue.item(args.item)
    try:
        validator = Validator(item, _aliases(args.alias))
    except ValueError as e:
        raise ZfgkUsageError(str(e)) from None
    table = read_table(args.file, args.encoding)
    header_problems: tuple[Problem, ...] = ()
    skip: frozenset[str] = frozenset()
    if table.header is not None:
        missing = validator.missing_columns(table.header)
        unknown = tuple(
            Problem(
                ProblemCode.UNKNOWN,
                name,
                f"column {name} is not a field of item {item.number} ({item.name}); it is "
                "ignored (map it with --alias if it is one under another name)",
            )
            for name in table.header
            if validator.slots_for(name) is None
        )
        header_problems = missing + unknown
        skip = frozenset(p.field for p in missing)
        ignore = frozenset(p.field for p in unknown)
    else:
        ignore = frozenset()
    counts: Counter[tuple[str, str]] = Counter()
    rows = failed = warned = 0
    shown: list[tuple[int, Report]] = []
    progress = sys.stderr.isatty() and not args.json
    for row, record in table.rows:
        rows += 1
        report = validator(record, skip_missing=skip)
        if ignore and report.problems:
            report = Report(
                tuple(p for p in report.problems if not (p.warning and p.field in ignore))
            )
        if report.problems:
            if report.ok:
                warned += 1
            else:
                failed += 1
            for p in report.problems:
                counts[p.field, p.code.value] += 1
            if args.json:
                print(
                    json.dumps(
                        {"row": row, "problems": [p.to_dict() for p in report.problems]},
                        ensure_ascii=False,
                    ),
                    file=out,
                )
            elif len(shown) < args.show:
                shown.append((row, report))
        if progress and rows % 5000 == 0:
            print(f"\rzfgk check: {rows} rows…", end="", file=sys.stderr, flush=True)
    if progress and rows >= 5000:
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    header_failed = any(not p.warning for p in header_problems)
    summary = {
        "file": str(args.file),
        "catalogue": catalogue.name,
        "item": item.number,
        "rows": rows,
        "rows_with_problems": failed,
        "rows_with_warnings_only": warned,
        "blank_rows": table.blank_rows,
        "header_problems": [p.to_dict() for p in header_problems],
        "problems": [{"field": f, "code": c, "count": n} for (f, c), n in sorted(counts.items())],
        "ok": not failed and not header_failed,
    }
    if args.json:
        print(json.dumps({"summary": summary}, ensure_ascii=False), file=out)
    else:
        print(_render_check(item, summary, shown, header_problems), file=out)
    return 0 if summary["ok"] else 1


def _render_check(
    item: Item,
    summary: dict[str, Any],
    shown: list[tuple[int, Report]],
    header_problems: tuple[Problem, ...],
) -> str:
    lines = [f"{summary['file']}: item {item.number} {item.name} ({summary['catalogue']})"]
    for p in header_problems:
        label = "note" if p.warning else f"header: {p.code.value} {p.field}"
        lines.append(f"  {label}: {p.message}")
    lines.append(
        f"  rows read: {summary['rows']}; rows with problems: {summary['rows_with_problems']}"
        + (
            f"; with warnings only: {summary['rows_with_warnings_only']}"
            if summary["rows_with_warnings_only"]
            else ""
        )
        + (f"; blank rows: {summary['blank_rows']}" if summary["blank_rows"] else "")
    )
    if summary["problems"]:
        lines.append("  problems by field and code:")
        width = max(display_width(p["field"]) for p in summary["problems"])
        for p in summary["problems"]:
            lines.append(f"    {_pad(p['field'], width)}  {p['code']:<9} {p['count']}")
    if shown:
        lines.append(f"  first {len(shown)} rows with problems:")
        for row, report in shown:
            for p in report.problems:
                lines.append(f"    row {row}: {p.code.value} {p.field}: {p.message}")
    lines.append("  OK" if summary["ok"] else "  FAILED")
    return "\n".join(lines)


LOG_COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "事项", "事项序号", "序号"),
    "formed_on": ("formed_on", "形成日期", "信息形成日期", "形成或变更日期"),
    "published_on": ("published_on", "发布日期", "公开日期"),
    "channels": ("channels", "渠道", "公开渠道"),
    "url": ("url", "网址", "链接"),
}


def _log_date(text: str) -> date:
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text)
    if not m:
        raise ValueError("not a date (YYYY-MM-DD)")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    """``zfgk audit``: 0 when every row passes, 1 when any has problems."""
    catalogue = _catalogue(args.catalogue)
    today = args.today or date.today()
    table = read_table(args.file, args.encoding)
    columns: dict[str, str] = {}
    for role, names in LOG_COLUMNS.items():
        for name in table.header or ():
            if normalize_text(name).lower() in names:
                columns[role] = name
                break
    if table.header is not None:
        lacking = [role for role in ("item", "formed_on") if role not in columns]
        if lacking:
            raise InputError(
                f"{args.file}: row 1: the log needs the columns {' and '.join(lacking)} "
                f"(also accepted: {', '.join(n for r in lacking for n in LOG_COLUMNS[r][1:])})"
            )
    stats: dict[int, Counter[str]] = {}
    rows = failed = 0
    shown: list[tuple[int, str, tuple[Problem, ...]]] = []
    for row, record in table.rows:
        rows += 1
        label, problems, item_number = _audit_row(catalogue, record, columns, today)
        if item_number is not None:
            counter = stats.setdefault(item_number, Counter())
            counter["rows"] += 1
            codes = {p.code for p in problems}
            if ProblemCode.LATE in codes:
                counter["late"] += 1
            elif ProblemCode.OVERDUE in codes:
                counter["overdue"] += 1
            elif ProblemCode.DEADLINE_UNKNOWN in codes:
                counter["deadline unknown"] += 1
            elif record.get(columns.get("published_on", ""), "").strip():
                counter["on time"] += 1
            else:
                counter["pending"] += 1
            if ProblemCode.MISSING_CHANNEL in codes:
                counter["channel gaps"] += 1
            if codes & {ProblemCode.INVALID_URL, ProblemCode.NOT_GOVERNMENT}:
                counter["address problems"] += 1
        if problems:
            failed += 1
            if args.json:
                print(
                    json.dumps(
                        {"row": row, "item": label, "problems": [p.to_dict() for p in problems]},
                        ensure_ascii=False,
                    ),
                    file=out,
                )
            elif len(shown) < args.show:
                shown.append((row, label, problems))
    by_item = {str(number): dict(counter) for number, counter in sorted(stats.items())}
    summary = {
        "file": str(args.file),
        "catalogue": catalogue.name,
        "today": today.isoformat(),
        "rows": rows,
        "rows_with_problems": failed,
        "blank_rows": table.blank_rows,
        "by_item": by_item,
        "ok": failed == 0,
    }
    if args.json:
        print(json.dumps({"summary": summary}, ensure_ascii=False), file=out)
    else:
        lines = [
            f"{args.file}: {rows} publications audited against {catalogue.name} on "
            f"{today.isoformat()}; rows with problems: {failed}"
            + (f"; blank rows: {table.blank_rows}" if table.blank_rows else "")
        ]
        keys = [
            "rows",
            "on time",
            "pending",
            "late",
            "overdue",
            "deadline unknown",
            "channel gaps",
            "address problems",
        ]
        lines.append("  item  " + "  ".join(keys))
        for number, counter in sorted(stats.items()):
            lines.append(
                f"  {number:>4}  " + "  ".join(str(counter.get(k, 0)).rjust(len(k)) for k in keys)
            )
        if shown:
            lines.append(f"  first {len(shown)} rows with problems:")
            for row, label, problems in shown:
                for p in problems:
                    lines.append(f"    row {row} ({label}): {p.code.value}: {p.message}")
        lines.append("  OK" if not failed else "  FAILED")
        print("\n".join(lines), file=out)
    return 0 if failed == 0 else 1


def _audit_row(
    catalogue: Catalogue, record: dict[str, str], columns: dict[str, str], today: date
) -> tuple[str, tuple[Problem, ...], int | None]:
    def cell(role: str) -> str:
        return record.get(columns.get(role, role), "").strip()

    problems: list[Problem] = []
    key = cell("item")
    try:
        item = catalogue.item(key) if key else None
    except ZfgkError as e:
        item = None
        problems.append(Problem(ProblemCode.INVALID, "item", str(e)))
    if not key:
        problems.append(Problem(ProblemCode.MISSING, "item", "the row names no item"))
    dates: dict[str, date | None] = {}
    for role in ("formed_on", "published_on"):
        text = cell(role)
        dates[role] = None
        if not text:
            if role == "formed_on":
                problems.append(
                    Problem(ProblemCode.MISSING, role, "the row gives no formed_on date")
                )
            continue
        try:
            dates[role] = _log_date(text)
        except ValueError as e:
            problems.append(Problem(ProblemCode.INVALID, role, f"{role}: {e}"))
    channels: list[Channel] = []
    for label in filter(None, re.split(r"[;；、,，\s]+", cell("channels"))):
        try:
            channels.append(Channel(label))
        except ValueError:
            known = "、".join(c.value for c in Channel)
            problems.append(
                Problem(
                    ProblemCode.INVALID, "channels", f"unknown channel {label!r} (known: {known})"
                )
            )
    label = f"item {item.number}" if item is not None else (f"item {key}" if key else "no item")
    if item is None or dates["formed_on"] is None:
        return label, tuple(problems), item.number if item is not None else None
    publication = Publication(
        item,
        dates["formed_on"],
        dates["published_on"],
        frozenset(channels),
        cell("url") or None,
    )
    problems.extend(audit(publication, today=today).problems)
    return label, tuple(problems), item.number


KIND_WORDS = {"name": PersonalKind.NAME, "id": PersonalKind.ID_NUMBER, "phone": PersonalKind.PHONE}

#: Headers that exports commonly use for personal data, beside the field
#: names of the catalogues.
HEADER_ALIASES: dict[str, PersonalKind] = {
    "姓名": PersonalKind.NAME,
    "名字": PersonalKind.NAME,
    "户主": PersonalKind.NAME,
    "户主姓名": PersonalKind.NAME,
    "申请人": PersonalKind.NAME,
    "申请人姓名": PersonalKind.NAME,
    "身份证": PersonalKind.ID_NUMBER,
    "身份证号": PersonalKind.ID_NUMBER,
    "身份证号码": PersonalKind.ID_NUMBER,
    "公民身份号码": PersonalKind.ID_NUMBER,
    "证件号码": PersonalKind.ID_NUMBER,
    "证件号": PersonalKind.ID_NUMBER,
    "手机": PersonalKind.PHONE,
    "手机号": PersonalKind.PHONE,
    "手机号码": PersonalKind.PHONE,
    "电话": PersonalKind.PHONE,
    "电话号码": PersonalKind.PHONE,
    "联系电话": PersonalKind.PHONE,
    "联系方式": PersonalKind.PHONE,
}

MASKERS: dict[PersonalKind, Callable[[str], str]] = {
    PersonalKind.NAME: mask_name,
    PersonalKind.ID_NUMBER: mask_id,
    PersonalKind.PHONE: mask_phone,
}


def personal_headers() -> dict[str, PersonalKind]:
    """Normalized header -> kind: the catalogues' personal fields and common aliases.

    Identifiers (保障对象编号) are not masked by default: the catalogues do not
    ask for it and they have no standard format.

    >>> personal_headers()["保障对象姓名"], personal_headers()["证件号码"]
    (<PersonalKind.NAME: 'name'>, <PersonalKind.ID_NUMBER: 'id_number'>)
    """
    headers = {normalize_text(k): v for k, v in HEADER_ALIASES.items()}
    for name in catalogue_names():
        for item in load(name):
            for f in item.personal_fields:
                if f.personal in MASKERS:
                    headers.setdefault(normalize_text(f.name), f.personal)
    return headers


def _mask_plan(header: list[str], columns: str | None) -> dict[int, PersonalKind]:
    known = personal_headers()
    normalized = [normalize_text(h) for h in header]
    if columns is None:
        plan = {i: known[h] for i, h in enumerate(normalized) if h in known}
        if not plan:
            raise ZfgkUsageError(
                "no column header is a personal field of the catalogues; name the columns "
                "with --columns (e.g. --columns 户主=name,证件=id)"
            )
        return plan
    plan = {}
    for spec in filter(None, (c.strip() for c in columns.split(","))):
        name, _, word = spec.partition("=")
        wanted = normalize_text(name)
        if wanted not in normalized:
            raise ZfgkUsageError(f"no column {name!r} in the header (columns: {', '.join(header)})")
        if word:
            if word not in KIND_WORDS:
                raise ZfgkUsageError(f"unknown kind {word!r} for {name}: use name, id or phone")
            kind = KIND_WORDS[word]
        elif wanted in known:
            kind = known[wanted]
        else:
            raise ZfgkUsageError(
                f"cannot tell how to mask column {name!r}: write {name}=name, {name}=id "
                f"or {name}=phone"
            )
        plan[normalized.index(wanted)] = kind
    return plan


class _Abandon(Exception):
    """Raised inside atomic_output so that no output file is written."""


def cmd_mask(args: argparse.Namespace) -> int:
    """``zfgk mask``: returns 0, or 1 when some values could not be masked (no output)."""
    encoding = args.encoding or detect_encoding(args.input)
    records = csv_records(read_lines(args.input, encoding), args.input)
    failures: list[str] = []
    masked = rows = 0
    try:
        with atomic_output(args.output, encoding) as out:
            first = next(records, None)
            if first is None:
                raise InputError(f"{args.input}: the file is empty")
            _, header_text, header_spans = first
            header = [unquote(header_text[a:b]) for a, b in header_spans]
            plan = _mask_plan(header, args.columns)
            out.write(header_text)
            for row, text, spans in records:
                rows += 1
                pieces, position = [], 0
                for index, kind in sorted(plan.items()):
                    if index >= len(spans):
                        continue
                    a, b = spans[index]
                    value = unquote(text[a:b])
                    if not value.strip():
                        continue
                    try:
                        new = MASKERS[kind](value)
                    except (PrivacyError, ValueError) as e:
                        failures.append(f"row {row}, column {header[index]}: {e}")
                        continue
                    if new != value:
                        masked += 1
                    pieces += [text[position:a], quote_like(text[a:b], new)]
                    position = b
                pieces.append(text[position:])
                out.write("".join(pieces))
            if failures:
                raise _Abandon
    except _Abandon:
        for line in failures[:50]:
            print(f"zfgk mask: {args.input}: {line}", file=sys.stderr)
        if len(failures) > 50:
            print(f"zfgk mask: … and {len(failures) - 50} more", file=sys.stderr)
        print(
            f"zfgk mask: {len(failures)} value(s) could not be masked; nothing was written "
            f"to {args.output}. Correct them (or blank them) and run again.",
            file=sys.stderr,
        )
        return 1
    columns = ", ".join(header[i] for i in sorted(plan))
    print(
        f"zfgk mask: {rows} rows read, {masked} values masked in columns {columns}; "
        f"wrote {args.output} ({encoding})",
        file=sys.stderr,
    )
    return 0


KIND_LABELS = {
    PersonalKind.ID_NUMBER: "unmasked ID number",
    PersonalKind.PHONE: "unmasked mobile number",
}


def cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    """``zfgk scan``: 0 when clean, 1 when something unmasked is found."""
    found = 0
    for path in args.files:
        for number, line in read_lines(path, args.encoding):
            for match in find_pii(line):
                found += 1
                print(f"{path}:{number}: {KIND_LABELS[match.kind]}", file=out)
    noun = "value" if found == 1 else "values"
    print(
        f"zfgk scan: {found} unmasked {noun} in {len(args.files)} file(s)"
        + ("; mask them before publishing (zfgk mask, zfgk.redact)" if found else ""),
        file=sys.stderr,
    )
    return 1 if found else 0


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
        if args.command == "audit":
            return cmd_audit(args, out)
        if args.command == "check":
            return cmd_check(args, out)
        if args.command == "mask":
            return cmd_mask(args)
        if args.command == "scan":
            return cmd_scan(args, out)
        if args.command == "due":
            print(render_due(args), file=out)
            return 0
        if args.command == "calendar":
            print(render_month(*args.month), file=out)
            return 0
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
