"""The parts of an item: its content elements and fields, time limit, provenance."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Protocol

import attrs

from zfgk._deprecated import deprecated_arguments
from zfgk.model._labels import PersonalKind
from zfgk.model._note import Note
from zfgk.model._repr import attrs_repr

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

    from zfgk.workdays import Deadline, WorkdayCalendar


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

    Where a method is given none, it counts on :func:`zfgk.default_calendar`.
    """

    def deadline(self, start: date, working_days: int = 20) -> date:
        """The ``working_days``-th working day after ``start``."""
        ...  # pragma: no cover


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

    __repr__ = attrs_repr

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

    __repr__ = attrs_repr

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

    __repr__ = attrs_repr

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

    @deprecated_arguments(renamed={"formed_on": "start"}, positional=("calendar",))
    def deadline(self, start: date, *, calendar: Calendar | None = None) -> date:
        """The last on-time day for information formed, changed or obtained on ``start``.

        ``start`` is not counted; see :mod:`zfgk.workdays` for the rule.
        ``calendar`` is :func:`zfgk.default_calendar` unless given.

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
        if calendar is None:
            from zfgk.workdays import default_calendar

            calendar = default_calendar()
        return calendar.deadline(start, self.working_days)

    @deprecated_arguments(renamed={"formed_on": "start"}, positional=("calendar",))
    def provisional_deadline(
        self, start: date, *, calendar: WorkdayCalendar | None = None
    ) -> Deadline:
        """:meth:`deadline`, or past the known schedule a date marked provisional.

        Where the count reaches a year whose holiday schedule is not
        published, its statutory holidays are assumed (see
        :func:`zfgk.provisional_deadline`); the answer says so.  Within the
        known years it is :meth:`deadline`'s date, not provisional.

        >>> import zfgk
        >>> from datetime import date
        >>> limit = zfgk.load("chongqing").item(19).time_limit
        >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
        >>> d = limit.provisional_deadline(date(2026, 12, 15), calendar=published)
        >>> d.date, d.provisional, d.assumed_years
        (datetime.date(2027, 1, 13), True, (2027,))
        """
        from zfgk.workdays import provisional_deadline

        return provisional_deadline(start, self.working_days, calendar=calendar)


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

    __repr__ = attrs_repr

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

    __repr__ = attrs_repr

    column: str
    text: str


@attrs.frozen
class Source:
    """Where a catalogue comes from.

    >>> import zfgk
    >>> zfgk.load("chongqing").source.file
    'tools/sources/chongqing.txt'
    """

    __repr__ = attrs_repr

    title: str
    file: str
    sha256: str
    origin: str
