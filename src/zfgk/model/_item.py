"""One disclosure item (二级事项) and the source table's columns it holds."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from zfgk._deprecated import deprecated_arguments
from zfgk.errors import DeadlineUnknownError
from zfgk.i18n import N_
from zfgk.model._json_schema import item_schema
from zfgk.model._labels import Audience, Channel, Level, Mode
from zfgk.model._parts import (
    Calendar,
    Element,
    Field,
    Inference,
    SourceCell,
    TimeLimit,
)
from zfgk.model._repr import attrs_repr

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

    from zfgk.workdays import Deadline, WorkdayCalendar

#: The item attributes that hold the source table's columns, in its order,
#: each with its column's name.
COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "category": "一级事项",
        "name": "二级事项",
        "elements": "公开内容",
        "basis": "公开依据",
        "time_limit": "公开时限",
        "subjects": "公开主体",
        "channels": "公开渠道和载体",
        "audiences": "公开对象",
        "modes": "公开方式",
        "levels": "公开层级",
    }
)


@attrs.frozen
class Item:
    """One disclosure item (二级事项) of a catalogue.

    ``basis`` holds the legal bases (公开依据), one per entry; ``subjects``
    the publishing bodies (公开主体).  ``time_limit``, ``subjects``,
    ``channels``, ``audiences``, ``modes`` and ``levels`` are ``None`` where
    the source gives no value; the sets are empty where it gives a row with
    nothing ticked.

    >>> import zfgk
    >>> item = zfgk.load("chongqing").item(19)
    >>> item.number, item.category, item.name
    (19, '配给管理', '分配结果')
    >>> sorted(c.value for c in item.channels)
    ['两微一端', '政府网站']
    """

    __repr__ = attrs_repr

    number: int
    category: str
    name: str
    elements: tuple[Element, ...]
    basis: tuple[str, ...]
    time_limit: TimeLimit | None
    subjects: tuple[str, ...] | None
    channels: frozenset[Channel] | None
    audiences: frozenset[Audience] | None
    modes: frozenset[Mode] | None
    levels: frozenset[Level] | None
    inferred: tuple[Inference, ...] = attrs.field(default=(), repr=False)
    source_line: int | None = attrs.field(default=None, repr=False)
    source_cells: tuple[SourceCell, ...] = attrs.field(default=(), repr=False)

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field of every element, in order.

        >>> import zfgk
        >>> [f.name for f in zfgk.load("chongqing").item(19).fields]
        ['保障对象姓名', '保障性住房类型', '房号', '面积', '套型', '所在建设项目名称']
        """
        return tuple(f for e in self.elements for f in e.fields)

    @property
    def personal_fields(self) -> tuple[Field, ...]:
        """The fields that hold personal data.

        >>> import zfgk
        >>> [f.name for f in zfgk.load("chongqing").item(22).personal_fields]
        ['原保障对象姓名', '身份证号']
        """
        return tuple(f for f in self.fields if f.personal is not None)

    @deprecated_arguments(renamed={"formed_on": "start"}, positional=("calendar",))
    def deadline(self, start: date, *, calendar: Calendar | None = None) -> date:
        """The last on-time day for this item's information formed or changed on ``start``.

        ``start`` is the day the item's time limit (公开时限) counts from (its
        words: 信息形成（变更）, 信息获取（形成变更）); it is not counted, and the
        time limit says how many working days follow (see
        :mod:`zfgk.workdays`).  ``calendar`` is :func:`zfgk.default_calendar`
        unless given.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.load("chongqing").item(19).deadline(date(2026, 9, 28))
        datetime.date(2026, 10, 30)

        An item whose source gives no time limit has no deadline, and says so
        with :class:`~zfgk.DeadlineUnknownError`:

        >>> zfgk.load("shanyin").item(41).deadline(date(2026, 9, 28))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        zfgk.errors.DeadlineUnknownError: item 41 (互动回应) has no time limit (公开时限) in its source, so it has no deadline; ...
        """
        return self._time_limit().deadline(start, calendar=calendar)

    @deprecated_arguments(renamed={"formed_on": "start"}, positional=("calendar",))
    def provisional_deadline(
        self, start: date, *, calendar: WorkdayCalendar | None = None
    ) -> Deadline:
        """:meth:`deadline`, or where the count passes the known schedule, a provisional date.

        The answer (a :class:`zfgk.Deadline`) says whether it is
        provisional and what it assumed (:attr:`~zfgk.Deadline.note`); see
        :func:`zfgk.provisional_deadline`.  Within the known years it is
        :meth:`deadline`'s date.

        >>> import zfgk
        >>> from datetime import date
        >>> item = zfgk.load("chongqing").item(19)
        >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
        >>> d = item.provisional_deadline(date(2026, 12, 4), calendar=published)
        >>> d.date, d.provisional
        (datetime.date(2027, 1, 4), True)
        >>> print(d.note)
        暂定：2027年的节假日安排尚未公布，按法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）推算，未计调休上班日；公布后须重新计算。
        """
        return self._time_limit().provisional_deadline(start, calendar=calendar)

    def _time_limit(self) -> TimeLimit:
        """The item's time limit, or DeadlineUnknownError where its source gives none."""
        if self.time_limit is None:
            raise DeadlineUnknownError.of(
                N_(
                    "item {number} ({name}) has no time limit (公开时限) in its source, so it has "
                    "no deadline; ask the publishing body, or count a number of working days you "
                    "choose with zfgk.deadline(date, days)"
                ),
                self.number,
                number=self.number,
                name=self.name,
            )
        return self.time_limit

    def json_schema(self, *, schema_id: str | None = None) -> dict[str, Any]:
        """A JSON Schema (Draft 2020-12) for this item's records, keyed by its field names.

        A record passes it exactly when :func:`zfgk.validate` finds it
        ``ok``, for records that use the item's own field names and hold
        strings (see "What zfgk knows beyond the schema" in the
        documentation): the required fields (all but Shanyin's ○ ones) must
        be there and not blank, and a field the catalogue requires masked
        must hold a masked value.  Titles and descriptions carry the
        catalogue's Chinese names and notes, for form builders.  The
        patterns are those zfgk validates with (:mod:`zfgk.patterns`),
        readable by Python and by JavaScript validators alike.

        >>> import json, zfgk
        >>> schema = zfgk.load("chongqing").item(22).json_schema(schema_id="urn:zfgk:chongqing:item:22")
        >>> schema["$schema"], schema["required"][:2]
        ('https://json-schema.org/draft/2020-12/schema', ['原保障对象姓名', '身份证号'])
        >>> print(schema["properties"]["身份证号"]["description"].replace("；", "\\n"))
        公开内容：原保障对象姓名、身份证号（隐藏部分号码）
        个人信息·身份证号
        须隐藏部分号码：出生日期的 8 位数字须以 * 等字符隐藏
        JSON Schema 只能检查号码的形状，不能检查校验码和出生日期。

        With the jsonschema package:

        >>> import jsonschema
        >>> validator = jsonschema.Draft202012Validator(schema)
        >>> record = {"原保障对象姓名": "张*", "身份证号": "110105********002X",
        ...           "原租购项目名称": "民心佳园", "地址": "渝北区", "类型": "公租房",
        ...           "套型": "一室一厅", "面积": "45.6", "原享受补贴面积标准": "60"}
        >>> validator.is_valid(record), zfgk.validate(zfgk.load("chongqing").item(22), record).ok
        (True, True)
        >>> validator.is_valid({**record, "身份证号": "11010519491231002X"})
        False
        """
        if schema_id is not None and not isinstance(schema_id, str):
            raise TypeError(f"schema_id must be a str or None, not {type(schema_id).__name__}")
        return item_schema(self, schema_id)

    def inferred_attributes(self) -> frozenset[str]:
        """Names of the attributes whose value was inferred, not read off the row.

        >>> import zfgk
        >>> sorted(zfgk.load("shanyin").item(15).inferred_attributes())
        ['audiences', 'basis', 'channels', 'elements', 'levels', 'modes', 'subjects', 'time_limit']
        """
        return frozenset(i.attribute for i in self.inferred)
