"""Publication logs: a file of publications, each row audited, the counts kept per item."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from zfgk._deprecated import deprecated_arguments
from zfgk.audit._checks import Publication, audit_publication, channel
from zfgk.errors import InvalidArgumentError, ZfgkError
from zfgk.i18n import N_
from zfgk.model import Catalogue, Channel, Item, normalize_text
from zfgk.problems import Problem, ProblemCode

if TYPE_CHECKING:  # pragma: no cover
    from zfgk.tables import Table
    from zfgk.workdays import WorkdayCalendar

__all__ = ["LOG_COLUMNS", "TALLY_KEYS", "LogAudit", "LogEntry", "audit_row"]


#: The columns of a publication log, and the headers accepted for each, the first preferred.
#: 序号 alone is not among them: in an officer's table it is the running number of the row.
LOG_COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "事项", "事项序号", "事项编号", "事项名称", "二级事项"),
    "formed_on": ("formed_on", "形成日期", "信息形成日期", "形成或变更日期"),
    "published_on": ("published_on", "发布日期", "公开日期"),
    "channels": ("channels", "渠道", "公开渠道"),
    "url": ("url", "网址", "链接"),
}

#: The counts kept per item of a log: the keys of ``by_item`` in its JSON form.  Each row
#: counts once among ``on time`` … ``before formed`` (``unreadable``: its dates cannot be
#: read, so its timeliness is not judged), and may count in the keys after them.
TALLY_KEYS = (
    "rows",
    "on time",
    "pending",
    "late",
    "overdue",
    "deadline unknown",
    "unreadable",
    "before formed",
    "provisional",
    "channel gaps",
    "address problems",
)

_CHANNEL_SEPARATORS = re.compile(r"[;；、,，\s]+")
#: The problems that say whether a publication was on time; not judged when a date is unreadable.
_TIMELINESS = frozenset(
    {
        "late",
        "overdue",
        "due-soon",
        "deadline-unknown",
        "deadline-provisional",
        "published-before-formed",
    }
)


@deprecated_arguments(positional=("columns", "today", "calendar"))
def audit_row(
    catalogue: Catalogue,
    record: Mapping[str, str],
    *,
    columns: Mapping[str, str] | None = None,
    today: date | None = None,
    calendar: WorkdayCalendar | None = None,
    within: int | None = None,
    provisional: bool = False,
) -> tuple[str, tuple[Problem, ...], int | None]:
    """Audit one row of a log: the item as written, its problems, and the item's number.

    ``columns`` maps each role of :data:`LOG_COLUMNS` to the row's column
    (a role missing from it is looked up under its own name); ``today`` is
    the day overdue is judged on (default: today); the other options are
    :func:`zfgk.audit_publication`'s.  (``columns``, ``today`` and
    ``calendar`` by position still work until 0.4, with a
    DeprecationWarning.)

    >>> import zfgk
    >>> from datetime import date
    >>> from zfgk.audit import audit_row
    >>> row = {"item": "19", "formed_on": "2026-09-28", "published_on": "2026-11-03",
    ...        "channels": "政府网站;两微一端", "url": "https://zfcxjw.cq.gov.cn/19.html"}
    >>> key, problems, number = audit_row(zfgk.load("chongqing"), row, today=date(2026, 11, 23))
    >>> key, [p.code.value for p in problems], number
    ('19', ['late'], 19)
    """
    roles = {} if columns is None else columns
    today = date.today() if today is None else today

    def cell(role: str) -> str:
        return record.get(roles.get(role, role), "").strip()

    problems: list[Problem] = []
    key = cell("item")
    item = _row_item(catalogue, key, problems)
    formed_on = _row_date(cell("formed_on"), "formed_on", problems)
    published_text = cell("published_on")
    published_on = _row_date(published_text, "published_on", problems)
    channels = _row_channels(cell("channels"), problems)
    if item is None or formed_on is None:
        return key, tuple(problems), item.number if item is not None else None
    publication = Publication(
        item, formed_on, published_on, channels=channels, url=cell("url") or None
    )
    report = audit_publication(
        publication, today=today, calendar=calendar, within=within, provisional=provisional
    )
    judged = published_on is not None or not published_text  # a date that cannot be read is not
    problems.extend(p for p in report.problems if judged or p.code.value not in _TIMELINESS)
    return key, tuple(problems), item.number


def _row_item(catalogue: Catalogue, key: str, problems: list[Problem]) -> Item | None:
    if not key:
        problems.append(Problem.of(ProblemCode.MISSING, "item", N_("the row names no item")))
        return None
    try:
        return catalogue.item(key)
    except ZfgkError as e:
        problems.append(Problem(ProblemCode.INVALID, "item", str(e), e.template, e.params))
        return None


def _row_date(text: str, role: str, problems: list[Problem]) -> date | None:
    from zfgk.workdays import parse_date

    if not text:
        if role == "formed_on":
            problems.append(
                Problem.of(ProblemCode.MISSING, role, N_("the row gives no formed_on date"))
            )
        return None
    try:
        return parse_date(text)
    except InvalidArgumentError as e:
        problems.append(
            Problem(
                ProblemCode.INVALID,
                role,
                f"{role}: {e}",
                N_("{column}: {problem}"),
                (("column", role), ("problem", e.as_message())),
            )
        )
        return None


def _row_channels(text: str, problems: list[Problem]) -> frozenset[Channel]:
    channels = set()
    for label in filter(None, _CHANNEL_SEPARATORS.split(text)):
        try:
            channels.add(channel(label))
        except InvalidArgumentError as e:
            problems.append(Problem(ProblemCode.INVALID, "channels", str(e), e.template, e.params))
    return frozenset(channels)


@attrs.frozen
class LogEntry:
    """One audited row of a log: its number, its item as written and as found, its problems."""

    row: int
    key: str
    item: int | None
    problems: tuple[Problem, ...]
    published: bool

    @property
    def failures(self) -> tuple[Problem, ...]:
        """The problems that are not warnings."""
        return tuple(p for p in self.problems if not p.warning)

    @property
    def provisional(self) -> tuple[Problem, ...]:
        """The ``deadline-provisional`` warning, if the row's deadline was counted provisionally."""
        return tuple(p for p in self.problems if p.code.value == "deadline-provisional")


