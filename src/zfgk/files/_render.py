"""A check's result said in lines, for the command line and the report's summary sheet (internal)."""

from __future__ import annotations

import itertools
import sys
import unicodedata
from collections.abc import Sequence

from zfgk._arguments import quiet
from zfgk.files._check import FileCheck, RowCheck
from zfgk.i18n import N_, Message, fill
from zfgk.problems import Problem, code_label

__all__ = ["check_lines", "row_lines"]


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _say(lang: str, template: str, /, **params: object) -> str:
    return fill(template, params, lang)


def row_lines(row: RowCheck, lang: str, *, sheet: bool = False) -> list[str]:
    """The lines of one record's problems, indented for a report; ``sheet``: name its sheet."""
    template = N_("row {row}: {code} {field}: {message}")
    if sheet and row.sheet is not None:
        template = N_("sheet {sheet}, row {row}: {code} {field}: {message}")
    return [
        "    "
        + _say(
            lang,
            template,
            sheet=row.sheet,
            row=row.row,
            code=code_label(p.code, lang),
            field=p.field,
            message=p.localized(lang),
        )
        for p in row.report.problems
    ]


def _header_lines(problems: Sequence[Problem], lang: str) -> list[str]:
    lines = []
    for p in problems:
        if p.warning:
            lines.append("  " + _say(lang, N_("note: {message}"), message=p.localized(lang)))
        else:
            lines.append(
                "  "
                + _say(
                    lang,
                    N_("header: {code} {field}: {message}"),
                    code=code_label(p.code, lang),
                    field=p.field,
                    message=p.localized(lang),
                )
            )
    return lines


def check_lines(result: FileCheck, lang: str, *, show: int = 0) -> list[str]:
    """The text report of a check: each sheet, the counts, ``show`` problem rows (none if
    ``show`` is 0 or less), the verdict."""
    item = result.item
    where = str(result.path)
    lists = result.record_sheets
    if len(lists) == 1 and lists[0].name is not None:
        where = _say(lang, N_("{file}, sheet {sheet}"), file=where, sheet=lists[0].name)
    heading = _say(
        lang,
        N_("{file}: item {number} {name} ({catalogue})"),
        file=where,
        number=item.number,
        name=item.name,
        catalogue=(
            result.catalogue_label.localized(lang)
            if result.catalogue_label is not None
            else result.catalogue or ""
        ),
    )
    lines = [heading]
    if result.guess is not None:
        lines.append("  " + result.guess.message.localized(lang))
    if result.better is not None:
        lines.append(
            "  " + _say(lang, N_("note: {message}"), message=result.better.localized(lang))
        )
    several = len(lists) > 1
    for sheet in result.sheets:
        if sheet.records and several:
            lines.append(
                "  "
                + _say(lang, N_("sheet {sheet}: the item's list"), sheet=quiet(sheet.name or ""))
            )
        elif not sheet.records:
            reason = sheet.reason or Message(N_("not the item's list"))
            lines.append(
                "  "
                + _say(
                    lang,
                    N_(
                        "sheet {sheet} ({state}): not read as records ({reason}); searched for full ID and mobile numbers"
                    ),
                    sheet=quiet(sheet.name or ""),
                    state=_say(lang, _STATES.get(sheet.state, sheet.state)),
                    reason=reason.localized(lang),
                )
            )
        lines.extend(_header_lines(sheet.header_problems, lang))
        lines.extend(
            "  " + _say(lang, N_("note: {message}"), message=note.message.localized(lang))
            for note in sheet.notes
        )
    counts = _say(
        lang,
        N_("rows read: {rows}; rows with problems: {failed}"),
        rows=result.record_count,
        failed=result.rows_failed,
    )
    if result.rows_warned:
        counts += _say(lang, N_("; with warnings only: {warned}"), warned=result.rows_warned)
    blank = sum(s.blank_rows for s in result.sheets)
    if blank:
        counts += _say(lang, N_("; blank rows: {blank}"), blank=blank)
    lines.append("  " + counts)
    if result.problems:
        lines.append("  " + _say(lang, N_("problems by field and code:")))
        width = max(_width(f) for f, _, _ in result.problems)
        labels = {c: code_label(c, lang) for _, c, _ in result.problems}
        code_width = max(9, *(_width(label) for label in labels.values()))
        for f, c, n in result.problems:
            lines.append(f"    {_pad(f, width)}  {_pad(labels[c], code_width)} {n}")
    if show > 0 and result.rows:
        shown = _worst_first(result.rows, min(show, sys.maxsize))
        lines.append("  " + _say(lang, N_("first {count} rows with problems:"), count=len(shown)))
        for row in shown:
            lines.extend(row_lines(row, lang, sheet=several))
    if result.findings:
        lines.append(
            "  "
            + _say(
                lang,
                N_("full ID or mobile numbers outside the records: {count}"),
                count=len(result.findings),
            )
        )
        lines.extend("    " + f.describe(lang) for f in result.findings[: max(show, 20)])
        if len(result.findings) > max(show, 20):
            lines.append("    …")
    for gap in result.unread:
        lines.append("  " + _say(lang, N_("not read: {what}"), what=gap.describe(lang)))
    if result.record_count == 0:
        lines.append("  " + _say(lang, N_("the file holds no records: nothing was checked")))
    verdict = {
        "clean": N_("OK"),
        "found": N_("FAILED"),
        "cannot-check": N_("CANNOT CHECK: parts of the file were not read"),
    }[result.verdict.value]
    lines.append("  " + _say(lang, verdict))
    return lines


_STATES = {"visible": N_("visible"), "hidden": N_("hidden"), "veryHidden": N_("very hidden")}


def _worst_first(rows: Sequence[RowCheck], count: int) -> list[RowCheck]:
    """The first ``count`` rows with errors, then rows with warnings only, each in the file's
    order (read as far as needed: a list's rows are not all held at once)."""
    shown = list(itertools.islice((r for r in rows if not r.report.ok), count))
    if len(shown) < count:
        shown += itertools.islice((r for r in rows if r.report.ok), count - len(shown))
    return shown
