"""The exceptions zfgk raises.

Every error derives from :class:`ZfgkError`, and each subclass also derives
from the builtin exception it refines, so callers can catch either:

>>> import zfgk
>>> issubclass(zfgk.UnknownItemError, LookupError)
True
>>> issubclass(zfgk.CatalogueError, ValueError)
True

Messages say what was wrong and what to do about it.  They never contain the
personal data they are about.
"""

from __future__ import annotations

from typing import Any, Self

from zfgk._deprecated import deprecated_arguments
from zfgk.i18n import N_

__all__ = [
    "AmbiguousItemError",
    "CalendarCoverageError",
    "CatalogueError",
    "DeadlineUnknownError",
    "DocumentError",
    "HolidayFileError",
    "InputError",
    "InvalidArgumentError",
    "InvalidIdError",
    "InvalidUrlError",
    "MaskUnsupportedError",
    "MissingExtraError",
    "OutputError",
    "PrivacyError",
    "ScheduleNotPublishedError",
    "UnknownCatalogueError",
    "UnknownItemError",
    "ZfgkError",
]


class ZfgkError(Exception):
    """Base class of every error raised by zfgk.

    The message (``str(error)``) is in English, as Python's are;
    :meth:`localized` says it in Chinese for the command line.

    >>> import zfgk
    >>> try:
    ...     zfgk.load("atlantis")
    ... except zfgk.ZfgkError as e:
    ...     print(type(e).__name__, "|", e.localized("zh"))
    UnknownCatalogueError | 没有名为 'atlantis' 的内置目录（已有：chongqing, shanyin）；要使用自己的目录，请调用 zfgk.load_file(path)
    """

    #: The English template of the message, and the values that fill it.
    template: str | None = None
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, /, *args: Any, **params: Any) -> Self:
        """The error whose message is ``template`` filled with ``params``; ``args`` follow it."""
        error = cls(template.format(**params), *args)
        error.template = template
        error.params = tuple(params.items())
        return error

    @classmethod
    def like(cls, error: ZfgkError, /, *args: Any) -> Self:
        """An error of this class saying what ``error`` says, in every language."""
        new = cls(str(error), *args)
        new.template, new.params = error.template, error.params
        return new

    def as_message(self) -> Any:
        """The message as a value another message can hold (:class:`zfgk.i18n.Message`)."""
        if self.template is None:
            return str(self)
        from zfgk.i18n import Message

        return Message(self.template, **dict(self.params))

    @deprecated_arguments(renamed={"language": "lang"})
    def localized(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        if self.template is None or lang == "en":
            return str(self)
        from zfgk.i18n import fill  # on the command line's error path only

        return fill(self.template, dict(self.params), lang)


class InvalidArgumentError(ZfgkError, ValueError):
    """An argument zfgk cannot use: a date range backwards, a schedule that cannot be right …

    >>> import zfgk
    >>> from datetime import date
    >>> try:
    ...     zfgk.deadline(date(2026, 10, 10), -1)
    ... except ValueError as e:
    ...     print(type(e).__name__, "|", e)
    InvalidArgumentError | working_days must not be negative (given -1)
    """


class InputError(ZfgkError, ValueError):
    """An input file cannot be read: missing, undecodable, or malformed; the message says where.

    >>> import pathlib, tempfile
    >>> from zfgk.errors import InputError
    >>> from zfgk.tables import read_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.csv"
    >>> _ = path.write_bytes(b"")
    >>> try:
    ...     read_table(path)
    ... except InputError as e:
    ...     print(str(e).endswith("名单.csv: the file is empty"))
    True
    """


class OutputError(ZfgkError, OSError):
    """An output file or folder cannot be written; the message says which and why.

    Nothing is left behind: the file it would have replaced is untouched.

    >>> import pathlib, tempfile
    >>> from zfgk.errors import OutputError
    >>> from zfgk.tables import atomic_output
    >>> missing = pathlib.Path(tempfile.mkdtemp()) / "no such folder" / "out.csv"
    >>> try:
    ...     with atomic_output(missing, "utf-8") as f:
    ...         _ = f.write("x")
    ... except OutputError as e:
    ...     print(isinstance(e, OSError), "cannot write the file" in str(e))
    True True
    """


class CatalogueError(ZfgkError, ValueError):
    """A catalogue file is broken: unreadable, not JSON, or not in zfgk's format.

    The message names the file and the place inside it (a JSON path such as
    ``$.items[3].channels[0]``).

    >>> import zfgk
    >>> import json, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
    >>> _ = path.write_text("{not json", encoding="utf-8")
    >>> try:
    ...     zfgk.load_file(path)
    ... except zfgk.CatalogueError as e:
    ...     print(str(e).split(": ", 1)[1])
    not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)
    """


class UnknownCatalogueError(ZfgkError, LookupError):
    """There is no packaged catalogue of that name.

    >>> import zfgk
    >>> try:
    ...     zfgk.load("chongqin")
    ... except zfgk.UnknownCatalogueError as e:
    ...     print(e)
    no packaged catalogue named 'chongqin'; did you mean 'chongqing'? (known: chongqing, shanyin)
    """


class UnknownItemError(ZfgkError, LookupError):
    """A catalogue has no item of that number or name.

    >>> import zfgk
    >>> cat = zfgk.load("chongqing")
    >>> try:
    ...     cat.item("分配结构")
    ... except zfgk.UnknownItemError as e:
    ...     print(e)
    no item named '分配结构' in the chongqing catalogue; did you mean 分配结果?
    """


class AmbiguousItemError(UnknownItemError):
    """A name matches more than one item; pass ``category=`` to choose.

    It derives from :class:`UnknownItemError`, so code that handles "no such
    item" also handles "no single such item".

    >>> import zfgk
    >>> try:
    ...     zfgk.load("chongqing").item("自愿退出")
    ... except zfgk.AmbiguousItemError as e:
    ...     print(e)
    ...     print(e.candidates)
    '自愿退出' names 2 items in the chongqing catalogue: 22 (配后管理), 38 (办事指南); pass category= to choose one
    (22, 38)
    """

    def __init__(self, message: str, candidates: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class CalendarCoverageError(ZfgkError, LookupError):
    """A date lies outside the years whose official schedule the calendar knows.

    ``year`` is the first missing year the question needed; ``first`` and
    ``last`` the years the calendar knows.  The message tells a program
    what to do; the commands that count working days (``zfgk due``,
    ``zfgk calendar``, ``zfgk audit``) say it as commands instead.

    >>> import zfgk
    >>> from datetime import date
    >>> last = zfgk.default_calendar().last_year  # the last year chinese-calendar knows
    >>> try:
    ...     zfgk.is_workday(date(last + 1, 1, 4))
    ... except zfgk.CalendarCoverageError as e:
    ...     print(e.year == last + 1)
    True
    """

    def __init__(self, year: int, first: int, last: int) -> None:
        self.year = year
        self.first = first
        self.last = last
        if year > last:
            template = N_(
                "the working-day calendar has no official schedule for {year} (it covers "
                "{first}–{last}); once the State Council publishes the {year} schedule, add its "
                "holiday-cn file {year}.json: pass calendar=default_calendar().with_holidays("
                "['{year}.json']), or name the file (or its folder) in ZFGK_HOLIDAYS; or upgrade "
                "chinese-calendar once it ships that year. Until then provisional_deadline(), "
                "provisional_request_deadline() and Item.provisional_deadline() give a date "
                "marked provisional"
            )
        else:
            template = N_(
                "the working-day calendar has no official schedule for {year} (it covers "
                "{first}–{last}); dates before {first} are not supported"
            )
        self.template = template
        self.params = (("year", year), ("first", first), ("last", last))
        super().__init__(template.format(year=year, first=first, last=last))


class HolidayFileError(ZfgkError, ValueError):
    """A holiday schedule file (holiday-cn format) that cannot be used; ``path`` names it.

    The message names the file and the place inside it.  A bad file is
    never skipped: a calendar built without it would count its days wrong.

    >>> import zfgk
    >>> try:
    ...     zfgk.WorkdayCalendar.from_holiday_cn({"year": 2027, "days": [{"date": "2027-13-01"}]})
    ... except zfgk.HolidayFileError as e:
    ...     print(e)
    holiday-cn data: days[0]: expected {"name", "date": "YYYY-MM-DD", "isOffDay": true or false}
    """

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class ScheduleNotPublishedError(HolidayFileError):
    """A year file that lists no days: that year's schedule has not been published.

    The holiday-cn project publishes next year's file empty until the State
    Council's notice is out; loading it must not make the year plain
    weekends.  ``year`` is the year.

    >>> import zfgk
    >>> try:
    ...     zfgk.WorkdayCalendar.from_holiday_cn({"year": 2027, "papers": [], "days": []})
    ... except zfgk.ScheduleNotPublishedError as e:
    ...     print(e.year, "|", e)
    2027 | holiday-cn data: the holiday schedule of 2027 has not been published: the file lists no days; use a file that lists the days of the State Council's notice (国务院办公厅关于2027年部分节假日安排的通知)
    """

    def __init__(self, message: str, path: str, year: int) -> None:
        super().__init__(message, path)
        self.year = year


class DeadlineUnknownError(ZfgkError, LookupError):
    """An item whose source gives no time limit (公开时限), so it has no deadline.

    ``item`` is the item's number.  Shanyin's item 41 is one: its 公开时限
    cell is blank, and the cell above it belongs to items the source does not
    give.

    >>> import zfgk
    >>> from datetime import date
    >>> try:
    ...     zfgk.load("shanyin").item(41).deadline(date(2026, 9, 28))
    ... except zfgk.DeadlineUnknownError as e:
    ...     print(e.item, "|", e)
    41 | item 41 (互动回应) has no time limit (公开时限) in its source, so it has no deadline; ask the publishing body, or count a number of working days you choose with zfgk.deadline(date, days)
    """

    def __init__(self, message: str, item: int) -> None:
        super().__init__(message)
        self.item = item


class PrivacyError(ZfgkError, ValueError):
    """A value that cannot be masked safely; it is never returned unmasked.

    >>> import zfgk
    >>> try:
    ...     zfgk.mask_phone("请致电办公室")
    ... except zfgk.PrivacyError as e:
    ...     print(e)
    cannot mask: not a mobile number or a fixed line with an area code
    """


class InvalidIdError(PrivacyError):
    """An ID number failed a check; ``reason`` says which.

    Reasons: ``length``, ``characters``, ``legacy`` (a 15-digit number
    without ``legacy=True``), ``check_digit``, ``birth_date``, ``region``.
    Neither the message nor the repr contains the number or its birth date.

    >>> import zfgk
    >>> try:
    ...     zfgk.parse_id("110105194913310029")
    ... except zfgk.InvalidIdError as e:
    ...     print(e.reason)
    check_digit
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class InvalidUrlError(ZfgkError, ValueError):
    """An address that is not an http(s) URL with a valid domain name; ``reason`` says why.

    >>> import zfgk
    >>> try:
    ...     zfgk.normalize_url("ftp://zfcxjw.cq.gov.cn/")
    ... except zfgk.InvalidUrlError as e:
    ...     print(e)
    not a valid address: the scheme must be http or https
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class DocumentError(ZfgkError, ValueError):
    """A document zfgk cannot read: not the format its name says, broken, encrypted, or unsafe.

    Unsafe means a zip or XML bomb, refused before it inflates.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import DocumentError, read
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "通知.docx"
    >>> _ = path.write_bytes(b"PK\\x03\\x04 a zip cut short")
    >>> try:
    ...     read(path)
    ... except DocumentError as e:
    ...     print(str(e).split(": ", 1)[1])
    not a .docx file (a .docx is a zip archive; a Word 97-2003 .doc must be saved as .docx first)
    """


class MaskUnsupportedError(DocumentError):
    """A document zfgk reads but cannot mask in place: a PDF.

    >>> import pathlib, tempfile
    >>> from zfgk import mask_file
    >>> from zfgk.documents import MaskUnsupportedError
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "公示.pdf").write_bytes(b"%PDF-1.4 ...")
    >>> try:
    ...     mask_file(folder / "公示.pdf", folder / "out.pdf")
    ... except MaskUnsupportedError as e:
    ...     print(str(e).split(": ", 1)[1])
    a PDF cannot be masked in place: mask the document it was made from (.docx, .html) with zfgk and export the PDF again
    """


class MissingExtraError(ZfgkError, ImportError):
    """A format whose optional dependency is not installed; the message names the pip command.

    >>> from zfgk.documents import MissingExtraError
    >>> issubclass(MissingExtraError, ImportError)
    True
    """
