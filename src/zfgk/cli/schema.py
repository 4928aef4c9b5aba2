"""``zfgk schema ITEM`` and ``zfgk schema --all -o DIR``: JSON Schemas of the items' records."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from zfgk.cli._common import (
    ZfgkUsageError,
    add_catalogue_option,
    catalogue_name,
    find_item,
    load_catalogue,
    tr,
)
from zfgk.i18n import N_
from zfgk.model import Catalogue, Item
from zfgk.tables import atomic_output, make_folder


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` command to the parser."""
    parser = sub.add_parser(
        "schema",
        help=tr("the JSON Schema (Draft 2020-12) of an item's records, or of every item"),
        description=tr(
            "Print the JSON Schema of ITEM's records, for validators in any language "
            "and form builders; with --all and -o DIR, write one file per item of the catalogue, "
            "named CATALOGUE-NN.schema.json, each with a stable $id."
        ),
    )
    parser.add_argument("item", nargs="?", help=tr("item number or name"))
    parser.add_argument("--all", action="store_true", help=tr("every item of the catalogue"))
    parser.add_argument("-o", "--output", type=Path, metavar="DIR", help=tr("folder to write to"))
    add_catalogue_option(parser)
    parser.set_defaults(run=run)


def schema_id(catalogue: Catalogue, item: Item) -> str:
    """The stable ``$id`` of an item's schema: a URN, since no server hosts it.

    >>> import zfgk
    >>> from zfgk.cli.schema import schema_id
    >>> cat = zfgk.load("shanyin")
    >>> schema_id(cat, cat.item(14))
    'urn:zfgk:shanyin:item:14'
    """
    return f"urn:zfgk:{catalogue.name}:item:{item.number}"


def file_name(catalogue: Catalogue, item: Item) -> str:
    """The file an item's schema is written to by ``--all``.

    >>> import zfgk
    >>> from zfgk.cli.schema import file_name
    >>> cat = zfgk.load("chongqing")
    >>> file_name(cat, cat.item(9))
    'chongqing-09.schema.json'
    """
    return f"{catalogue.name}-{item.number:02d}.schema.json"


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print one schema, or write them all; exit status 0."""
    catalogue = load_catalogue(args.catalogue)
    if args.all:
        if args.item is not None:
            raise ZfgkUsageError.of(N_("give an ITEM or --all, not both"))
        if args.output is None:
            raise ZfgkUsageError.of(N_("--all writes one file per item: name a folder with -o DIR"))
        make_folder(args.output)
        for item in catalogue:
            path = args.output / file_name(catalogue, item)
            with atomic_output(path, "utf-8") as f:
                f.write(_text(item.json_schema(schema_id=schema_id(catalogue, item))))
        print(
            tr(
                "zfgk schema: wrote {count} schemas of {catalogue} to {folder}",
                count=len(catalogue),
                catalogue=catalogue_name(catalogue),
                folder=args.output,
            ),
            file=sys.stderr,
        )
        return 0
    if args.item is None:
        raise ZfgkUsageError.of(N_("name an ITEM, or pass --all -o DIR"))
    item = find_item(catalogue, args.item)
    text = _text(item.json_schema(schema_id=schema_id(catalogue, item)))
    if args.output is not None:
        make_folder(args.output)
        path = args.output / file_name(catalogue, item)
        with atomic_output(path, "utf-8") as f:
            f.write(text)
        print(tr("zfgk schema: wrote {path}", path=path), file=sys.stderr)
    else:
        out.write(text)
    return 0
