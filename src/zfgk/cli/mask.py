"""``zfgk mask IN.csv -o OUT.csv``: mask the personal-data columns of an export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import attrs

from zfgk.catalogues import catalogue_names, load
from zfgk.cli._common import ZfgkUsageError, add_catalogue_option, load_catalogue, tr
from zfgk.errors import InputError, PrivacyError
from zfgk.i18n import N_
from zfgk.model import Item, PersonalKind, normalize_text
from zfgk.privacy import mask_id, mask_name, mask_phone, redact
from zfgk.tables import atomic_output, quote_like, read_records, unquote
from zfgk.validation import Validator

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
        help=tr("mask what a catalogue item requires hidden in a CSV export"),
        description=tr(
            "Mask what the catalogue requires hidden before publishing: with --item, "
            "the fields that item requires published partly hidden (身份证号 隐藏部分号码); "
            "always, columns of ID numbers, and every full ID number or mobile number found in "
            "any other cell. Names and office phones that the catalogue publishes are left as "
            "they are unless --names, --phones or --columns ask for more. Every other byte is "
            "kept; the output is written only if every value could be masked."
        ),
    )
    parser.add_argument(
        "input",
        type=Path,
        help=tr(
            'CSV file (UTF-8, UTF-8 with BOM, GB18030) or Excel\'s "Unicode text" '
            "(UTF-16, tab-separated); the output keeps its encoding and separator"
        ),
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help=tr("where to write"))
    parser.add_argument("--item", help=tr("the catalogue item the file publishes (number or name)"))
    add_catalogue_option(parser)
    parser.add_argument(
        "--names", action="store_true", help=tr("also mask the columns of people's names")
    )
    parser.add_argument(
        "--phones",
        action="store_true",
        help=tr("also mask the phone columns, fixed lines included"),
    )
    parser.add_argument(
        "--columns",
        help=tr(
            "also mask these comma-separated headers, each optionally with =name, =id or "
            "=phone (e.g. 身份证号,户主=name)"
        ),
    )
    parser.add_argument(
        "--encoding", help=tr("force the input encoding (utf-8, utf-8-sig, gb18030)")
    )
    parser.set_defaults(run=run)


def personal_headers() -> dict[str, PersonalKind]:
    """Normalized header -> kind: the catalogues' personal fields and common aliases.

    Identifiers (保障对象编号) are not included: the catalogues do not ask for
    them to be hidden and they have no standard format.

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


@attrs.frozen
class MaskPlan:
    """Which columns are masked whole, with what, and why; every other cell is redacted.

    ``columns`` maps a column's index to the kind of data masked there;
    ``reasons`` says, for people, why each column is masked.
    """

    columns: dict[int, PersonalKind]
    reasons: tuple[str, ...]


def mask_plan(
    header: list[str],
    *,
    item: Item | None = None,
    names: bool = False,
    phones: bool = False,
    columns: str | None = None,
) -> MaskPlan:
    """What ``zfgk mask`` masks in a file with this header.

    The catalogue decides: the fields the item requires published partly
    hidden (身份证号 隐藏部分号码), and columns of ID numbers in any file, are
    masked whole; names and phones the item publishes are not, unless asked.

    >>> import zfgk
    >>> from zfgk.cli.mask import mask_plan
    >>> header = ["序号", "原保障对象姓名", "身份证号", "联系电话"]
    >>> plan = mask_plan(header, item=zfgk.load("chongqing").item(22))
    >>> {header[i]: kind.value for i, kind in plan.columns.items()}
    {'身份证号': 'id_number'}
    >>> plan = mask_plan(header, names=True, phones=True)
    >>> {header[i]: kind.value for i, kind in plan.columns.items()}
    {'原保障对象姓名': 'name', '身份证号': 'id_number', '联系电话': 'phone'}

    A column named with ``columns`` must say how to mask it unless its
    header tells:

    >>> mask_plan(["序号", "证件"], columns="证件")
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: cannot tell how to mask column '证件': write 证件=name, 证件=id or 证件=phone
    """
    known = personal_headers()
    normalized = [normalize_text(h) for h in header]
    plan: dict[int, PersonalKind] = {}
    reasons: dict[int, str] = {}

    def add(index: int, kind: PersonalKind, why: str) -> None:
        if index not in plan:
            plan[index] = kind
            reasons[index] = why

    validator = Validator(item) if item is not None else None
    for index, key in enumerate(normalized):
        fields = validator.fields_for(header[index]) if validator is not None else None
        if fields is not None and len(fields) == 1 and fields[0].masked:
            field = fields[0]
            kind = field.personal or PersonalKind.ID_NUMBER
            why = tr(
                "item {number} requires {field} partly hidden",
                number=item.number,  # type: ignore[union-attr]
                field=field.name,
            )
            add(index, kind, why)
        elif known.get(key) is PersonalKind.ID_NUMBER:
            add(index, PersonalKind.ID_NUMBER, tr("ID numbers are never published in full"))
        elif names and known.get(key) is PersonalKind.NAME:
            add(index, PersonalKind.NAME, "--names")
        elif phones and known.get(key) is PersonalKind.PHONE:
            add(index, PersonalKind.PHONE, "--phones")
    for spec in filter(None, (c.strip() for c in (columns or "").split(","))):
        name, _, word = spec.partition("=")
        wanted = normalize_text(name)
        if wanted not in normalized:
            raise ZfgkUsageError.of(
                N_("no column {name!r} in the header (columns: {columns})"),
                name=name,
                columns=", ".join(header),
            )
        if word:
            if word not in KIND_WORDS:
                raise ZfgkUsageError.of(
                    N_("unknown kind {word!r} for {name}: use name, id or phone"),
                    word=word,
                    name=name,
                )
            kind = KIND_WORDS[word]
        elif wanted in known:
            kind = known[wanted]
        else:
            raise ZfgkUsageError.of(
                N_(
                    "cannot tell how to mask column {name!r}: write {name}=name, {name}=id or {name}=phone"
                ),
                name=name,
            )
        index = normalized.index(wanted)
        plan.pop(index, None)
        reasons.pop(index, None)
        add(index, kind, "--columns")
    ordered = sorted(plan)
    return MaskPlan(
        {i: plan[i] for i in ordered},
        tuple(tr("{column} ({why})", column=header[i], why=reasons[i]) for i in ordered),
    )


