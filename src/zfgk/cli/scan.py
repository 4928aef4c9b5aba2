"""``zfgk scan FILE…``: refuse to publish unmasked ID or mobile numbers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from zfgk.cli._common import tr
from zfgk.i18n import N_
from zfgk.model import PersonalKind
from zfgk.privacy import find_pii
from zfgk.tables import read_lines, read_records

KIND_LABELS = {
    PersonalKind.ID_NUMBER: N_("unmasked ID number"),
    PersonalKind.PHONE: N_("unmasked mobile number"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scan`` command to the parser."""
    parser = sub.add_parser(
        "scan",
        help=tr("find unmasked ID and mobile numbers before publishing"),
        description=tr(
            'Print file, row (for .csv and .tsv files and Excel\'s "Unicode text") '
            "or line (for any other file) and kind of every unmasked ID number or mobile number "
            "(never the value); exit 1 if there is any."
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, help=tr(".txt, .csv, .html or .md files"))
    parser.add_argument("--encoding", help=tr("force the encoding"))
    parser.set_defaults(run=run)


#: Files read as tables: their numbers are spreadsheet rows, not lines.
TABLE_SUFFIXES = (".csv", ".tsv")


def _units(path: Path, encoding: str | None) -> Iterator[tuple[int, str]]:
    """(row, record) of a table (.csv, .tsv, or UTF-16 text with tabs, Excel's "Unicode
    text"); (line, text) of any other file."""
    if path.suffix.lower() in TABLE_SUFFIXES or _is_unicode_text(path, encoding):
        for row, record, _ in read_records(path, encoding)[1]:
            yield row, record
    else:
        yield from read_lines(path, encoding)


def _is_unicode_text(path: Path, encoding: str | None) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False  # read_lines says why
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")) or encoding not in (None, "utf-16"):
        return False
    codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    first_line = head[2:].decode(codec, errors="ignore").split("\n", 1)[0]
    return "\t" in first_line


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Scan the files; exit status 0 when clean, 1 when something unmasked is found."""
    found = 0
    for path in args.files:
        for number, text in _units(path, args.encoding):
            for match in find_pii(text):
                found += 1
                print(f"{path}:{number}: {tr(KIND_LABELS[match.kind])}", file=out)
    files = len(args.files)
    if found == 1:
        summary = tr(
            "zfgk scan: 1 unmasked value (files scanned: {files}); mask it before publishing "
            "(zfgk mask, zfgk.redact)",
            files=files,
        )
    elif found:
        summary = tr(
            "zfgk scan: {found} unmasked values (files scanned: {files}); mask them before "
            "publishing (zfgk mask, zfgk.redact)",
            found=found,
            files=files,
        )
    else:
        summary = tr("zfgk scan: no unmasked value (files scanned: {files})", files=files)
    print(summary, file=sys.stderr)
    return 1 if found else 0
