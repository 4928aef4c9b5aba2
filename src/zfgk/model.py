"""The data model: catalogues, items, content elements and their fields.

Every class is a frozen, slotted attrs class; collections are tuples and
frozensets.  Closed sets of labels are enums whose values are the labels the
source documents print, so a label read from a spreadsheet converts directly:

>>> from zfgk import Channel, Audience
>>> Channel("政府网站")
<Channel.GOVERNMENT_WEBSITE: '政府网站'>
>>> Channel.GOVERNMENT_WEBSITE.value
'政府网站'
>>> Audience("特定群体").name
'SPECIFIC_GROUPS'

Where the source leaves a value unknown the model says so with ``None``
rather than guessing, and every value zfgk inferred instead of reading it
off the source is listed in :attr:`Item.inferred`.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from zfgk import patterns
from zfgk.errors import AmbiguousItemError, DeadlineUnknownError, UnknownItemError
from zfgk.i18n import N_

__all__ = [
    "COLUMNS",
    "Audience",
    "Calendar",
    "Catalogue",
    "Channel",
    "Element",
    "Field",
    "Inference",
    "Item",
    "Level",
    "Mode",
    "PersonalKind",
    "Source",
    "SourceCell",
    "TimeLimit",
]


class Calendar(Protocol):
    """What a deadline needs of a working-day calendar.

    :class:`zfgk.WorkdayCalendar` is one.  Pass your own (the default
    calendar with a newly published year, say) wherever a method takes
    ``calendar=``:

    >>> import zfgk
    >>> from datetime import date
    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> cal = published.with_year(2027, holidays=[date(2027, 1, 1)])
    >>> zfgk.load("chongqing").item(19).time_limit.deadline(date(2026, 12, 15), calendar=cal)
    datetime.date(2027, 1, 13)
    """

    def deadline(self, start: date, working_days: int = 20) -> date:
        """The ``working_days``-th working day after ``start``."""
        ...  # pragma: no cover


# One slot: the provider installed by set_default_calendar.
_default_calendar: list[Callable[[], Calendar]] = []


def set_default_calendar(provider: Callable[[], Calendar]) -> None:
    """Install the function that supplies the calendar when a caller passes none.

    The model knows no calendar of its own: the calendar lives a layer
    above it, in :mod:`zfgk.workdays`, and the model never imports upward.
    Importing :mod:`zfgk` installs :func:`zfgk.default_calendar` here, so
    ``item.time_limit.deadline(day)`` works out of the box.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.load("chongqing").item(19).time_limit.deadline(date(2026, 9, 28))
    datetime.date(2026, 10, 30)
    """
    _default_calendar[:] = [provider]


def _calendar(calendar: Calendar | None) -> Calendar:
    if calendar is not None:
        return calendar
    if not _default_calendar:  # pragma: no cover - importing zfgk installs one
        raise RuntimeError("no default calendar: import zfgk first, or pass calendar=")
    return _default_calendar[0]()


class PersonalKind(enum.Enum):
    """The kind of personal data a field holds.

    >>> from zfgk import PersonalKind
    >>> PersonalKind("id_number")
    <PersonalKind.ID_NUMBER: 'id_number'>
    """

    NAME = "name"
    """A natural person's name (姓名)."""
    ID_NUMBER = "id_number"
    """A citizen identity number (公民身份号码, 身份证号)."""
    PHONE = "phone"
    """A person's telephone number or other contact details (联系方式)."""
    IDENTIFIER = "identifier"
    """A number that points at one person's file, such as 保障对象编号."""

    @property
    def label(self) -> str:
        """The kind in Chinese, for people.

        >>> from zfgk import PersonalKind
        >>> PersonalKind.ID_NUMBER.label
        '身份证号'
        """
        return _PERSONAL_LABELS[self]


_PERSONAL_LABELS = {
    PersonalKind.NAME: "姓名",
    PersonalKind.ID_NUMBER: "身份证号",
    PersonalKind.PHONE: "电话",
    PersonalKind.IDENTIFIER: "编号",
}


