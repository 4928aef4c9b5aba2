"""``zfgk scan PATH…``: refuse to publish unmasked ID or mobile numbers, in files or whole sites.

Each file is read by :func:`zfgk.scan_file` (pages, .docx, PDF, workbooks,
CSV, text); folders are walked (:func:`zfgk.files.walk`) and scanned on
every core (:func:`zfgk.files.scan_paths`), the findings printed in the
walk's order whatever the number of processes.

Exit status: 2 when any file, or any part of one, could not be read (its
findings, and every other file's, are still printed: an unread part is
never a pass), else 1 when anything unmasked is found, else 0.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from zfgk.cli._common import Progress, ZfgkUsageError, count_pages, emit_json, language, tr
from zfgk.errors import ZfgkError
from zfgk.files import KIND_WORDS, FileScan, Finding, scan_paths, walk
from zfgk.i18n import N_
from zfgk.model import PersonalKind

KIND_LABELS = KIND_WORDS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scan`` command to the parser."""
    parser = sub.add_parser(
        "scan",
        help=tr("find unmasked ID and mobile numbers before publishing"),
        description=tr(
            "Print where every unmasked ID number or mobile number is (never the value): the "
            "line of a web page or text file, the page of a PDF, the paragraph of a .docx, "
            "the sheet and cell of a workbook, the row of a CSV export. Folders are walked "
            "and scanned on every core. Exit status 1 if anything is found, 2 if a file "
            "could not be read (it is never taken for clean), 0 otherwise."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=tr(
            "files (.html, .docx, .pdf, .xlsx, .xls, .ods, .csv, .txt …, told apart by their "
            "content) or folders"
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=tr("JSON lines: one per finding (file, kind, where), then a summary"),
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help=tr(
            "processes to scan with (default: every core, fewer with the ocr extra where "
            "memory would not give each about 1 GB; 1 scans in this process)"
        ),
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help=tr(
            "in folders, scan only the files whose name or path under the folder matches "
            "(repeatable; default: the types zfgk reads)"
        ),
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help=tr("in folders, skip the files whose name or path under the folder matches"),
    )
    parser.add_argument("--encoding", help=tr("force the encoding of text and CSV files"))
    parser.set_defaults(run=run)


def where(finding: Finding) -> str:
    """Where a finding is, as the text output says it after the file's name.

    >>> from zfgk.cli._common import set_language
    >>> from zfgk.cli.scan import where
    >>> from zfgk.documents import Location
    >>> from zfgk.files import Finding
    >>> from zfgk.model import PersonalKind
    >>> set_language("en")
    >>> where(Finding(PersonalKind.PHONE, Location(line=12)))
    '12'
    >>> where(Finding(PersonalKind.PHONE, Location(page="iv")))
    'page iv'
    >>> where(Finding(PersonalKind.PHONE, Location(sheet="退出名单", cell="B4")))
    '退出名单!B4'
    >>> where(Finding(PersonalKind.PHONE, Location(part="footer1", paragraph=1)))
    'footer1, paragraph 1'
    """
    place = finding.location
    if place.line is not None and place.part is None and place.member is None:
        return str(place.line)
    return finding.location.describe(language())


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Scan the files and folders; exit status 0 clean, 1 something found, 2 a file unread."""
    if args.jobs is not None and args.jobs < 1:
        raise ZfgkUsageError.of(N_("--jobs must be at least 1 (given {jobs})"), jobs=args.jobs)
    passed_over: list[Path] = []
    paths = list(walk(args.paths, args.include, args.exclude, passed_over))
    if not paths:
        raise ZfgkUsageError.of(
            N_("no file to scan in {paths} (--include chooses the files to scan)"),
            paths=", ".join(str(p) for p in args.paths),
        )
    kinds: Counter[PersonalKind] = Counter()
    unreadable = 0
    # One file: its pages, if it is a scan read by OCR (the files run in this process).
    # The results closed here when the run stops early (a reader that went away, Ctrl-C):
    # the workers are stopped now, not when the interpreter collects them at its exit.
    with (
        Progress("files", total=len(paths)) as progress,
        count_pages(progress) if len(paths) == 1 else contextlib.nullcontext(),
        contextlib.closing(scan_paths(paths, args.jobs, args.encoding)) as results,
    ):
        for result in results:
            if progress.unit == "files":  # one file's pages were counted instead
                progress.advance()
            unreadable += _report(result, args.json, out, kinds)
    found = sum(kinds.values())
    if args.json:
        summary = {
            "files": len(paths),
            "findings": found,
            "unreadable": unreadable,
            "not_scanned": len(passed_over),
        }
        summary.update({kind.value: kinds[kind] for kind in PersonalKind if kind in KIND_LABELS})
        emit_json(out, {"summary": summary})
    else:
        print(_summary(len(paths), found, unreadable), file=sys.stderr)
    if passed_over:
        print(_passed_over(passed_over), file=sys.stderr)
    if unreadable:
        return 2
    return 1 if found else 0


def _report(result: FileScan, as_json: bool, out: TextIO, kinds: Counter[PersonalKind]) -> int:
    """Print one file's findings and what could not be read; 1 if it was not read whole."""
    kinds.update(f.kind for f in result.findings)
    _print(result, as_json, out)
    if result.error is not None:
        _say_error(result.error)
    for gap in result.unread:
        print(
            tr(
                "zfgk scan: {file}: cannot check {what}",
                file=result.path,
                what=gap.describe(language()),
            ),
            file=sys.stderr,
        )
    return int(result.error is not None or bool(result.unread))


def _print(result: FileScan, as_json: bool, out: TextIO) -> None:
    file = str(result.path)
    for finding in result.findings:
        if as_json:
            emit_json(out, {"file": file, **finding.to_dict()})
        else:
            print(f"{file}:{where(finding)}: {finding.words(language())}", file=out)
    if as_json and result.error is not None:
        emit_json(out, {"file": file, "error": result.error.localized(language())})
    if as_json:
        for gap in result.unread:
            emit_json(
                out,
                {
                    "file": file,
                    "unread": gap.location.to_dict(),
                    "reason": gap.reason.localized(language()),
                },
            )


def _say_error(error: ZfgkError) -> None:
    print(tr("zfgk: error: {message}", message=error.as_message()), file=sys.stderr)


def _passed_over(paths: list[Path]) -> str:
    """What the folders held that zfgk does not read: how many files of each kind."""
    kinds = Counter(path.suffix.lower() or tr("(no extension)") for path in paths)
    return tr(
        "zfgk scan: files in the folders not scanned, holding no text a reader gets (fonts, "
        "sound, video) or being lock files of open documents: {count} ({kinds}); --include "
        "them to scan them",
        count=len(paths),
        kinds=", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())),
    )


def _summary(files: int, found: int, unreadable: int) -> str:
    if unreadable:
        return tr(
            "zfgk scan: {unreadable} of {files} files could not be read whole, and are not "
            "known to be clean; unmasked values found: {found}",
            unreadable=unreadable,
            files=files,
            found=found,
        )
    if found == 1:
        return tr(
            "zfgk scan: 1 unmasked value (files scanned: {files}); mask it before publishing "
            "(zfgk mask)",
            files=files,
        )
    if found:
        return tr(
            "zfgk scan: {found} unmasked values (files scanned: {files}); mask them before "
            "publishing (zfgk mask)",
            found=found,
            files=files,
        )
    return tr("zfgk scan: no unmasked value (files scanned: {files})", files=files)
