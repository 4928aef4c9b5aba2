"""Masking a table as the catalogue asks: which columns are masked whole, with what, and why."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from zfgk._arguments import quiet
from zfgk.errors import InvalidArgumentError, PrivacyError
from zfgk.headers import ColumnMatcher, column_key, known_columns, names_id_number
from zfgk.i18n import N_
from zfgk.model import Item, PersonalKind
from zfgk.privacy._find import find_pii, redact
from zfgk.privacy._ids import mask_id
from zfgk.privacy._names import mask_name
from zfgk.privacy._phones import mask_phone
from zfgk.values import ValueKind, is_number, number_shown, read_value

#: How a column of each kind is masked.
MASKERS: Mapping[PersonalKind, Callable[[str], str]] = MappingProxyType(
    {
        PersonalKind.NAME: mask_name,
        PersonalKind.ID_NUMBER: mask_id,
        PersonalKind.PHONE: mask_phone,
    }
)


class MaskReason(enum.Enum):
    """Why a column is masked whole."""

    ITEM = "item"
    """The item requires the field published partly hidden (隐藏部分号码)."""
    ID_NUMBERS = "id-numbers"
    """A column of ID numbers: never published in full, whatever the item."""
    NAMES = "names"
    """A column of names, and the caller asked for names to be masked."""
    PHONES = "phones"
    """A column of phones, and the caller asked for phones to be masked."""
    COLUMNS = "columns"
    """The caller named the column."""


@attrs.frozen
class MaskedColumn:
    """A column masked whole: where, its header, the kind of data, why (and the item's field)."""

    index: int
    header: str
    kind: PersonalKind
    reason: MaskReason
    field: str | None = None


def _frozen(columns: Mapping[int, MaskedColumn]) -> Mapping[int, MaskedColumn]:
    return MappingProxyType(dict(sorted(columns.items())))


@attrs.frozen
class MaskPlan:
    """Which columns of a table are masked whole; every other cell is redacted.

    ``columns`` maps a column's index to its :class:`MaskedColumn`, in order.

    >>> from zfgk.privacy import mask_plan
    >>> plan = mask_plan(["序号", "身份证号", "备注"])
    >>> plan.mask(1, "11010519491231002X"), plan.mask(2, "电话13812345678"), plan.mask(1, " ")
    ('110105********002X', '电话138****5678', ' ')
    """

    columns: Mapping[int, MaskedColumn] = attrs.field(converter=_frozen)
    #: The columns that hold a phone the item publishes (联系方式 of 房屋维修): a mobile number
    #: there is published as the catalogue asks; an ID number is masked as anywhere.
    published: frozenset[int] = frozenset()

    def mask(self, index: int, value: str, *, mask_char: str = "*") -> str:
        """The cell at column ``index`` masked: whole by its column's kind, else redacted.

        A blank cell comes back as it is.  A value its column's masker cannot
        mask raises (:class:`~zfgk.PrivacyError`), never passes unmasked.
        """
        return self.mask_value(index, value, mask_char=mask_char)  # type: ignore[return-value]

    def mask_value(self, index: int, value: object, *, mask_char: str = "*") -> object:
        """:meth:`mask` for a value of any type, as a record from a program holds it.

        Blanks (:mod:`zfgk.values`: None, NaN, ``pd.NA``, a string of spaces)
        come back as they are.  In a column masked whole, a name or ID number
        must be a string: a number in an ID column has lost its leading zeros
        or its final X and cannot be masked truthfully, and raises
        :class:`~zfgk.PrivacyError`, as does a container (a list, a dict) in
        any column.  Elsewhere a number, a date or any other scalar is
        searched as its text, and comes back unchanged when it holds no
        personal number.

        >>> from zfgk.privacy import mask_plan
        >>> plan = mask_plan(["身份证号", "备注", "面积"])
        >>> plan.mask_value(0, float("nan")), plan.mask_value(1, 13812345678), plan.mask_value(2, 56.8)
        (nan, '138****5678', 56.8)
        >>> plan.mask_value(1, 13812345678.0)  # as pandas reads a column with blanks
        '138****5678'
        >>> plan.mask_value(0, 110105194912310021)
        Traceback (most recent call last):
        ...
        zfgk.errors.PrivacyError: cannot mask: an ID number must be text, not a number (int), which has lost its leading zeros or final X; read the column as text
        """
        kind, text = read_value(value)
        if kind is ValueKind.BLANK:
            return value
        if kind is ValueKind.OTHER:
            raise PrivacyError.of(
                N_("cannot mask: the value is a {type}, not text or a number"),
                type=type(value).__name__,
            )
        column = self.columns.get(index)
        if column is None:
            # the value as a person reads it (a number as a sheet shows it)
            if index in self.published:
                masked = redact_ids(text, mask_char=mask_char)
            else:
                masked = redact(text, mask_char=mask_char)
            return value if masked == text else masked
        if column.kind is PersonalKind.ID_NUMBER and isinstance(value, str) and number_shown(value):
            raise PrivacyError.of(
                N_(
                    "cannot mask: an ID number stored as a number (a number cell, or Excel's "
                    "6.20503E+17) has lost its last digits and cannot be masked truthfully; "
                    "format the column as text and enter the numbers again"
                )
            )
        if not isinstance(value, str) or is_number(value):
            held = type(getattr(value, "value", value)).__name__  # a cell's number, as read
            if column.kind is PersonalKind.ID_NUMBER:
                raise PrivacyError.of(
                    N_(
                        "cannot mask: an ID number must be text, not a number ({type}), which has "
                        "lost its leading zeros or final X; read the column as text"
                    ),
                    type=held,
                )
            if column.kind is not PersonalKind.PHONE or isinstance(value, bool):
                raise PrivacyError.of(
                    N_("cannot mask: a {kind} must be text, not {type}"),
                    kind=column.kind.value,
                    type=held,
                )
        return MASKERS[column.kind](text, mask_char=mask_char)  # type: ignore[call-arg]


def mask_plan(
    header: Sequence[str],
    *,
    item: Item | None = None,
    names: bool = False,
    phones: bool = False,
    columns: Mapping[str, PersonalKind | None] | None = None,
    aliases: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    strict: bool = False,
) -> MaskPlan:
    """What to mask in a table with this header (``zfgk mask`` masks what this says).

    The catalogue decides: the fields the item requires published partly
    hidden (身份证号 隐藏部分号码), and columns of ID numbers in any table,
    are masked whole; names and phones the item publishes are not, unless
    ``names`` or ``phones`` ask.  Headers are read as ``zfgk check`` reads
    them (:mod:`zfgk.headers`), with the item's ``aliases``, ``ignore`` and
    ``strict`` as :class:`~zfgk.headers.ColumnMatcher` takes them.
    ``columns`` names more columns to mask whole, each with its kind, or
    None where its header tells.

    >>> import zfgk
    >>> from zfgk.privacy import mask_plan
    >>> header = ["序号", "原保障对象姓名", "证件号", "联系电话"]
    >>> plan = mask_plan(header, item=zfgk.load("chongqing").item(22))
    >>> [(c.header, c.kind.value, c.reason.value) for c in plan.columns.values()]
    [('证件号', 'id_number', 'item')]
    >>> plan = mask_plan(header, names=True, phones=True)
    >>> {c.header: c.kind.value for c in plan.columns.values()}
    {'原保障对象姓名': 'name', '证件号': 'id_number', '联系电话': 'phone'}

    A column named in ``columns`` must be in the header, and have a kind
    unless its header tells:

    >>> mask_plan(["序号", "证件"], columns={"证件": None})
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: cannot tell how to mask column '证件': give its kind (name, id or phone)
    """
    matcher = None
    if item is not None:
        matcher = ColumnMatcher(item, aliases, strict=strict, ignore=ignore)
    return plan_with(header, matcher, names=names, phones=phones, columns=columns)


def plan_with(
    header: Sequence[str],
    matcher: ColumnMatcher | None,
    *,
    names: bool = False,
    phones: bool = False,
    columns: Mapping[str, PersonalKind | None] | None = None,
) -> MaskPlan:
    """:func:`mask_plan` with the item's columns already matched (one matcher, many headers)."""
    known = known_columns()
    keys = [column_key(h) for h in header]
    plan: dict[int, MaskedColumn] = {}
    for index, key in enumerate(keys):
        kind = known.get(key)
        if kind is None and names_id_number(key):  # 配偶身份证号: ID numbers all the same
            kind = PersonalKind.ID_NUMBER
        column = _by_catalogue(index, header[index], kind, matcher, names=names, phones=phones)
        if column is not None:
            plan[index] = column
    for index, kind in _named(header, keys, known, columns or {}):
        plan[index] = MaskedColumn(index, header[index], kind, MaskReason.COLUMNS)
    published = frozenset(
        index
        for index, name in enumerate(header)
        if index not in plan and not phones and _publishes_a_phone(matcher, name)
    )
    return MaskPlan(plan, published)


def _publishes_a_phone(matcher: ColumnMatcher | None, name: str) -> bool:
    """Whether a column covers a phone field the item publishes unmasked (联系方式 of 房屋维修)."""
    fields = matcher.fields_for(name) if matcher is not None else None
    return any(f.personal is PersonalKind.PHONE and not f.masked for f in fields or ())


def redact_ids(text: str, *, mask_char: str = "*") -> str:
    """``text`` with its full ID numbers masked and its mobile numbers left as they are.

    For a column that holds a phone the item publishes: the catalogue
    publishes the number there; an ID number typed into it is masked.

    >>> from zfgk.privacy import redact_ids
    >>> redact_ids("张三 13812345678 11010519491231002X")
    '张三 13812345678 110105********002X'
    """
    masked = redact(text, mask_char=mask_char)
    if masked == text:
        return text
    for m in find_pii(text):
        if m.kind is PersonalKind.PHONE:
            masked = masked[: m.start] + text[m.start : m.end] + masked[m.end :]
    return masked


def _by_catalogue(
    index: int,
    name: str,
    kind: PersonalKind | None,
    matcher: ColumnMatcher | None,
    *,
    names: bool,
    phones: bool,
) -> MaskedColumn | None:
    """Whether the catalogue (or ``names``, ``phones``) has a column masked whole, and why."""
    fields = matcher.fields_for(name) if matcher is not None else None
    if fields is not None and len(fields) == 1:
        field = fields[0]
        if field.masked:
            kind = field.personal or PersonalKind.ID_NUMBER
            return MaskedColumn(index, name, kind, MaskReason.ITEM, field.name)
        if field.personal in MASKERS:  # the item's field says (an alias, say)
            kind = field.personal
    if kind is PersonalKind.ID_NUMBER:
        return MaskedColumn(index, name, kind, MaskReason.ID_NUMBERS)
    if names and kind is PersonalKind.NAME:
        return MaskedColumn(index, name, kind, MaskReason.NAMES)
    if phones and kind is PersonalKind.PHONE:
        return MaskedColumn(index, name, kind, MaskReason.PHONES)
    return None


def _named(
    header: Sequence[str],
    keys: list[str],
    known: Mapping[str, PersonalKind],
    columns: Mapping[str, PersonalKind | None],
) -> Iterable[tuple[int, PersonalKind]]:
    """(index, kind) of each column the caller names."""
    for name, given in columns.items():
        wanted = column_key(name)
        if wanted not in keys:
            raise InvalidArgumentError.of(
                N_("no column {name!r} in the header (columns: {columns})"),
                name=quiet(name),
                columns=", ".join(map(quiet, header)),
            )
        kind = given or known.get(wanted)
        if kind is None or kind not in MASKERS:
            raise InvalidArgumentError.of(
                N_("cannot tell how to mask column {name!r}: give its kind (name, id or phone)"),
                name=name,
            )
        yield keys.index(wanted), kind