class Channel(enum.Enum):
    """A publication channel (公开渠道和载体), valued by the source's label.

    The two catalogues label their bulletin-board channel differently, and
    both labels are kept as they are:

    >>> from zfgk import Channel
    >>> Channel("社区/企事业单位/村公示栏（电子屏）").name
    'BULLETIN_BOARD'
    >>> Channel("社区/企事业单位公示栏").name
    'COMMUNITY_BULLETIN_BOARD'

    A label that no catalogue uses is refused:

    >>> Channel("微博")
    Traceback (most recent call last):
    ...
    ValueError: '微博' is not a valid Channel
    """

    GOVERNMENT_WEBSITE = "政府网站"
    GOVERNMENT_GAZETTE = "政府公报"
    WECHAT_WEIBO_APP = "两微一端"
    PRESS_CONFERENCE_HEARING = "发布会/听证会"
    RADIO_TV = "广播电视"
    PRINT_MEDIA = "纸质媒体"
    PUBLIC_READING_POINT = "公开查阅点"
    GOVERNMENT_SERVICE_CENTRE = "政务服务中心"
    CONVENIENCE_SERVICE_STATION = "便民服务站"
    DOOR_TO_DOOR_ON_SITE = "入户/现场"
    BULLETIN_BOARD = "社区/企事业单位/村公示栏（电子屏）"
    COMMUNITY_BULLETIN_BOARD = "社区/企事业单位公示栏"
    TARGETED_PUSH = "精准推送"
    OTHER = "其他"


class Audience(enum.Enum):
    """Who the item is published to (公开对象).

    >>> from zfgk import Audience
    >>> Audience("全社会")
    <Audience.PUBLIC: '全社会'>
    """

    PUBLIC = "全社会"
    SPECIFIC_GROUPS = "特定群体"


class Mode(enum.Enum):
    """Whether the item is published on the authority's own initiative (公开方式).

    >>> from zfgk import Mode
    >>> Mode("依申请")
    <Mode.ON_REQUEST: '依申请'>
    """

    ACTIVE = "主动"
    ON_REQUEST = "依申请"


class Level(enum.Enum):
    """The government level that publishes the item (公开层级).

    >>> from zfgk import Level
    >>> [level.value for level in Level]
    ['市级', '县级', '乡级']
    """

    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡级"


_SPACE = re.compile(r"\s+")
_TIME_LIMIT = re.compile(r"\s*(.*?)\s*(\d+)\s*个工作日内\s*", re.S)


def normalize_text(text: str) -> str:
    """Fold a label for matching: NFKC (full-width to half-width), no whitespace.

    >>> from zfgk.model import normalize_text
    >>> normalize_text(" 统一社 会信用代码 ")
    '统一社会信用代码'
    >>> normalize_text("信息形成（变更）") == normalize_text("信息形成(变更)")
    True
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@attrs.frozen
class Field:
    """One publishable field of a content element, e.g. ``身份证号``.

    ``personal`` says which kind of personal data it holds (``None`` when it
    is not personal data); ``masked`` is true where the source demands that it
    be published partly hidden (隐藏部分号码).

    >>> import zfgk
    >>> f = zfgk.load("chongqing").item(22).elements[0].fields[1]
    >>> f.name, f.personal.value, f.masked
    ('身份证号', 'id_number', True)
    """

    name: str
    personal: PersonalKind | None = None
    masked: bool = False

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader must know before publishing the field, in Chinese.

        >>> import zfgk
        >>> zfgk.load("chongqing").item(22).elements[0].fields[1].notes
        ('个人信息·身份证号', '须隐藏部分号码')
        """
        notes = []
        if self.personal is not None:
            notes.append(f"个人信息·{self.personal.label}")
        if self.masked:
            notes.append("须隐藏部分号码")
        return tuple(notes)


