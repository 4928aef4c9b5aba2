"""``zfgk audit LOG``: on time, on every ■ channel, at a government address."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from zfgk._io import InputError, read_table
from zfgk.audit import Publication, audit
from zfgk.cli._common import (
    add_catalogue_option,
    add_holidays_option,
    add_report_options,
    emit_json,
    iso_date,
    load_catalogue,
    working_calendar,
)
from zfgk.errors import ZfgkError
from zfgk.model import Catalogue, Channel, normalize_text
from zfgk.validation import Problem, ProblemCode
from zfgk.workdays import WorkdayCalendar

#: The columns of a publication log, and the headers accepted for each.
LOG_COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "事项", "事项序号", "序号"),
    "formed_on": ("formed_on", "形成日期", "信息形成日期", "形成或变更日期"),
    "published_on": ("published_on", "发布日期", "公开日期"),
    "channels": ("channels", "渠道", "公开渠道"),
    "url": ("url", "网址", "链接"),
}

SUMMARY_KEYS = (
    "rows",
    "on time",
    "pending",
    "late",
    "overdue",
    "deadline unknown",
    "channel gaps",
    "address problems",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` command to the parser."""
    parser = sub.add_parser(
        "audit",
        help="audit a publication log: on time, on the required channels, at a government address",
        description="Audit a log (CSV, JSON Lines or .xlsx) with columns item, formed_on, "
        "published_on, channels (labels separated by ; or 、) and url. Exit 0 when every row "
        "passes, 1 when any has problems, 2 for usage or input errors.",
    )
    parser.add_argument("file", type=Path, help="the publication log")
    add_catalogue_option(parser)
    parser.add_argument(
        "--today", type=iso_date, help="the day overdue is judged on (default: today)"
    )
    add_holidays_option(parser)
    add_report_options(parser)
    parser.set_defaults(run=run)


def log_date(text: str) -> date:
    """A date as logs write it: 2026-09-28, 2026/9/28, 2026.9.28 or 2026年9月28日.

    >>> from zfgk.cli.audit import log_date
    >>> log_date("2026年9月28日"), log_date("2026/9/28")
    (datetime.date(2026, 9, 28), datetime.date(2026, 9, 28))
    >>> log_date("28.09.2026")
    Traceback (most recent call last):
    ...
    ValueError: not a date (YYYY-MM-DD)
    """
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text)
    if not m:
        raise ValueError("not a date (YYYY-MM-DD)")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Audit the log; exit status 0 when every row passes, 1 when any has problems or none is there."""
    catalogue = load_catalogue(args.catalogue)
    calendar = working_calendar(args)
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
    for row, record in table.rows():
        rows += 1
        label, problems, item_number = audit_row(catalogue, record, columns, today, calendar)
        if item_number is not None:
            _count(stats.setdefault(item_number, Counter()), problems, record, columns)
        if problems:
            failed += 1
            if args.json:
                emit_json(
                    out, {"row": row, "item": label, "problems": [p.to_dict() for p in problems]}
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
        "no_records": rows == 0,
        "ok": rows > 0 and failed == 0,
    }
    if args.json:
        emit_json(out, {"summary": summary})
    else:
        print(render_audit(summary, stats, shown), file=out)
    return 0 if summary["ok"] else 1


def _count(
    counter: Counter[str],
    problems: tuple[Problem, ...],
    record: dict[str, str],
    columns: dict[str, str],
) -> None:
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


def render_audit(
    summary: dict[str, Any],
    stats: dict[int, Counter[str]],
    shown: list[tuple[int, str, tuple[Problem, ...]]],
) -> str:
    """The text report of ``zfgk audit``."""
    blank_rows = summary["blank_rows"]
    lines = [
        f"{summary['file']}: {summary['rows']} publications audited against "
        f"{summary['catalogue']} on {summary['today']}; rows with problems: "
        f"{summary['rows_with_problems']}" + (f"; blank rows: {blank_rows}" if blank_rows else "")
    ]
    lines.append("  item  " + "  ".join(SUMMARY_KEYS))
    for number, counter in sorted(stats.items()):
        lines.append(
            f"  {number:>4}  "
            + "  ".join(str(counter.get(k, 0)).rjust(len(k)) for k in SUMMARY_KEYS)
        )
    if shown:
        lines.append(f"  first {len(shown)} rows with problems:")
        for row, label, problems in shown:
            for p in problems:
                lines.append(f"    row {row} ({label}): {p.code.value}: {p.message}")
    if summary["no_records"]:
        lines.append("  the log holds no records: nothing was audited")
    lines.append("  OK" if summary["ok"] else "  FAILED")
    return "\n".join(lines)


def audit_row(
    catalogue: Catalogue,
    record: dict[str, str],
    columns: dict[str, str],
    today: date,
    calendar: WorkdayCalendar | None = None,
) -> tuple[str, tuple[Problem, ...], int | None]:
    """Audit one row of a log: its label (``item 19``), its problems and its item number.

    >>> import zfgk
    >>> from datetime import date
    >>> from zfgk.cli.audit import audit_row
    >>> row = {"item": "19", "formed_on": "2026-09-28", "published_on": "2026-11-03",
    ...        "channels": "政府网站;两微一端", "url": "https://zfcxjw.cq.gov.cn/19.html"}
    >>> label, problems, number = audit_row(zfgk.load("chongqing"), row, {}, date(2026, 11, 23))
    >>> label, [p.code.value for p in problems]
    ('item 19', ['late'])
    """

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
            dates[role] = log_date(text)
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
    formed_on = dates["formed_on"]
    if item is None or formed_on is None:
        return label, tuple(problems), item.number if item is not None else None
    publication = Publication(
        item, formed_on, dates["published_on"], frozenset(channels), cell("url") or None
    )
    problems.extend(audit(publication, today=today, calendar=calendar).problems)
    return label, tuple(problems), item.number
