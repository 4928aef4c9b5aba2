"""``zfgk export CATALOGUE -o FILE``: a catalogue as a spreadsheet (.xlsx, .csv) or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from zfgk.catalogues import dumps
from zfgk.cli._common import ZfgkUsageError, catalogue_name, load_catalogue, tr
from zfgk.i18n import N_
from zfgk.spreadsheet import write
from zfgk.tables import atomic_output

FORMATS = (".xlsx", ".csv", ".json")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command to the parser."""
    parser = sub.add_parser(
        "export",
        help=tr("write a catalogue as a spreadsheet (.xlsx, .csv) or as JSON"),
        description=tr(
            "Write CATALOGUE (a packaged name or a catalogue file) in the format of "
            "FILE's suffix: .xlsx (one row per item in the source table's columns; needs "
            "zfgk[xlsx]), .csv (the same, UTF-8 with a BOM for Excel), or .json (the catalogue "
            "format). zfgk.load_file and --catalogue read all three back."
        ),
    )
    parser.add_argument("catalogue", help=tr("packaged catalogue name, or a catalogue file"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the file; exit status 0."""
    del out  # the catalogue goes to the file
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise ZfgkUsageError.of(
            N_("cannot tell the format of {output}: name a file ending in {formats}"),
            output=args.output,
            formats=", ".join(FORMATS),
        )
    catalogue = load_catalogue(args.catalogue)
    if suffix == ".json":
        with atomic_output(args.output, "utf-8") as f:
            f.write(dumps(catalogue))
    else:
        write(catalogue, args.output)
    print(
        tr(
            "zfgk export: wrote {count} items of {catalogue} to {output}",
            count=len(catalogue),
            catalogue=catalogue_name(catalogue),
            output=args.output,
        ),
        file=sys.stderr,
    )
    return 0