@attrs.frozen
class Element:
    """One entry of an item's content list (公开内容), split into fields.

    ``text`` is the source's words for the entry (list number and final
    punctuation removed, everything else verbatim); ``fields`` are the
    publishable values it names.  ``required`` is false only for the
    Shanyin source's ○ entries; ``marker`` keeps that source's ●/○.  ``open``
    marks a list the source closes with 等 ("and so on").  ``inherited_from``
    names the item whose content this one carries when the source gives none
    of its own, and ``note`` explains a split that is a judgement.

    >>> import zfgk
    >>> e = zfgk.load("chongqing").item(19).elements[2]
    >>> e.text, [f.name for f in e.fields]
    ('房号面积套型', ['房号', '面积', '套型'])
    """

    text: str
    fields: tuple[Field, ...]
    required: bool = True
    marker: str | None = None
    open: bool = False
    inherited_from: int | None = None
    note: str | None = None


@attrs.frozen
class TimeLimit:
    """The time limit (公开时限) of an item.

    ``text`` is the source's cell; ``working_days`` the number of working
    days it allows; ``trigger`` the event the count starts from, in the
    source's words (whitespace removed).

    >>> import zfgk
    >>> tl = zfgk.load("chongqing").item(19).time_limit
    >>> tl.working_days, tl.trigger
    (20, '信息获取（形成变更）')
    """

    text: str
    working_days: int
    trigger: str

    @classmethod
    def from_text(cls, text: str) -> TimeLimit:
        """Read a 公开时限 cell: "<trigger> N 个工作日内", spaces anywhere.

        >>> from zfgk import TimeLimit
        >>> TimeLimit.from_text("信息形成 (变更) 20 个工作日内")
        TimeLimit(text='信息形成 (变更) 20 个工作日内', working_days=20, trigger='信息形成(变更)')
        >>> TimeLimit.from_text("及时公开")
        Traceback (most recent call last):
        ...
        ValueError: cannot read the time limit '及时公开': expected the event the count starts from, then "N个工作日内"
        """
        m = _TIME_LIMIT.fullmatch(text)
        if not m:
            raise ValueError(
                f"cannot read the time limit {text!r}: expected the event the count starts "
                'from, then "N个工作日内"'
            )
        return cls(text.strip(), int(m.group(2)), _SPACE.sub("", m.group(1)))

    def deadline(self, formed_on: date, calendar: Calendar | None = None) -> date:
        """The last on-time day for information formed or changed on ``formed_on``.

        The formation day is not counted; see :mod:`zfgk.workdays` for the rule.

        >>> import zfgk
        >>> from datetime import date
        >>> limit = zfgk.load("chongqing").item(19).time_limit
        >>> limit.deadline(date(2026, 9, 28))
        datetime.date(2026, 10, 30)

        A deadline in a year whose official schedule is not known raises
        :class:`~zfgk.CalendarCoverageError` (pass a ``calendar`` that has it):

        >>> last = zfgk.default_calendar().last_year  # the last year chinese-calendar knows
        >>> limit.deadline(date(last, 12, 15))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        zfgk.errors.CalendarCoverageError: the working-day calendar has no official schedule for ...
        """
        return _calendar(calendar).deadline(formed_on, self.working_days)


@attrs.frozen
class Inference:
    """A value zfgk inferred rather than read off the item's own row.

    ``attribute`` names the :class:`Item` attribute; ``from_item`` the item
    whose cell was carried over (for merged cells), if any.

    >>> import zfgk
    >>> inf = zfgk.load("shanyin").item(43).inferred[0]
    >>> inf.attribute, inf.from_item
    ('category', 42)
    """

    attribute: str
    note: str
    from_item: int | None = None


@attrs.frozen
class SourceCell:
    """One cell of the source row, verbatim.

    >>> import zfgk
    >>> zfgk.load("chongqing").item(24).source_cells[2]
    SourceCell(column='二级事项', text='不符合条件\\n退出')
    """

    column: str
    text: str


