"""``zfgk audit LOG``: on time, on every ■ channel, at a government address."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from zfgk.audit import TALLY_KEYS, LogAudit, LogEntry
from zfgk.cli._common import (
    DEFAULT_CATALOGUE,
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
    note_lines,
    pad,
    problem_text,
    tr,
    working_calendar,
)
from zfgk.cli._schedule import unpublished
from zfgk.errors import CalendarCoverageError
from zfgk.i18n import N_
from zfgk.problems import Problem, ProblemCode

#: How the text report heads each count of :data:`zfgk.audit.TALLY_KEYS` (the JSON keys stay).
SUMMARY_HEADS = {
    "rows": N_("rows"),
    "on time": N_("on time"),
    "pending": N_("pending"),
    "late": N_("late"),
    "overdue": N_("overdue"),
    "deadline unknown": N_("deadline unknown"),
    "unreadable": N_("unreadable dates"),
    "before formed": N_("published before formed"),
    "provisional": N_("provisional"),
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
            "Audit a log (CSV, Excel's Unicode text, JSON Lines, .xlsx, .xls or .ods) with columns item, "
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
    parser.add_argument(
        "--provisional",
        action="store_true",
        help=tr(
            "count deadlines past the published holiday schedule with the statutory holidays, "
            "marked provisional (deadline-provisional), instead of deadline unknown"
        ),
    )
    add_holidays_option(parser)
    add_report_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Audit the log; exit status 0 when every row passes, 1 when any has problems or none is there."""
    if args.within is not None and args.within < 0:
        raise ZfgkUsageError.of(N_("--within takes a number of working days, 0 or more"))
    log = LogAudit(
        args.file,
        load_catalogue(args.catalogue),
        encoding=args.encoding,
        today=args.today,
        calendar=working_calendar(args),
        within=args.within,
        provisional=args.provisional,
    )
    lang = language()
    shown: list[LogEntry] = []
    unknown: list[CalendarCoverageError] = []
    words = _command(args)
    for entry in log:
        unknown += filter(None, map(_unpublished_year, entry.problems))
        if args.json and entry.problems:
            item: int | str = entry.item if entry.item is not None else entry.key
            problems = [_problem_dict(p, words, args.provisional) for p in entry.problems]
            emit_json(out, {"row": entry.row, "item": item, "problems": problems})
        elif not args.json and entry.failures and len(shown) < args.show:
            shown.append(entry)
    summary = log.to_dict(lang)
    if args.json:
        emit_json(out, {"summary": summary})
    else:
        last = max(unknown, key=lambda e: e.year, default=None)
        advice = None
        if last is not None:
            advice = unpublished(last, words, provisional=not args.provisional).localized(lang)
        print(render_audit(summary, shown, advice=advice), file=out)
    return 0 if summary["ok"] else 1


def _command(args: argparse.Namespace) -> list[str]:
    """The ``zfgk audit`` command line of ``args``, as an officer would type it again."""
    words = ["zfgk", "audit", str(args.file)]
    if args.catalogue != DEFAULT_CATALOGUE:
        words += ["--catalogue", str(args.catalogue)]
    if args.today is not None:
        words += ["--today", args.today.isoformat()]
    if args.within is not None:
        words += ["--within", str(args.within)]
    for holidays in args.holidays:
        words += ["--holidays", str(holidays)]
    return words


def _unpublished_year(problem: Problem) -> CalendarCoverageError | None:
    """The year without a schedule that made a ``deadline-unknown`` problem, if one did."""
    details = problem.details
    if problem.code is not ProblemCode.DEADLINE_UNKNOWN or "year" not in details:
        return None
    return CalendarCoverageError(int(details["year"]), int(details["first"]), int(details["last"]))


def _problem_dict(problem: Problem, words: list[str], provisional: bool) -> dict[str, str]:
    """A problem's JSON form; a year without a schedule says what to run, as commands."""
    data = problem.to_dict(language())
    error = _unpublished_year(problem)
    if error is not None:
        data["message"] = unpublished(error, words, provisional=not provisional).localized(
            language()
        )
    return data


def _problem_line(problem: Problem) -> str:
    """A problem's message in a row of the text report (the advice for a year comes once, last)."""
    error = _unpublished_year(problem)
    if error is None:
        return problem_text(problem)
    return tr(
        "deadline unknown: the count reaches {year}, whose holiday schedule is not known here "
        "(known: {first}–{last})",
        year=error.year,
        first=error.first,
        last=error.last,
    )


def _label(item_number: int | None, key: str) -> str:
    """How the text report names a row's item."""
    if item_number is not None:
        return tr("item {number}", number=item_number)
    return tr("item {key}", key=key) if key else tr("no item")


def render_audit(
    summary: dict[str, Any], shown: list[LogEntry], *, advice: str | None = None
) -> str:
    """The text report of ``zfgk audit``, in the command's language; ``advice`` before the verdict."""
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
    provisional = bool(summary.get("provisional"))
    lines = [
        counts,
        *note_lines(summary["notes"]),
        *_by_item(summary["by_item"], provisional),
        *_first_problems(shown),
    ]
    if provisional:
        rows = sum(c.get("provisional", 0) for c in summary["by_item"].values())
        lines.append(
            "  "
            + tr(
                "deadlines marked provisional (the statutory holidays of years whose schedule "
                "is not published assumed, no make-up working days): {rows} rows",
                rows=rows,
            )
        )
    if "due_soon" in summary:
        lines += _due_soon(summary)
    if summary["no_records"]:
        lines.append("  " + tr("the log holds no records: nothing was audited"))
    if advice is not None:
        lines.append("  " + advice)
    lines.append("  " + (tr("OK") if summary["ok"] else tr("FAILED")))
    return "\n".join(lines)


def _by_item(by_item: dict[str, dict[str, int]], provisional: bool) -> list[str]:
    """The table of counts: a head, then a line per item; ``provisional`` only when counted."""
    keys = [key for key in TALLY_KEYS if provisional or key != "provisional"]
    heads = [tr(SUMMARY_HEADS[key]) for key in keys]
    widths = [max(display_width(head), 4) for head in heads]
    lines = [
        "  "
        + pad(tr("item"), 4)
        + "  "
        + "  ".join(pad(h, w) for h, w in zip(heads, widths, strict=True))
    ]
    for number, counter in by_item.items():
        cells = [str(counter.get(k, 0)).rjust(w) for k, w in zip(keys, widths, strict=True)]
        lines.append(f"  {number:>4}  " + "  ".join(cells))
    return lines


def _first_problems(shown: list[LogEntry]) -> list[str]:
    """The problems of the first rows that failed."""
    if not shown:
        return []
    lines = ["  " + tr("first {count} rows with problems:", count=len(shown))]
    for entry in shown:
        label = _label(entry.item, entry.key)
        for p in (*entry.failures, *entry.provisional):
            lines.append(
                "    "
                + tr(
                    "row {row} ({label}): {code}: {message}",
                    row=entry.row,
                    label=label,
                    code=p.code.value,
                    message=_problem_line(p),
                )
            )
    return lines


def _due_soon(summary: dict[str, Any]) -> list[str]:
    """The entries not published yet whose deadline is near, by deadline."""
    due = summary["due_soon"]
    lines = [
        "  "
        + tr(
            "not published yet and due within {within} working days of {today}: {count}",
            within=summary["within"],
            today=summary["today"],
            count=len(due),
        )
    ]
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
    return lines
