"""Column names: how a header names an item's fields, for check, validate and mask alike.

Real exports name their columns in many ways.  A column matches a field of
an item when, compared by :func:`column_key` (ignoring whitespace,
full-/half-width differences, a trailing 等 and a "(隐藏部分号码)" note), it
is:

- the field itself (房号);
- the whole text of a compound element (房号面积套型 covers 房号, 面积 and 套型);
- one of the caller's aliases (column name → field name);
- one of :data:`BUILTIN_ALIASES` (证件号, 手机号 …), which names the item's
  one field of its kind, when the item has exactly one.

``zfgk check`` and :func:`zfgk.validate` read a header through
:class:`ColumnMatcher`; ``zfgk mask`` too, and without an item it knows a
personal column by :data:`BUILTIN_ALIASES` and the catalogues' field names.

>>> import zfgk
>>> from zfgk.headers import ColumnMatcher
>>> columns = ColumnMatcher(zfgk.load("chongqing").item(22))
>>> [f.name for f in columns.fields_for("证件号")]
['身份证号']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from zfgk.errors import InvalidArgumentError
from zfgk.fields import MASK_NOTE
from zfgk.i18n import N_
from zfgk.model import Field, Item, PersonalKind, normalize_text

__all__ = [
    "BUILTIN_ALIASES",
    "CATALOGUE_PERSONAL_FIELDS",
    "UNIT_NOTE",
    "ColumnMatcher",
    "Slot",
    "alias_kind",
    "column_key",
    "known_columns",
    "names_id_number",
    "personal_columns",
]

#: Headers that exports commonly use for personal data, and the kind of data
#: each holds.  Each names the item's one field of that kind (``姓名`` is
#: 保障对象姓名, 申请对象姓名 …) when the item has exactly one; without an
#: item, ``zfgk mask`` masks these columns as their kind says.
BUILTIN_ALIASES: Mapping[str, PersonalKind] = MappingProxyType(
    {
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
)


#: A unit of measure as officers write it after a column name, after NFKC and casefold
#: (㎡ and m² are ``m2``): money, area, length, people and households, dwellings,
#: counts, ages and periods, shares; a compound is its parts joined by / or · (元/月,
#: 元/m2·月).  The list is closed: a bracket that is not a unit (姓名（户主）) stays.
_UNIT_ATOM = (
    r"(?:元|万元|千元|亿元|人民币元|"
    r"m2|平方米|平米|平方|万平方米|万m2|公顷|亩|m|米|km|公里|千米|"
    r"人|万人|户|万户|套|万套|间|栋|幢|层|个|项|次|笔|张|辆|"
    r"岁|年|月|日|天|周|季度|%|‰)"
)
_UNIT = rf"{_UNIT_ATOM}(?:[/·•.・]{_UNIT_ATOM})*"
#: A unit in brackets at the end of a column name (``（元）``, ``(单位：㎡)``, ``[人]``),
#: matched on the NFKC text (full-width brackets and colons are half-width there).
UNIT_NOTE = re.compile(rf"[(\[【〔﹝〖]\s*(?:单位\s*[:：]?\s*)?{_UNIT}\s*[)\]】〕﹞〗]$")


def column_key(name: str) -> str:
    """How a column name is compared: NFKC, no whitespace, no case, no trailing unit, 等 or mask note.

    A unit in brackets at the end (:data:`UNIT_NOTE`: 发放金额（元）, 面积（㎡）,
    面积(平方米), 家庭人口（人）) says how a value is measured, not what it is:
    the column is the field without it.

    >>> from zfgk.headers import column_key
    >>> column_key(" 身份证号（隐藏部分号码） "), column_key("所在建设项目名称等")
    ('身份证号', '所在建设项目名称')
    >>> column_key("发放金额（元）"), column_key("面积（㎡）"), column_key("面积(单位：平方米)")
    ('发放金额', '面积', '面积')
    >>> column_key("姓名（户主）")  # a bracket that names no unit is part of the name
    '姓名(户主)'
    >>> column_key("Name") == column_key("name") == column_key("ｎａｍｅ") == column_key(" NAME ")
    True
    """
    key = normalize_text(MASK_NOTE.sub("", name)).casefold()
    unit = UNIT_NOTE.search(key)
    if unit is not None and unit.start() > 0:
        key = key[: unit.start()]
    return key[:-1] if key.endswith("等") and len(key) > 1 else key


def column_keys(names: Iterable[str], what: str) -> frozenset[str]:
    """The :func:`column_key` of each name of a collection (``ignore=``); a lone string is refused.

    >>> from zfgk.headers import column_keys
    >>> sorted(column_keys(["ID", "Created_At"], "ignore"))
    ['created_at', 'id']
    >>> column_keys("id", "ignore")
    Traceback (most recent call last):
    ...
    TypeError: ignore must be a collection of key names (a list, tuple or set), not a string
    """
    if isinstance(names, str) or not isinstance(names, Iterable):
        kind = "a string" if isinstance(names, str) else type(names).__name__
        raise TypeError(
            f"{what} must be a collection of key names (a list, tuple or set), not {kind}"
        )
    keys = set()
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{what} must hold key names (strings), not {type(name).__name__}")
        keys.add(column_key(name))
    return frozenset(keys)


_ALIAS_KINDS = {column_key(alias): kind for alias, kind in BUILTIN_ALIASES.items()}

#: The names and kinds of the packaged catalogues' personal fields that are masked or
#: published (not identifiers): without an item, a column of one of these names is read as
#: its kind.  ``tests/test_files_agree.py`` holds this table to the packaged data.
CATALOGUE_PERSONAL_FIELDS: Mapping[str, PersonalKind] = MappingProxyType(
    {
        "申请对象姓名": PersonalKind.NAME,
        "保障对象姓名": PersonalKind.NAME,
        "原保障对象姓名": PersonalKind.NAME,
        "姓名": PersonalKind.NAME,
        "腾退对象": PersonalKind.NAME,
        "联系人": PersonalKind.NAME,
        "负责人姓名": PersonalKind.NAME,
        "身份证号": PersonalKind.ID_NUMBER,
        "联系方式": PersonalKind.PHONE,
    }
)


def known_columns() -> Mapping[str, PersonalKind]:
    """Column key -> kind: the built-in aliases and the catalogues' personal field names.

    Identifiers (保障对象编号) are not included: the catalogues do not ask for
    them to be hidden and they have no standard format.

    >>> from zfgk.headers import known_columns
    >>> known_columns()["保障对象姓名"].value, known_columns()["证件号"].value
    ('name', 'id_number')
    """
    return _KNOWN


_KNOWN: Mapping[str, PersonalKind] = MappingProxyType(
    {
        **{column_key(n): k for n, k in CATALOGUE_PERSONAL_FIELDS.items()},
        **_ALIAS_KINDS,
    }
)


def alias_kind(name: str) -> PersonalKind | None:
    """The kind of personal data a column named by a built-in alias holds, else None.

    >>> from zfgk.headers import alias_kind
    >>> alias_kind(" 证件号 ").value, alias_kind("房号")
    ('id_number', None)
    """
    return _ALIAS_KINDS.get(column_key(name))


#: How a header naming anyone's ID number ends (申请人身份证号, 配偶身份证号码, 身份证件号码).
_ID_ENDINGS = (
    "身份证号",
    "身份证号码",
    "身份证件号",
    "身份证件号码",
    "证件号",
    "证件号码",
    "身份号码",
)
#: A note in brackets at the end of a header (（18位）), and the longest header read as a name.
_NOTE = re.compile(r"\([^()]*\)$")
_LONGEST = 16


def names_id_number(name: str) -> bool:
    """Whether a column's name says it holds ID numbers, whoever's: such a column is masked whole.

    >>> from zfgk.headers import names_id_number
    >>> [names_id_number(h) for h in ("配偶身份证号", "身份证号码（18位）", "身份证明材料", "房号")]
    [True, True, False, False]
    >>> names_id_number("本表由区住房保障中心编制，身份证号公开前须隐藏出生日期")  # a note, no header
    False
    """
    key = _NOTE.sub("", column_key(name))
    return len(key) <= _LONGEST and key.endswith(_ID_ENDINGS)


def personal_columns(fields: Iterable[Field]) -> dict[str, PersonalKind]:
    """Column key -> kind: the built-in aliases, and the names of these personal fields.

    An alias wins over a field of the same name.

    >>> import zfgk
    >>> from zfgk.headers import personal_columns
    >>> known = personal_columns(zfgk.load("chongqing").item(22).fields)
    >>> known["原保障对象姓名"].value, known["手机号"].value
    ('name', 'phone')
    """
    known = dict(_ALIAS_KINDS)
    for f in fields:
        if f.personal is not None:
            known.setdefault(column_key(f.name), f.personal)
    return known


def _one_target(targets: dict[str, tuple[str, str]], alias: str, target: str) -> None:
    """Refuse two aliases that are one key (``Name``, ``name``) but name different fields."""
    key, wanted = column_key(alias), column_key(target)
    earlier = targets.setdefault(key, (alias, wanted))
    if earlier[1] != wanted:
        raise InvalidArgumentError.of(
            N_(
                "aliases {first!r} and {second!r} are one key (case, width and spaces are "
                "ignored) but point at different fields"
            ),
            first=earlier[0],
            second=alias,
        )


@attrs.frozen
class Slot:
    """One field of an item, in the item's order: its element's index and whether it is required.

    >>> import zfgk
    >>> from zfgk.headers import ColumnMatcher
    >>> ColumnMatcher(zfgk.load("chongqing").item(19)).slots[2]
    Slot(field=Field(name='房号', personal=None, masked=False), required=True, element=2)
    """

    field: Field
    required: bool
    element: int


class ColumnMatcher:
    """Which of an item's fields each column name covers (see the module's documentation).

    ``aliases`` maps the caller's column names to fields of the item (or to
    the whole text of a compound element), compared as headers are
    (:func:`column_key`: ``Name`` is ``name``).  One map can serve every
    item of a system: an alias whose target the item lacks is left out (and
    listed in :attr:`unused_aliases`); with ``strict=True`` it raises
    :class:`~zfgk.InvalidArgumentError`.  ``ignore`` names columns that are
    not fields, whatever an alias or a built-in name would say.

    >>> import zfgk
    >>> from zfgk.headers import ColumnMatcher
    >>> aliases = {"户号": "房号", "old_name": "原保障对象姓名"}
    >>> columns = ColumnMatcher(zfgk.load("chongqing").item(19), aliases, ignore=["姓名"])
    >>> columns.match("房号面积套型"), columns.match("户号"), columns.match("备注")
    ((2, 3, 4), (2,), None)
    >>> columns.unused_aliases, columns.match("姓名")
    (('old_name',), None)
    """

    def __init__(
        self,
        item: Item,
        aliases: Mapping[str, str] | None = None,
        *,
        strict: bool = False,
        ignore: Iterable[str] = (),
    ) -> None:
        if not isinstance(item, Item):
            raise TypeError(
                f"item must be a zfgk.Item (catalogue.item(n)), not {type(item).__name__}"
            )
        if aliases is not None and not isinstance(aliases, Mapping):
            raise TypeError(
                f"aliases must be a mapping of your key to the item's field, not {type(aliases).__name__}"
            )
        self.item = item
        #: The keys of the columns that are not fields (``ignore``).
        self.ignored = column_keys(ignore, "ignore")
        #: The item's fields, in order.
        self.slots = tuple(
            Slot(f, element.required, index)
            for index, element in enumerate(item.elements)
            for f in element.fields
        )
        by_key: dict[str, tuple[int, ...]] = {}
        for i, slot in enumerate(self.slots):
            key = column_key(slot.field.name)
            by_key[key] = (*by_key.get(key, ()), i)
        for index, element in enumerate(item.elements):
            covered = tuple(i for i, s in enumerate(self.slots) if s.element == index)
            if len(covered) > 1:
                by_key.setdefault(column_key(element.text), covered)
        for alias, kind in BUILTIN_ALIASES.items():
            of_kind = tuple(i for i, s in enumerate(self.slots) if s.field.personal is kind)
            if len(of_kind) == 1:
                by_key.setdefault(column_key(alias), of_kind)
        unused = []
        targets: dict[str, tuple[str, str]] = {}  # alias key -> (alias, its target's key)
        for alias, target in (aliases or {}).items():
            if not isinstance(alias, str) or not isinstance(target, str):
                raise TypeError("aliases must map key names (strings) to field names (strings)")
            _one_target(targets, alias, target)
            found = self._alias_target(alias, target, by_key, strict=strict)
            if found is None:
                unused.append(alias)
            else:
                by_key[column_key(alias)] = found
        #: The aliases left out because their target is not a field of the item.
        self.unused_aliases = tuple(unused)
        for key in self.ignored:
            by_key.pop(key, None)
        self._by_key = by_key

    def _alias_target(
        self, alias: str, target: str, by_key: Mapping[str, tuple[int, ...]], *, strict: bool
    ) -> tuple[int, ...] | None:
        wanted = column_key(target)
        fields = tuple(i for i, s in enumerate(self.slots) if column_key(s.field.name) == wanted)
        if fields:
            return fields
        element = by_key.get(wanted)
        if element is None and strict:
            raise InvalidArgumentError.of(
                N_(
                    "alias {alias!r} points at {target!r}, which is not a field of item "
                    "{item} ({name}); its fields: {names}"
                ),
                alias=alias,
                target=target,
                item=self.item.number,
                name=self.item.name,
                names="、".join(s.field.name for s in self.slots),
            )
        return element

    def match(self, name: str) -> tuple[int, ...] | None:
        """The indexes in :attr:`slots` of the fields a column name covers, or None."""
        return self._by_key.get(column_key(name))

    def fields_for(self, name: str) -> tuple[Field, ...] | None:
        """The fields a column name covers, or None when it names none of the item's.

        >>> import zfgk
        >>> from zfgk.headers import ColumnMatcher
        >>> columns = ColumnMatcher(zfgk.load("chongqing").item(22))
        >>> [f.name for f in columns.fields_for("身份证号（隐藏部分号码）")]
        ['身份证号']
        >>> columns.fields_for("备注") is None
        True
        """
        found = self.match(name)
        return None if found is None else tuple(self.slots[i].field for i in found)