@attrs.frozen
class Source:
    """Where a catalogue comes from.

    >>> import zfgk
    >>> zfgk.load("chongqing").source.file
    'tools/sources/chongqing.txt'
    """

    title: str
    file: str
    sha256: str
    origin: str


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

    def deadline(self, formed_on: date, calendar: Calendar | None = None) -> date:
        """The last on-time day for this item's information formed or changed on ``formed_on``.

        The day itself is not counted; the item's time limit (公开时限) says
        how many working days follow (see :mod:`zfgk.workdays`).

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
        return self.time_limit.deadline(formed_on, calendar)

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
        return _json_schema(self, schema_id)

    def inferred_attributes(self) -> frozenset[str]:
        """Names of the attributes whose value was inferred, not read off the row.

        >>> import zfgk
        >>> sorted(zfgk.load("shanyin").item(15).inferred_attributes())
        ['audiences', 'basis', 'channels', 'elements', 'levels', 'modes', 'subjects', 'time_limit']
        """
        return frozenset(i.attribute for i in self.inferred)


_JSON_VALUES = ["string", "number", "boolean"]


def _field_schema(item: Item, f: Field, element: Element) -> dict[str, Any]:
    """The schema of one field's value, as :func:`zfgk.validate` judges it."""
    notes = list(f.notes)
    if element.text != f.name:
        notes.insert(0, f"公开内容：{element.text}")
    if not element.required:
        notes.append("可选（○）：可以不填")
    schema: dict[str, Any] = {"title": f.name}
    if f.personal is PersonalKind.ID_NUMBER:
        if f.masked:
            hidden = "须隐藏部分号码：出生日期的 8 位数字须以 * 等字符隐藏"
            notes = [hidden if n == "须隐藏部分号码" else n for n in notes]
            pattern = patterns.MASKED_ID
        else:
            pattern = f"{patterns.MASKED_ID}|{patterns.FULL_ID}"
        notes.append("JSON Schema 只能检查号码的形状，不能检查校验码和出生日期")
        value: dict[str, Any] = {"type": "string", "pattern": patterns.anchored(pattern)}
    elif f.personal is PersonalKind.PHONE:
        pattern = patterns.MASKED_PHONE if f.masked else patterns.PHONE
        value = {"type": "string", "pattern": patterns.anchored(pattern)}
    else:
        value = {"type": _JSON_VALUES, "pattern": patterns.NOT_BLANK}
    if element.required:
        schema.update(value)
    elif "pattern" in value and value["type"] == "string":
        blank = {"type": "string", "pattern": patterns.anchored(patterns.BLANK)}
        schema["anyOf"] = [{"type": "null"}, blank, value]
    else:
        schema["type"] = [*_JSON_VALUES, "null"]
    schema["description"] = "；".join(notes) + "。" if notes else f"{f.name}。"
    return schema


def _json_schema(item: Item, schema_id: str | None) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for element in item.elements:
        for f in element.fields:
            properties[f.name] = _field_schema(item, f, element)
            if element.required and f.name not in required:
                required.append(f.name)
    description = [f"{item.category} / {item.name}（第 {item.number} 项）"]
    if item.basis:
        description.append("公开依据：" + "、".join(item.basis))
    if item.time_limit is not None:
        description.append(f"公开时限：{item.time_limit.text}")
    if item.subjects:
        description.append("公开主体：" + "、".join(item.subjects))
    description.append(
        "zfgk.validate 还会在每个字段中查找完整的身份证号（含校验码和出生日期的判断），"
        "并接受复合列名（如 房号面积套型）和别名；JSON Schema 不能表达这些。"
    )
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if schema_id is not None:
        schema["$id"] = schema_id
    schema.update(
        {
            "title": f"{item.name}（第 {item.number} 项）",
            "description": "\n".join(description),
            "type": "object",
            "required": required,
            "properties": properties,
            "additionalProperties": True,
        }
    )
    return schema


def _ranges(numbers: tuple[int, ...]) -> str:
    """Format sorted numbers as ranges: ``3–21, 41–43``."""
    parts: list[str] = []
    start = prev = None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:  # type: ignore[operator]
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


