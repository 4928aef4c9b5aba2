"""``zfgk scan FILE…``: refuse to publish unmasked ID or mobile numbers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from zfgk._io import read_lines
from zfgk.model import PersonalKind
from zfgk.privacy import find_pii

KIND_LABELS = {
    PersonalKind.ID_NUMBER: "unmasked ID number",
    PersonalKind.PHONE: "unmasked mobile number",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scan`` command to the parser."""
    parser = sub.add_parser(
        "scan",
        help="find unmasked ID and mobile numbers before publishing",
        description="Print file, line and kind of every unmasked ID number or mobile number "
        "(never the value); exit 1 if there is any.",
    )
    parser.add_argument("files", nargs="+", type=Path, help=".txt, .csv, .html or .md files")
    parser.add_argument("--encoding", help="force the encoding")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Scan the files; exit status 0 when clean, 1 when something unmasked is found."""
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