class _Abandon(Exception):
    """Raised inside atomic_output so that no output file is written."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Mask the file; exit status 0, or 1 when some values could not be masked (no output)."""
    del out  # the masked rows go to the output file, the summary to stderr
    item = load_catalogue(args.catalogue).item(args.item) if args.item is not None else None
    fmt, records = read_records(args.input, args.encoding)
    encoding = fmt.encoding
    failures: list[str] = []
    masked = redacted = rows = 0
    try:
        with atomic_output(args.output, encoding) as output:
            first = next(records, None)
            if first is None:
                raise InputError.of(N_("{input}: the file is empty"), input=args.input)
            _, header_text, header_spans = first
            header = [unquote(header_text[a:b]) for a, b in header_spans]
            plan = mask_plan(
                header, item=item, names=args.names, phones=args.phones, columns=args.columns
            )
            output.write(header_text)
            for row, text, spans in records:
                rows += 1
                pieces, position = [], 0
                for index, (a, b) in enumerate(spans):
                    value = unquote(text[a:b])
                    if not value.strip():
                        continue
                    kind = plan.columns.get(index)
                    if kind is None:
                        new = redact(value)
                        redacted += new != value
                    else:
                        try:
                            new = MASKERS[kind](value)
                        except (PrivacyError, ValueError) as e:
                            failures.append(
                                tr(
                                    "row {row}, column {column}: {message}",
                                    row=row,
                                    column=header[index],
                                    message=e.as_message()
                                    if isinstance(e, PrivacyError)
                                    else str(e),
                                )
                            )
                            continue
                        masked += new != value
                    if new != value:
                        pieces += [text[position:a], quote_like(text[a:b], new, fmt.delimiter)]
                        position = b
                pieces.append(text[position:])
                output.write("".join(pieces))
            if failures:
                raise _Abandon
    except _Abandon:
        for line in failures[:50]:
            print(
                tr("zfgk mask: {file}: {problem}", file=args.input, problem=line), file=sys.stderr
            )
        if len(failures) > 50:
            print(tr("zfgk mask: … and {more} more", more=len(failures) - 50), file=sys.stderr)
        template = (
            N_(
                "zfgk mask: 1 value could not be masked; nothing was written to {output}. "
                "Correct it (or blank it) and run again."
            )
            if len(failures) == 1
            else N_(
                "zfgk mask: {count} values could not be masked; nothing was written to "
                "{output}. Correct them (or blank them) and run again."
            )
        )
        print(tr(template, count=len(failures), output=args.output), file=sys.stderr)
        return 1
    print(_summary(args, item, plan, (rows, masked, redacted), encoding), file=sys.stderr)
    return 0


def _summary(
    args: argparse.Namespace,
    item: Item | None,
    plan: MaskPlan,
    counts: tuple[int, int, int],
    encoding: str,
) -> str:
    rows, masked, redacted = counts
    params = {
        "rows": rows,
        "masked": masked,
        "columns": "; ".join(plan.reasons),
        "redacted": redacted,
        "output": args.output,
        "encoding": encoding,
    }
    if plan.reasons:
        template = N_(
            "zfgk mask: rows read: {rows}; values masked in the columns {columns}: {masked}; "
            "other cells that held a full ID or mobile number, masked: {redacted}; wrote "
            "{output} ({encoding})"
        )
    else:
        template = N_(
            "zfgk mask: rows read: {rows}; no column to mask; cells that held a full ID or "
            "mobile number, masked: {redacted}; wrote {output} ({encoding})"
        )
    lines = [tr(template, **params)]
    if item is None:
        lines.append(
            tr(
                "zfgk mask: no --item given: by default zfgk masks columns of ID numbers (every "
                "catalogue publishes 身份证号 with part of the number hidden) and every full ID "
                "or mobile number in any other cell; names and fixed-line phones are published "
                "as the catalogues list them, so they are left as they are (add --item to mask "
                "what one item requires, --names, --phones or --columns to hide more)"
            )
        )
    elif not (args.names or args.phones):
        kept = [
            f.name
            for f in item.fields
            if f.personal in (PersonalKind.NAME, PersonalKind.PHONE) and not f.masked
        ]
        if kept:
            lines.append(
                tr(
                    "zfgk mask: item {number} ({name}) publishes {fields}: left as they are "
                    "(--names or --phones hide them too)",
                    number=item.number,
                    name=item.name,
                    fields="、".join(kept),
                )
            )
    return "\n".join(lines)