@attrs.frozen(repr=False)
class Catalogue:
    """A disclosure standard catalogue: its items, in the source's order.

    ``complete`` is false for a source that gives only part of its table;
    ``total`` is the number of items the full table has, so
    :attr:`missing_numbers` tells which ones are absent.

    >>> import zfgk
    >>> cat = zfgk.load("shanyin")
    >>> len(cat), cat.complete, cat.total
    (22, False, 43)
    >>> cat.coverage
    '3–21, 41–43'
    """

    name: str
    title: str
    region: str
    source: Source
    complete: bool
    total: int
    items: tuple[Item, ...]
    categories: tuple[str, ...]
    notes: tuple[str, ...] = ()
    _by_number: dict[int, Item] = attrs.field(
        init=False, repr=False, eq=False, hash=False, alias="_by_number"
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_number", {i.number: i for i in self.items})

    def __repr__(self) -> str:
        return f"<Catalogue {self.name!r}: {self.title}, {len(self.items)} items>"

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, int):
            return key in self._by_number
        if isinstance(key, Item):
            return self._by_number.get(key.number) == key
        return False

    @property
    def numbers(self) -> tuple[int, ...]:
        """The item numbers this catalogue holds.

        >>> import zfgk
        >>> zfgk.load("chongqing").numbers[:3]
        (1, 2, 3)
        """
        return tuple(i.number for i in self.items)

    @property
    def missing_numbers(self) -> tuple[int, ...]:
        """Numbers of the full table that this (partial) catalogue lacks.

        >>> import zfgk
        >>> zfgk.load("shanyin").missing_numbers[:4]
        (1, 2, 22, 23)
        >>> zfgk.load("chongqing").missing_numbers
        ()
        """
        return tuple(n for n in range(1, self.total + 1) if n not in self._by_number)

    @property
    def coverage(self) -> str:
        """The item numbers held, as ranges.

        >>> import zfgk
        >>> zfgk.load("chongqing").coverage
        '1–43'
        """
        return _ranges(tuple(sorted(self._by_number)))

    def item(self, key: int | str, *, category: str | None = None) -> Item:
        """Look an item up by number or by name (二级事项).

        A name is matched ignoring whitespace and full-/half-width
        differences; a string of digits is taken as a number.  Where a name
        belongs to several items, ``category`` (一级事项) picks one.

        >>> import zfgk
        >>> cat = zfgk.load("chongqing")
        >>> cat.item(19).name
        '分配结果'
        >>> cat.item("分配结果").number
        19
        >>> cat.item("自愿退出", category="办事指南").number
        38

        Raises :class:`~zfgk.UnknownItemError` for an unknown number or
        name, and :class:`~zfgk.AmbiguousItemError` for a name that names
        several items:

        >>> zfgk.load("shanyin").item(25)
        Traceback (most recent call last):
        ...
        zfgk.errors.UnknownItemError: item 25 is not in the shanyin catalogue: its source is partial and gives only items 3–21, 41–43
        """
        if isinstance(key, bool) or not isinstance(key, (int, str)):
            raise TypeError(f"an item key is a number or a name, not {type(key).__name__}")
        if isinstance(key, str) and key.strip().isdecimal():
            key = int(key.strip())
        if isinstance(key, int):
            return self._item_by_number(key, category)
        return self._item_by_name(key, category)

    def search(self, query: str = "", *, basis: str | None = None) -> tuple[Item, ...]:
        """Items whose name, category, content, legal basis or publishing body contains ``query``.

        Whitespace and full-/half-width differences are ignored; an empty
        query matches every item.

        >>> import zfgk
        >>> cat = zfgk.load("chongqing")
        >>> [i.number for i in cat.search("退出")]
        [22, 23, 24, 25, 38]
        >>> len(cat.search("政府信息公开条例"))   # cited in 公开依据
        16

        ``basis`` keeps only the items that cite a matching document:

        >>> [i.number for i in cat.search(basis="2019年政务公开工作要点")]
        [7, 42]
        >>> [i.number for i in cat.search("身份证号", basis="公共租赁住房管理办法")]
        [14, 15, 16, 21, 22, 23, 24, 25, 26, 27, 28, 31]
        """
        wanted = normalize_text(query)
        cited = normalize_text(basis) if basis is not None else ""
        return tuple(
            item
            for item in self.items
            if (not wanted or wanted in _haystack(item))
            and (not cited or any(cited in normalize_text(b) for b in item.basis))
        )

    # ------------------------------------------------------------ lookup

    def _item_by_number(self, number: int, category: str | None) -> Item:
        item = self._by_number.get(number)
        if item is None:
            if not self.complete and 1 <= number <= self.total:
                raise UnknownItemError.of(
                    N_(
                        "item {number} is not in the {catalogue} catalogue: its source is partial "
                        "and gives only items {coverage}"
                    ),
                    number=number,
                    catalogue=self.name,
                    coverage=self.coverage,
                )
            raise UnknownItemError.of(
                N_("no item {number} in the {catalogue} catalogue: it has items {coverage}"),
                number=number,
                catalogue=self.name,
                coverage=self.coverage,
            )
        if category is not None and normalize_text(category) != normalize_text(item.category):
            raise UnknownItemError.of(
                N_(
                    "item {number} of the {catalogue} catalogue is in category {actual}, not {category}"
                ),
                number=number,
                catalogue=self.name,
                actual=item.category,
                category=category,
            )
        return item

    def _item_by_name(self, name: str, category: str | None) -> Item:
        wanted = normalize_text(name)
        matches = [i for i in self.items if normalize_text(i.name) == wanted]
        if category is not None and matches:
            in_category = [
                i for i in matches if normalize_text(i.category) == normalize_text(category)
            ]
            if not in_category:
                where = ", ".join(f"{i.number} ({i.category})" for i in matches)
                raise UnknownItemError.of(
                    N_(
                        "no item named {name!r} in category {category} of the {catalogue} "
                        "catalogue; items of that name: {where}"
                    ),
                    name=name,
                    category=category,
                    catalogue=self.name,
                    where=where,
                )
            matches = in_category
        if len(matches) == 1:
            return matches[0]
        if matches:
            where = ", ".join(f"{i.number} ({i.category})" for i in matches)
            raise AmbiguousItemError.of(
                N_(
                    "{name!r} names {count} items in the {catalogue} catalogue: {where}; pass "
                    "category= to choose one"
                ),
                tuple(i.number for i in matches),
                name=name,
                count=len(matches),
                catalogue=self.name,
                where=where,
            )
        names = list(dict.fromkeys(normalize_text(i.name) for i in self.items))
        close = close_matches(wanted, names, cutoff=0.5)
        if not close:
            close = [n for n in names if wanted and (wanted in n or n in wanted)][:3]
        if close and not self.complete:
            template = N_(
                "no item named {name!r} in the {catalogue} catalogue; did you mean {close}? "
                "(its source is partial: items {coverage} only)"
            )
        elif close:
            template = N_(
                "no item named {name!r} in the {catalogue} catalogue; did you mean {close}?"
            )
        elif not self.complete:
            template = N_(
                "no item named {name!r} in the {catalogue} catalogue "
                "(its source is partial: items {coverage} only)"
            )
        else:
            template = N_("no item named {name!r} in the {catalogue} catalogue")
        raise UnknownItemError.of(
            template,
            name=name,
            catalogue=self.name,
            close=" or ".join(close),
            coverage=self.coverage,
        )


def close_matches(word: str, candidates: list[str], cutoff: float) -> list[str]:
    """Up to three candidates that look like ``word``, best first (for "did you mean").

    >>> from zfgk.model import close_matches
    >>> close_matches("分配结构", ["分配结果", "房源信息"], cutoff=0.5)
    ['分配结果']
    """
    import difflib  # only on error paths: it costs import time

    return difflib.get_close_matches(word, candidates, n=3, cutoff=cutoff)


def _haystack(item: Item) -> str:
    parts = [item.name, item.category, *item.basis, *(item.subjects or ())]
    for element in item.elements:
        parts.append(element.text)
        parts.extend(f.name for f in element.fields)
    return "\x00".join(normalize_text(p) for p in parts)
