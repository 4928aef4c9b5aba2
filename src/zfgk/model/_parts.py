"""The parts of an item: its content elements and fields, time limit, provenance."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Protocol

import attrs

from zfgk.i18n import Message
from zfgk.model._labels import PersonalKind
from zfgk.model._note import Note


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


_Day = date  # ProvisionalDate.date hides the name date in its own body


class ProvisionalDate(Protocol):
    """What a deadline counted past the known schedule says: :class:`zfgk.Deadline` is one.

    ``provisional`` is true when the count assumed the statutory holidays
    of ``assumed_years``, whose schedule is not published; ``note`` says so
    in Chinese.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.load("chongqing").item(19).provisional_deadline(date(2026, 9, 28)).provisional
    False
    """

    @property
    def date(self) -> _Day:
        """The deadline."""
        ...  # pragma: no cover

    @property
    def provisional(self) -> bool:
        """Whether it rests on assumed years."""
        ...  # pragma: no cover

    @property
    def assumed_years(self) -> tuple[int, ...]:
        """The years whose schedule was assumed."""
        ...  # pragma: no cover

    @property
    def note(self) -> str:
        """What the date rests on, in Chinese."""
        ...  # pragma: no cover

    @property
    def explanation(self) -> Message:
        """What the date rests on, to say in the reader's language."""
        ...  # pragma: no cover


#: How a provisional deadline is counted: (start, working days, calendar or None).
ProvisionalCounter = Callable[[date, int, "Calendar | None"], ProvisionalDate]


@attrs.define
class _DefaultCalendar:
    """The providers installed by :func:`set_default_calendar` and :func:`set_provisional_counter`."""

    provider: Callable[[], Calendar] | None = None
    provisional: ProvisionalCounter | None = None


_DEFAULT_CALENDAR = _DefaultCalendar()


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
    _DEFAULT_CALENDAR.provider = provider


def set_provisional_counter(counter: ProvisionalCounter) -> None:
    """Install the function that counts a provisional deadline (:func:`zfgk.provisional_deadline`).

    Like :func:`set_default_calendar`: importing :mod:`zfgk` installs it, so
    that ``item.provisional_deadline(day)`` works out of the box.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.load("chongqing").item(19).provisional_deadline(date(2026, 9, 28)).date
    datetime.date(2026, 10, 30)
    """
    _DEFAULT_CALENDAR.provisional = counter


def _provisional(start: date, working_days: int, calendar: Calendar | None) -> ProvisionalDate:
    counter = _DEFAULT_CALENDAR.provisional
    if counter is None:  # pragma: no cover - importing zfgk installs one
        raise RuntimeError("no provisional deadlines: import zfgk first")
    return counter(start, working_days, calendar)


def _calendar(calendar: Calendar | None) -> Calendar:
    if calendar is not None:
        return calendar
    if _DEFAULT_CALENDAR.provider is None:  # pragma: no cover - importing zfgk installs one
        raise RuntimeError("no default calendar: import zfgk first, or pass calendar=")
    return _DEFAULT_CALENDAR.provider()


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
    of its own, and ``notes`` explain a split that is a judgement (each a
    :class:`Note`, said in any language).

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
    notes: tuple[Note, ...] = ()

    @property
    def note(self) -> str | None:
        """The notes in English, joined; ``None`` when there are none.

        >>> import zfgk
        >>> print(zfgk.load("chongqing").item(19).elements[2].note)
        房号面积套型 is read as 3 fields (房号、面积、套型): a judgement, the source writes them without a separator
        """
        return "; ".join(n.text for n in self.notes) or None


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

    def provisional_deadline(
        self, formed_on: date, calendar: Calendar | None = None
    ) -> ProvisionalDate:
        """:meth:`deadline`, or past the known schedule a date marked provisional.

        Where the count reaches a year whose holiday schedule is not
        published, its statutory holidays are assumed (see
        :func:`zfgk.provisional_deadline`); the answer says so.  Within the
        known years it is :meth:`deadline`'s date, not provisional.

        >>> import zfgk
        >>> from datetime import date
        >>> limit = zfgk.load("chongqing").item(19).time_limit
        >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
        >>> d = limit.provisional_deadline(date(2026, 12, 15), published)
        >>> d.date, d.provisional, d.assumed_years
        (datetime.date(2027, 1, 13), True, (2027,))
        """
        return _provisional(formed_on, self.working_days, calendar)


@attrs.frozen
class Inference:
    """A value zfgk inferred rather than read off the item's own row.

    ``attribute`` names the :class:`Item` attribute; ``note`` says why, as a
    :class:`Note` (``note.text`` in English, ``note.localized("zh")`` in
    Chinese); ``from_item`` the item whose cell was carried over (for merged
    cells), if any.

    >>> import zfgk
    >>> inf = zfgk.load("shanyin").item(43).inferred[0]
    >>> inf.attribute, inf.from_item
    ('category', 42)
    >>> inf.note.localized("zh")
    '来源中一级事项为空；视为延续第 42 项的合并单元格'
    """

    attribute: str
    note: Note
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
