"""The closed sets of labels: personal-data kinds and the source tables' tick-box columns.

Each enum is valued by the label the source documents print, and
:func:`parse_labels` is the one reader of those labels, for every caller
(catalogue sheets, the build tool, publication logs).
"""

from __future__ import annotations

import enum
import re
from typing import NoReturn, TypeVar

from zfgk._arguments import quiet
from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_


class _Labelled(enum.Enum):
    """An enum made from its label: a label it lacks is an InvalidArgumentError, a non-str a TypeError."""

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        if not isinstance(value, str):
            raise TypeError(f"{cls.__name__}() takes a label, a str, not {type(value).__name__}")
        raise InvalidArgumentError.of(
            N_("unknown {kind} label {label!r} (known: {known})"),
            kind=cls.__name__.lower(),
            label=quiet(value),
            known="、".join(m.value for m in cls),
        )


class PersonalKind(_Labelled):
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


class Channel(_Labelled):
    """A publication channel (公开渠道和载体), valued by the source's label.

    The two catalogues label their bulletin-board channel differently, and
    both labels are kept as they are:

    >>> from zfgk import Channel
    >>> Channel("社区/企事业单位/村公示栏（电子屏）").name
    'BULLETIN_BOARD'
    >>> Channel("社区/企事业单位公示栏").name
    'COMMUNITY_BULLETIN_BOARD'

    A label that no catalogue uses is refused:

    >>> Channel("微博")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: unknown channel label '微博' (known: 政府网站、政府公报、...)
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


class Audience(_Labelled):
    """Who the item is published to (公开对象).

    >>> from zfgk import Audience
    >>> Audience("全社会")
    <Audience.PUBLIC: '全社会'>
    """

    PUBLIC = "全社会"
    SPECIFIC_GROUPS = "特定群体"


class Mode(_Labelled):
    """Whether the item is published on the authority's own initiative (公开方式).

    >>> from zfgk import Mode
    >>> Mode("依申请")
    <Mode.ON_REQUEST: '依申请'>
    """

    ACTIVE = "主动"
    ON_REQUEST = "依申请"


class Level(_Labelled):
    """The government level that publishes the item (公开层级).

    >>> from zfgk import Level
    >>> [level.value for level in Level]
    ['市级', '县级', '乡级']
    """

    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡级"


#: A label set of the catalogue's tick-box columns.
LabelKind = TypeVar("LabelKind", Audience, Mode, Level, Channel)

#: What separates labels written in one cell: 、 , ; (either width), whitespace, line breaks.
LABEL_SEPARATORS = re.compile(r"[、,，;；\s]+")
#: The tick boxes a source or an officer writes before a label.
_BOXES = "■□"


def parse_label(kind: type[LabelKind], label: str) -> LabelKind:
    """The member of ``kind`` whose label ``label`` is, tick box and whitespace removed.

    >>> from zfgk.model import Channel, parse_label
    >>> parse_label(Channel, " ■政府网站")
    <Channel.GOVERNMENT_WEBSITE: '政府网站'>
    >>> parse_label(Channel, "微博")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: unknown channel label '微博' (known: 政府网站、政府公报、...)
    """
    if not isinstance(label, str):
        raise TypeError(f"label must be a str, not {type(label).__name__}")
    return kind(label.strip().lstrip(_BOXES).strip())  # an unknown label: InvalidArgumentError


def parse_labels(kind: type[LabelKind], text: str) -> frozenset[LabelKind]:
    """The members of ``kind`` a cell lists, separated by :data:`LABEL_SEPARATORS`.

    >>> from zfgk.model import Level, parse_labels
    >>> parse_labels(Level, "县级、乡级") == {Level.COUNTY, Level.TOWNSHIP}
    True
    >>> parse_labels(Level, "")
    frozenset()
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return frozenset(parse_label(kind, part) for part in LABEL_SEPARATORS.split(text) if part)
