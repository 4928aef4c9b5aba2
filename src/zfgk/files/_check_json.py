"""The JSON form of a check's result (internal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zfgk._arguments import quiet_name

if TYPE_CHECKING:
    from zfgk.files._check import FileCheck, SheetCheck


def _sheet(sheet: SheetCheck, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": quiet_name(sheet.name),
        "state": sheet.state,
        "records": sheet.records,
    }
    if sheet.records:
        data.update(
            header_rows=list(sheet.header_rows) if sheet.header_rows else None,
            rows=sheet.record_count,
            blank_rows=sheet.blank_rows,
        )
    else:
        data["reason"] = sheet.reason.localized(lang) if sheet.reason is not None else None
    return data


def check_summary(result: FileCheck, lang: str) -> dict[str, Any]:
    """The summary of ``zfgk check --json``: the counts, each sheet, the findings, what was unread.

    ``sheet``, ``header_rows`` and ``notes`` keep 0.2's meaning (the first
    sheet read as records); ``sheets`` says how each sheet was read.
    """
    first = result.record_sheets[0] if result.record_sheets else None
    return {
        "file": str(result.path),
        "kind": result.kind.value,
        "sheet": quiet_name(first.name) if first is not None else None,
        "catalogue": result.catalogue,
        "item": result.item.number,
        "header_rows": list(first.header_rows) if first is not None and first.header_rows else None,
        "rows": result.record_count,
        "rows_with_problems": result.rows_failed,
        "rows_with_warnings_only": result.rows_warned,
        "blank_rows": sum(s.blank_rows for s in result.sheets),
        "header_problems": [p.to_dict(lang) for s in result.sheets for p in s.header_problems],
        "notes": [note.to_dict(lang) for s in result.sheets for note in s.notes],
        "problems": [{"field": f, "code": c, "count": n} for f, c, n in result.problems],
        "sheets": [_sheet(s, lang) for s in result.sheets],
        "findings": [f.to_dict() for f in result.findings],
        "unread": [
            {**gap.location.to_dict(), "reason": gap.reason.localized(lang)}
            for gap in result.unread
        ],
        "guess": result.guess.to_dict() if result.guess is not None else None,
        "better": result.better.localized(lang) if result.better is not None else None,
        "no_records": result.record_count == 0,
        "ok": result.ok,
        "verdict": result.verdict.value,
    }
