"""``zfgk mask IN.csv -o OUT.csv``: mask the personal-data columns of an export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from zfgk._io import (
    InputError,
    atomic_output,
    csv_records,
    detect_encoding,
    quote_like,
    read_lines,
    unquote,
)
from zfgk.catalogues import catalogue_names, load
from zfgk.cli._common import ZfgkUsageError
from zfgk.errors import PrivacyError
from zfgk.model import PersonalKind, normalize_text
from zfgk.privacy import mask_id, mask_name, mask_phone

KIND_WORDS = {"name": PersonalKind.NAME, "id": PersonalKind.ID_NUMBER, "phone": PersonalKind.PHONE}

#: Headers that exports commonly use for personal data, beside the field
#: names of the catalogues.
HEADER_ALIASES: dict[str, PersonalKind] = {
    "姓名": PersonalKind.NAME,
    "名字": PersonalKind.NAME,
    "户主": PersonalKind.NAME,
    "户主姓名": PersonalKind.NAME,
    "申请人": PersonalKind.NAME,
    "申请人姓名": PersonalKind.NAME,
    "身份证": PersonalKind.ID_NUMBER,
    "身份证号": PersonalKind.ID_NUMBER,
    "身份证号码": PersonalKind.ID_NUMBER,
    "公民身份号码": PersonalKind.ID_NUMBER,
    "证件号码": PersonalKind.ID_NUMBER,
    "证件号": PersonalKind.ID_NUMBER,
    "手机": PersonalKind.PHONE,
    "手机号": PersonalKind.PHONE,
    "手机号码": PersonalKind.PHONE,
    "电话": PersonalKind.PHONE,
    "电话号码": PersonalKind.PHONE,
    "联系电话": PersonalKind.PHONE,
    "联系方式": PersonalKind.PHONE,
}

MASKERS: dict[PersonalKind, Callable[[str], str]] = {
    PersonalKind.NAME: mask_name,
    PersonalKind.ID_NUMBER: mask_id,
    PersonalKind.PHONE: mask_phone,
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``mask`` command to the parser."""
    parser = sub.add_parser(
        "mask",
        help="mask the personal-data columns of a CSV file",
        description="Mask names, ID numbers and phone numbers in the named columns (by "
        "default, the columns whose headers are personal fields of the catalogues), keeping "
        "every other byte; the output is written only if every value could be masked.",
    )
    parser.add_argument("input", type=Path, help="CSV file (UTF-8, UTF-8 with BOM or GB18030)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write")
    parser.add_argument(
        "--columns",
        help="comma-separated headers to mask, each optionally with =name, =id or =phone "
        "(e.g. 身份证号,户主=name)",
    )
    parser.add_argument("--encoding", help="force the input encoding (utf-8, utf-8-sig, gb18030)")
    parser.set_defaults(run=run)


def personal_headers() -> dict[str, PersonalKind]:
    """Normalized header -> kind: the catalogues' personal fields and common aliases.

    Identifiers (保障对象编号) are not masked by default: the catalogues do not
    ask for it and they have no standard format.

    >>> from zfgk.cli.mask import personal_headers
    >>> personal_headers()["保障对象姓名"].value, personal_headers()["证件号码"].value
    ('name', 'id_number')
    """
    headers = {normalize_text(k): v for k, v in HEADER_ALIASES.items()}
    for name in catalogue_names():
        for item in load(name):
            for f in item.personal_fields:
                if f.personal in MASKERS:
                    headers.setdefault(normalize_text(f.name), f.personal)
    return headers


def mask_plan(header: list[str], columns: str | None) -> dict[int, PersonalKind]:
    """Column index -> the kind of data to mask there, from the header and ``--columns``.

    >>> from zfgk.cli.mask import mask_plan
    >>> {i: kind.value for i, kind in mask_plan(["序号", "姓名", "身份证号"], None).items()}
    {1: 'name', 2: 'id_number'}
    >>> mask_plan(["序号", "证件"], "证件")
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: cannot tell how to mask column '证件': write 证件=name, 证件=id or 证件=phone
    """
    known = personal_headers()
    normalized = [normalize_text(h) for h in header]
    if columns is None:
        plan = {i: known[h] for i, h in enumerate(normalized) if h in known}
        if not plan:
            raise ZfgkUsageError(
                "no column header is a personal field of the catalogues; name the columns "
                "with --columns (e.g. --columns 户主=name,证件=id)"
            )
        return plan
    plan = {}
    for spec in filter(None, (c.strip() for c in columns.split(","))):
        name, _, word = spec.partition("=")
        wanted = normalize_text(name)
        if wanted not in normalized:
            raise ZfgkUsageError(f"no column {name!r} in the header (columns: {', '.join(header)})")
        if word:
            if word not in KIND_WORDS:
                raise ZfgkUsageError(f"unknown kind {word!r} for {name}: use name, id or phone")
            kind = KIND_WORDS[word]
        elif wanted in known:
            kind = known[wanted]
        else:
            raise ZfgkUsageError(
                f"cannot tell how to mask column {name!r}: write {name}=name, {name}=id "
                f"or {name}=phone"
            )
        plan[normalized.index(wanted)] = kind
    return plan


class _Abandon(Exception):
    """Raised inside atomic_output so that no output file is written."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Mask the file; exit status 0, or 1 when some values could not be masked (no output)."""
    del out  # the masked rows go to the output file, the summary to stderr
    encoding = args.encoding or detect_encoding(args.input)
    records = csv_records(read_lines(args.input, encoding), args.input)
    failures: list[str] = []
    masked = rows = 0
    try:
        with atomic_output(args.output, encoding) as output:
            first = next(records, None)
            if first is None:
                raise InputError(f"{args.input}: the file is empty")
            _, header_text, header_spans = first
            header = [unquote(header_text[a:b]) for a, b in header_spans]
            plan = mask_plan(header, args.columns)
            output.write(header_text)
            for row, text, spans in records:
                rows += 1
                pieces, position = [], 0
                for index, kind in sorted(plan.items()):
                    if index >= len(spans):
                        continue
                    a, b = spans[index]
                    value = unquote(text[a:b])
                    if not value.strip():
                        continue
                    try:
                        new = MASKERS[kind](value)
                    except (PrivacyError, ValueError) as e:
                        failures.append(f"row {row}, column {header[index]}: {e}")
                        continue
                    if new != value:
                        masked += 1
                    pieces += [text[position:a], quote_like(text[a:b], new)]
                    position = b
                pieces.append(text[position:])
                output.write("".join(pieces))
            if failures:
                raise _Abandon
    except _Abandon:
        for line in failures[:50]:
            print(f"zfgk mask: {args.input}: {line}", file=sys.stderr)
        if len(failures) > 50:
            print(f"zfgk mask: … and {len(failures) - 50} more", file=sys.stderr)
        print(
            f"zfgk mask: {len(failures)} value(s) could not be masked; nothing was written "
            f"to {args.output}. Correct them (or blank them) and run again.",
            file=sys.stderr,
        )
        return 1
    columns = ", ".join(header[i] for i in sorted(plan))
    print(
        f"zfgk mask: {rows} rows read, {masked} values masked in columns {columns}; "
        f"wrote {args.output} ({encoding})",
        file=sys.stderr,
    )
    return 0