class LogAudit:
    """A publication log, audited row by row as it is iterated; the counts kept as it goes.

    The log is a CSV, Excel's Unicode text, JSON Lines or .xlsx file whose
    columns are those of :data:`LOG_COLUMNS` (``item`` and ``formed_on``
    required; dates as :func:`zfgk.parse_date` reads them).  With
    ``provisional``, deadlines past the known schedule are counted as
    :func:`zfgk.provisional_deadline` counts them, each such row with a
    ``deadline-provisional`` warning and counted under ``provisional``.  Iterating gives a :class:`LogEntry` per row; afterwards
    :meth:`to_dict` is the summary: counts per item (:data:`TALLY_KEYS`)
    and, with ``within``, the entries due soon, by deadline.

    >>> import pathlib, tempfile, zfgk
    >>> from datetime import date
    >>> from zfgk.audit import LogAudit
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = log.write_text("事项,形成日期,发布日期,渠道\\n19,2026-09-28,2026-11-03,政府网站;两微一端\\n",
    ...                    encoding="utf-8")
    >>> audited = LogAudit(log, zfgk.load("chongqing"), today=date(2026, 11, 23))
    >>> [(e.row, [p.code.value for p in e.problems]) for e in audited]
    [(2, ['late'])]
    >>> audited.to_dict()["by_item"], audited.to_dict()["ok"]
    ({'19': {'rows': 1, 'late': 1}}, False)
    """

    def __init__(
        self,
        path: Path,
        catalogue: Catalogue,
        *,
        encoding: str | None = None,
        today: date | None = None,
        calendar: WorkdayCalendar | None = None,
        within: int | None = None,
        provisional: bool = False,
    ) -> None:
        from zfgk.tables import read_table

        self.path, self.catalogue, self.calendar, self.within = path, catalogue, calendar, within
        self.provisional = provisional
        self.today = today or date.today()
        self._table: Table = read_table(
            path,
            encoding,
            known=lambda name: any(normalize_text(name).lower() in n for n in LOG_COLUMNS.values()),
        )
        self.columns = _log_columns(self._table, path)
        self.rows = self.rows_with_problems = 0
        self.by_item: dict[int, Counter[str]] = {}
        self.due_soon: list[dict[str, Any]] = []

    def __iter__(self) -> Iterator[LogEntry]:
        for row, record in self._table.rows():
            key, problems, number = audit_row(
                self.catalogue,
                record,
                columns=self.columns,
                today=self.today,
                calendar=self.calendar,
                within=self.within,
                provisional=self.provisional,
            )
            published = bool(record.get(self.columns.get("published_on", ""), "").strip())
            entry = LogEntry(row, key, number, problems, published)
            self._count(entry)
            yield entry
        self.due_soon.sort(key=lambda soon: (soon["deadline"], soon["row"]))

    def _count(self, entry: LogEntry) -> None:
        self.rows += 1
        self.rows_with_problems += bool(entry.failures)
        for p in entry.problems:
            if p.code is ProblemCode.DUE_SOON:
                self.due_soon.append(
                    {
                        "row": entry.row,
                        "item": entry.item,
                        "deadline": p.details["deadline"],
                        "working_days_left": p.details["left"],
                    }
                )
        if entry.item is not None:
            _tally(self.by_item.setdefault(entry.item, Counter()), entry)

    @property
    def blank_rows(self) -> int:
        """The blank rows passed over so far (never audited)."""
        return self._table.blank_rows

    @deprecated_arguments(renamed={"language": "lang"})
    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The summary, in the JSON form of ``zfgk audit --json``; call it after iterating.

        ``notes`` names the rows that are not publications (a title over the
        header, a signature footer, a total), as ``zfgk check`` does, their
        messages in ``lang`` (``en``, the default, or ``zh``).
        """
        summary: dict[str, Any] = {
            "file": str(self.path),
            "catalogue": self.catalogue.name,
            "today": self.today.isoformat(),
            "rows": self.rows,
            "rows_with_problems": self.rows_with_problems,
            "blank_rows": self.blank_rows,
            "notes": [note.to_dict(lang) for note in self._table.notes],
            "by_item": {str(n): dict(counter) for n, counter in sorted(self.by_item.items())},
            "no_records": self.rows == 0,
            "ok": self.rows > 0 and self.rows_with_problems == 0,
        }
        if self.provisional:
            summary["provisional"] = True
        if self.within is not None:
            summary["within"] = self.within
            summary["due_soon"] = self.due_soon
        return summary


def _log_columns(table: Table, path: Path) -> dict[str, str]:
    """The log's column for each role; the item and formed_on columns must be there."""
    from zfgk.errors import InputError

    header = table.header or ()
    columns: dict[str, str] = {}
    for role, names in LOG_COLUMNS.items():
        found = {normalize_text(name).lower(): name for name in reversed(header)}
        chosen = next((found[name] for name in names if name in found), None)
        if chosen is not None:
            columns[role] = chosen
    lacking = [role for role in ("item", "formed_on") if role not in columns]
    if table.header is not None and lacking:
        raise InputError.of(
            N_("{file}: {where}: the log needs the columns {lacking} (also accepted: {others})"),
            file=path,
            where=table.header_place,
            lacking=" and ".join(lacking),
            others=", ".join(n for r in lacking for n in LOG_COLUMNS[r][1:]),
        )
    return columns


