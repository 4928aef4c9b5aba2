"""The summary sheet put first (说明 / Summary), and the workbook part that names it (internal).

One column as wide as a portrait A4 page: the caller's lines, what each
look of a marked cell means, then the marked cells one a line (so that a
printed report says what each coloured cell holds).  The workbook part
gets the sheet first, opened on it; the defined names that belong to a
sheet keep theirs (their sheet's place moves by one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_, translate
from zfgk.workbooks._sheet import Listed
from zfgk.workbooks._styles import Look, Styles
from zfgk.workbooks._targets import Severity
from zfgk.workbooks._xml import (
    RELATIONSHIPS,
    attribute,
    cell_name,
    escape_attribute,
    escape_text,
    prefix_of,
    set_attribute,
)

__all__ = ["Summary", "summary_sheet", "with_summary_sheet"]

#: The column's width in characters (a Chinese character is two), and a line's height in points.
_WIDTH, _LINE_POINTS = 80, 16
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_LEGEND = (
    (Look.ERROR, N_("Cells filled this colour hold an error; the comment says which")),
    (Look.WARNING, N_("Cells filled this colour hold a warning; the comment says which")),
    (
        Look.BLANK_ERROR,
        N_("Blank cells striped and boxed in this colour hold an error; the comment says which"),
    ),
    (
        Look.BLANK_WARNING,
        N_("Blank cells striped and boxed in this colour hold a warning; the comment says which"),
    ),
)


@attrs.frozen
class Summary:
    """A first sheet for a report: its name (说明, Summary …), its lines, the language of its legend.

    The room adds, under the lines, what each look of a marked cell means
    and a list of the marked cells (the first 500), so that a printed
    report says what each coloured cell holds.
    """

    name: str
    lines: Sequence[str]
    language: str = "zh"


def check_summary(summary: Summary) -> None:
    """Refuse a name no sheet can have, or a language zfgk does not speak."""
    if summary.language not in ("zh", "en"):
        raise InvalidArgumentError.of(
            N_("unknown language {language!r}: zfgk speaks zh, en"), language=summary.language
        )
    if not summary.name or len(summary.name) > 31 or _FORBIDDEN.search(summary.name):
        raise InvalidArgumentError.of(
            N_("{name!r} cannot name a sheet: 1 to 31 characters, none of [ ] : * ? / \\"),
            name=summary.name,
        )


def free_sheet_name(name: str, taken: Sequence[str]) -> str:
    """``name``, or ``name (zfgk)``, ``name (zfgk 2)`` … if a sheet has it (names ignore case).

    >>> from zfgk.workbooks._summary import free_sheet_name
    >>> free_sheet_name("说明", ["说明", "名单"]), free_sheet_name("Summary", ["名单"])
    ('说明 (zfgk)', 'Summary')
    """
    lowered = {t.lower() for t in taken}
    candidate, n = name, 1
    while candidate.lower() in lowered:
        candidate = f"{name} (zfgk)" if n == 1 else f"{name} (zfgk {n})"
        candidate = candidate[-31:] if len(candidate) > 31 else candidate
        n += 1
    return candidate


def _lines_of(text: str) -> int:
    return sum(
        max(1, -(-sum(1 if ch.isascii() else 2 for ch in part) // (_WIDTH - 2)))
        for part in text.split("\n")
    )


def _row(row: int, text: str, style: int) -> bytes:
    lines = _lines_of(text)
    height = f' ht="{lines * _LINE_POINTS}" customHeight="1"' if lines > 1 else ""
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return (
        f'<row r="{row}"{height}><c r="A{row}" s="{style}" t="inlineStr"><is><t{space}>'
        f"{escape_text(text)}</t></is></c></row>"
    ).encode()


def summary_sheet(
    summary: Summary,
    styles: Styles,
    listed: Sequence[Listed],
    more: int,
    sheet_names: Sequence[str],
) -> Iterator[bytes]:
    """The summary sheet's XML."""
    language = summary.language
    text = styles.summary(Look.TEXT)
    yield (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        b'<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
        b'<sheetFormatPr defaultRowHeight="15"/>'
        b'<cols><col min="1" max="1" width="' + str(_WIDTH).encode() + b'" customWidth="1"/></cols>'
        b"<sheetData>"
    )
    row = 0
    for line in summary.lines:
        row += 1
        yield _row(row, str(line), text)
    row += 1
    for look, legend in _LEGEND:
        row += 1
        yield _row(row, translate(legend, language), styles.summary(look))
    if listed:
        row += 2
        heading = translate(N_("Problem cells, in the order of the sheet"), language)
        yield _row(row, heading, styles.summary(Look.HEADING))
        for found in sorted(listed, key=lambda f: (f.sheet, f.row, f.column)):
            row += 1
            where = f"{sheet_names[found.sheet]}!{cell_name(found.row, found.column)}"
            look = Look.ERROR if found.severity is Severity.ERROR else Look.WARNING
            message = "；".join(found.text.split("\n"))
            yield _row(row, f"{where}  {message}", styles.summary(look))
        if more:
            row += 1
            template = translate(N_("… and {count} more cells, each marked in the sheet"), language)
            yield _row(row, template.format(count=more), text)
    yield (
        b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
        b'header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait" '
        b'fitToWidth="1" fitToHeight="0"/></worksheet>'
    )


_SHEETS = re.compile(rb"<((?:\w+:)?)sheets\b[^>]*>")
_LOCAL_ID = re.compile(rb"""(\blocalSheetId\s*=\s*["'])([0-9]+)(["'])""")
_VIEW = re.compile(rb"<(?:\w+:)?workbookView\b[^>]*>")


def with_summary_sheet(data: bytes, name: str, sheet_id: int, rid: str) -> bytes:
    """xl/workbook.xml with the sheet ``name`` put first and opened on."""
    sheets = _SHEETS.search(data)
    if sheets is None:
        raise ValueError("no <sheets> in the workbook part")
    prefix = sheets[1]
    r = prefix_of(data, RELATIONSHIPS)
    if r:
        rid_attribute = r + b':id="' + rid.encode() + b'"'
    else:
        rid_attribute = b'xmlns:r="' + RELATIONSHIPS.encode() + b'" r:id="' + rid.encode() + b'"'
    element = (
        b"<"
        + prefix
        + b'sheet name="'
        + escape_attribute(name).encode("utf-8")
        + b'" sheetId="'
        + str(sheet_id).encode()
        + b'" '
        + rid_attribute
        + b"/>"
    )
    data = data[: sheets.end()] + element + data[sheets.end() :]
    data = _LOCAL_ID.sub(lambda m: m[1] + str(int(m[2]) + 1).encode() + m[3], data)

    def view(match: re.Match[bytes]) -> bytes:
        tag = match[0]
        if attribute(tag, b"activeTab") is not None:
            tag = set_attribute(tag, b"activeTab", b"0")
        if attribute(tag, b"firstSheet") is not None:
            tag = set_attribute(tag, b"firstSheet", b"0")
        return tag

    return _VIEW.sub(view, data)
