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
    ZfgkUsageError,
    add_catalogue_option,
    add_holidays_option,
    add_report_options,
    day,
    display_width,
    emit_json,
    iso_date,
    language,
    load_catalogue,
    pad,
    problem_text,
    tr,
    working_calendar,
)
from zfgk.errors import ZfgkError
from zfgk.i18n import N_
from zfgk.model import Catalogue, Channel, normalize_text
from zfgk.problems import Problem, ProblemCode
from zfgk.workdays import WorkdayCalendar

#: The columns of a publication log, and the headers accepted for each.
LOG_COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "事项", "事项序号", "序号"),
    "formed_on": ("formed_on", "形成日期", "信息形成日期", "形成或变更日期"),
    "published_on": ("published_on", "发布日期", "公开日期"),
    "channels": ("channels", "渠道", "公开渠道"),
    "url": ("url", "网址", "链接"),
}

#: The counts kept per item: the keys of ``by_item`` in the JSON summary.
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
#: How the text report heads each count (the JSON keys stay as they are).
SUMMARY_HEADS = {
    "rows": N_("rows"),
    "on time": N_("on time"),
    "pending": N_("pending"),
    "late": N_("late"),
    "overdue": N_("overdue"),
    "deadline unknown": N_("deadline unknown"),
    "channel gaps": N_("channel gaps"),
    "address problems": N_("address problems"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` command to the parser."""
    parser = sub.add_parser(
        "audit",
        help=tr(
            "audit a publication log: on time, on the required channels, at a government address"
        ),
        description=tr(
            "Audit a log (CSV, Excel's Unicode text, JSON Lines or .xlsx) with columns item, "
            "formed_on, published_on, channels (labels separated by ; or 、) and url. Exit 0 "
            "when every row passes, 1 when any has problems (or the log holds none), 2 for "
            "usage or input errors."
        ),
    )
    parser.add_argument("file", type=Path, help=tr("the publication log"))
    add_catalogue_option(parser)
    parser.add_argument(
        "--today", type=iso_date, help=tr("the day overdue is judged on (default: today)")
    )
    parser.add_argument(
        "--within",
        type=int,
        metavar="N",
        help=tr(
            "also list the entries not published yet whose deadline falls within N working "
            "days after --today (due-soon), by deadline"
        ),
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
    if args.within is not None and args.within < 0:
        raise ZfgkUsageError.of(N_("--within takes a number of working days, 0 or more"))
    catalogue = load_catalogue(args.catalogue)
    calendar = working_calendar(args)
    today = args.today or date.today()
    lang = language()
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
            raise InputError.of(
                N_("{file}: row 1: the log needs the columns {lacking} (also accepted: {others})"),
                file=args.file,
                lacking=" and ".join(lacking),
                others=", ".join(n for r in lacking for n in LOG_COLUMNS[r][1:]),
            )
    stats: dict[int, Counter[str]] = {}
    rows = failed = 0
    shown: list[tuple[int, str, tuple[Problem, ...]]] = []
    soon: list[dict[str, Any]] = []
    for row, record in table.rows():
        rows += 1
        key, problems, item_number = audit_row(
            catalogue, record, columns, today, calendar, within=args.within
        )
        if item_number is not None:
            _count(stats.setdefault(item_number, Counter()), problems, record, columns)
        for p in problems:
            if p.code is ProblemCode.DUE_SOON:
                soon.append(
                    {
                        "row": row,
                        "item": item_number,
                        "deadline": p.details["deadline"],
                        "working_days_left": p.details["left"],
                    }
                )
        failures = [p for p in problems if not p.warning]
        if problems:
            failed += bool(failures)
            if args.json:
                item: int | str = item_number if item_number is not None else key
                emit_json(
                    out,
                    {"row": row, "item": item, "problems": [p.to_dict(lang) for p in problems]},
                )
            elif failures and len(shown) < args.show:
                shown.append((row, _label(item_number, key), tuple(failures)))
    soon.sort(key=lambda entry: (entry["deadline"], entry["row"]))
    by_item = {str(number): dict(counter) for number, counter in sorted(stats.items())}
    summary: dict[str, Any] = {
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
    if args.within is not None:
        summary["within"] = args.within
        summary["due_soon"] = soon
    if args.json:
        emit_json(out, {"summary": summary})
    else:
        print(render_audit(summary, stats, shown), file=out)
    return 0 if summary["ok"] else 1


def _label(item_number: int | None, key: str) -> str:
    """How the text report names a row's item."""
    if item_number is not None:
        return tr("item {number}", number=item_number)
    return tr("item {key}", key=key) if key else tr("no item")


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
    """The text report of ``zfgk audit``, in the command's language."""
    counts = tr(
        "{file}: {rows} publications audited against {catalogue} on {today}; rows with "
        "problems: {failed}",
        file=summary["file"],
        rows=summary["rows"],
        catalogue=summary["catalogue"],
        today=summary["today"],
        failed=summary["rows_with_problems"],
    )
    if summary["blank_rows"]:
        counts += tr("; blank rows: {blank}", blank=summary["blank_rows"])
    lines = [counts]
    heads = [tr(SUMMARY_HEADS[key]) for key in SUMMARY_KEYS]
    widths = [max(display_width(head), 4) for head in heads]
    lines.append(
        "  "
        + pad(tr("item"), 4)
        + "  "
        + "  ".join(pad(h, w) for h, w in zip(heads, widths, strict=True))
    )
    for number, counter in sorted(stats.items()):
        cells = [str(counter.get(k, 0)).rjust(w) for k, w in zip(SUMMARY_KEYS, widths, strict=True)]
        lines.append(f"  {number:>4}  " + "  ".join(cells))
    if shown:
        lines.append("  " + tr("first {count} rows with problems:", count=len(shown)))
        for row, label, problems in shown:
            for p in problems:
                lines.append(
                    "    "
                    + tr(
                        "row {row} ({label}): {code}: {message}",
                        row=row,
                        label=label,
                        code=p.code.value,
                        message=problem_text(p),
                    )
                )
    if "due_soon" in summary:
        due = summary["due_soon"]
        lines.append(
            "  "
            + tr(
                "not published yet and due within {within} working days of {today}: {count}",
                within=summary["within"],
                today=summary["today"],
                count=len(due),
            )
        )
        for entry in due:
            lines.append(
                "    "
                + tr(
                    "{deadline}  {left} working days left  row {row} ({label})",
                    deadline=day(date.fromisoformat(entry["deadline"])),
                    left=entry["working_days_left"],
                    row=entry["row"],
                    label=_label(entry["item"], ""),
                )
            )
    if summary["no_records"]:
        lines.append("  " + tr("the log holds no records: nothing was audited"))
    lines.append("  " + (tr("OK") if summary["ok"] else tr("FAILED")))
    return "\n".join(lines)


def audit_row(
    catalogue: Catalogue,
    record: dict[str, str],
    columns: dict[str, str],
    today: date,
    calendar: WorkdayCalendar | None = None,
    *,
    within: int | None = None,
) -> tuple[str, tuple[Problem, ...], int | None]:
    """Audit one row of a log: the item as written, its problems, and the item's number.

    >>> import zfgk
    >>> from datetime import date
    >>> from zfgk.cli.audit import audit_row
    >>> row = {"item": "19", "formed_on": "2026-09-28", "published_on": "2026-11-03",
    ...        "channels": "政府网站;两微一端", "url": "https://zfcxjw.cq.gov.cn/19.html"}
    >>> key, problems, number = audit_row(zfgk.load("chongqing"), row, {}, date(2026, 11, 23))
    >>> key, [p.code.value for p in problems], number
    ('19', ['late'], 19)
    """

    def cell(role: str) -> str:
        return record.get(columns.get(role, role), "").strip()

    problems: list[Problem] = []
    key = cell("item")
    item = None
    if key:
        try:
            item = catalogue.item(key)
        except ZfgkError as e:
            problems.append(Problem(ProblemCode.INVALID, "item", str(e), e.template, e.params))
    else:
        problems.append(Problem.of(ProblemCode.MISSING, "item", N_("the row names no item")))
    dates: dict[str, date | None] = {}
    for role in ("formed_on", "published_on"):
        text = cell(role)
        dates[role] = None
        if not text:
            if role == "formed_on":
                problems.append(
                    Problem.of(ProblemCode.MISSING, role, N_("the row gives no formed_on date"))
                )
            continue
        try:
            dates[role] = log_date(text)
        except ValueError:
            problems.append(
                Problem.of(
                    ProblemCode.INVALID,
                    role,
                    N_("{column}: not a real date (write YYYY-MM-DD)"),
                    column=role,
                )
            )
    channels: list[Channel] = []
    for label in filter(None, re.split(r"[;；、,，\s]+", cell("channels"))):
        try:
            channels.append(Channel(label))
        except ValueError:
            problems.append(
                Problem.of(
                    ProblemCode.INVALID,
                    "channels",
                    N_("unknown channel {label!r} (known: {known})"),
                    label=label,
                    known="、".join(c.value for c in Channel),
                )
            )
    formed_on = dates["formed_on"]
    if item is None or formed_on is None:
        return key, tuple(problems), item.number if item is not None else None
    publication = Publication(
        item, formed_on, dates["published_on"], frozenset(channels), cell("url") or None
    )
    problems.extend(audit(publication, today=today, calendar=calendar, within=within).problems)
    return key, tuple(problems), item.number