def _tally(counter: Counter[str], entry: LogEntry) -> None:
    """Count one row of an item: its timeliness, and whether channels or address failed."""
    counter["rows"] += 1
    codes = {p.code for p in entry.problems}
    if any(p.field in _DATE_ROLES and p.code.value in _UNREADABLE for p in entry.problems):
        counter["unreadable"] += 1
    elif ProblemCode.PUBLISHED_BEFORE_FORMED in codes:
        counter["before formed"] += 1
    elif ProblemCode.LATE in codes:
        counter["late"] += 1
    elif ProblemCode.OVERDUE in codes:
        counter["overdue"] += 1
    elif ProblemCode.DEADLINE_UNKNOWN in codes:
        counter["deadline unknown"] += 1
    elif entry.published:
        counter["on time"] += 1
    else:
        counter["pending"] += 1
    if ProblemCode.DEADLINE_PROVISIONAL in codes:
        counter["provisional"] += 1
    if ProblemCode.MISSING_CHANNEL in codes:
        counter["channel gaps"] += 1
    if codes & {ProblemCode.INVALID_URL, ProblemCode.NOT_GOVERNMENT}:
        counter["address problems"] += 1


_DATE_ROLES = frozenset({"formed_on", "published_on"})
_UNREADABLE = frozenset({"invalid", "missing"})
