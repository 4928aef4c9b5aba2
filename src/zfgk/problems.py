"""What is wrong with a record or a publication: the result types of every check.

:func:`zfgk.validate`, :class:`zfgk.Validator` and :func:`zfgk.audit_publication` all
answer with a :class:`Report` of :class:`Problem` objects, each with a
:class:`ProblemCode`; ``zfgk check`` and ``zfgk audit`` print them.  This
module is their one home (``zfgk.Problem`` is the same class; importing them
from :mod:`zfgk.validation` is deprecated).

A message is in English unless asked otherwise: every method that says one
takes ``lang`` (``"en"``, the default, or ``"zh"``), so that a program
gets the same text wherever it runs; the command line passes the
officer's language.

>>> from zfgk.problems import Problem, ProblemCode, Report
>>> report = Report((Problem(ProblemCode.UNKNOWN, "备注", "备注 is not a field"),))
>>> report.ok, [p.code.value for p in report.warnings]
(True, ['unknown'])
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from zfgk._deprecated import deprecated_arguments
from zfgk.i18n import N_, fill, translate

__all__ = ["Problem", "ProblemCode", "Report", "Tally", "code_label", "stored_as_number"]


class ProblemCode(enum.Enum):
    """What is wrong with a record.

    >>> from zfgk import ProblemCode
    >>> [c.value for c in ProblemCode][:5]
    ['missing', 'empty', 'unmasked', 'invalid', 'unknown']
    """

    MISSING = "missing"
    """A required field is absent."""
    EMPTY = "empty"
    """A required field is present but blank."""
    UNMASKED = "unmasked"
    """A field holds a full ID number or an unmasked phone where it must be masked."""
    INVALID = "invalid"
    """A value cannot be what the field is (an ID field holding neither form)."""
    UNKNOWN = "unknown"
    """A key the item does not have: a warning, it does not make the report fail."""
    LATE = "late"
    """Published after the item's deadline (:func:`zfgk.audit_publication`)."""
    OVERDUE = "overdue"
    """Not published, and the deadline has passed."""
    DEADLINE_UNKNOWN = "deadline-unknown"
    """The deadline cannot be known: no time limit, or no official calendar for its year."""
    MISSING_CHANNEL = "missing-channel"
    """A channel the item requires (a ■ box) was not used."""
    INVALID_URL = "invalid-url"
    """Not an http(s) address, or its host is not a valid domain name."""
    NOT_GOVERNMENT = "not-government"
    """A valid address whose host is not under a government domain."""
    DUE_SOON = "due-soon"
    """Not published yet, and the deadline is near (a warning): :func:`zfgk.audit_publication` with ``within``."""
    PUBLISHED_BEFORE_FORMED = "published-before-formed"
    """Published before the information was formed: one of the two dates is wrong."""
    DEADLINE_PROVISIONAL = "deadline-provisional"
    """The deadline rests on assumed holidays (a warning): :func:`zfgk.audit_publication` with ``provisional``."""
    STORED_AS_NUMBER = "stored-as-number"
    """A number cell (or Excel's 6.20503E+17) where an ID or mobile number belongs: Excel keeps
    15 significant digits of a number, so the last digits of an ID number are already lost."""


@attrs.frozen(cache_hash=True)
class Problem:
    """One problem: its code, the field (or key) it concerns, and what to do.

    ``message`` is in English; ``template`` and ``params`` are what it was
    made of, so that :meth:`localized` can say it in Chinese, and a program
    can read the values (a deadline, the working days left) without parsing
    the text.

    >>> from zfgk import Problem, ProblemCode
    >>> p = Problem.of(ProblemCode.EMPTY, "面积", "{field} is blank; item {item} requires a value",
    ...                field="面积", item=19)
    >>> p.message, p.localized("zh"), p.details
    ('面积 is blank; item 19 requires a value', '面积为空；第 19 项要求填写', {'field': '面积', 'item': 19})
    >>> p.warning
    False
    """

    code: ProblemCode
    field: str
    message: str
    template: str | None = attrs.field(default=None, repr=False)
    params: tuple[tuple[str, str | int], ...] = attrs.field(default=(), repr=False)

    @classmethod
    def of(cls, code: ProblemCode, field: str, template: str, /, **params: str | int) -> Problem:
        """A problem whose message is ``template`` filled with ``params``.

        The same problem recurs on many rows of a list (身份证号 unmasked on
        each of 200,000): it is made once and shared (problems are frozen),
        so a check's memory does not grow with the rows that have it.

        >>> from zfgk.problems import Problem, ProblemCode
        >>> a = Problem.of(ProblemCode.EMPTY, "面积", "{field} is blank", field="面积")
        >>> a is Problem.of(ProblemCode.EMPTY, "面积", "{field} is blank", field="面积")
        True
        """
        key = (code, field, template, tuple(params.items()))
        found = _MADE.get(key)
        if found is None:
            found = cls(code, field, template.format(**params), template, key[3])
            if len(_MADE) >= _MADE_MOST:
                _MADE.clear()  # many different problems (a long audit): start again, never grow
            _MADE[key] = found
        return found

    @property
    def warning(self) -> bool:
        """True for problems that do not make a record fail (``unknown``, ``due-soon``)."""
        return self.code in _WARNINGS

    @property
    def details(self) -> dict[str, str | int]:
        """The values the message was made of, by name."""
        return dict(self.params)

    @deprecated_arguments(renamed={"language": "lang"})
    def localized(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        if self.template is None or lang == "en":
            return self.message
        return fill(self.template, dict(self.params), lang)

    @deprecated_arguments(renamed={"language": "lang"})
    def to_dict(self, lang: str = "en") -> dict[str, str]:
        """The JSON form used by ``zfgk check --json``; the code and keys are never translated.

        The message is in ``lang``: English unless asked.

        >>> from zfgk import Problem, ProblemCode
        >>> p = Problem.of(ProblemCode.EMPTY, "面积", "{field} is blank; item {item} requires a value",
        ...                field="面积", item=19)
        >>> p.to_dict()
        {'code': 'empty', 'field': '面积', 'message': '面积 is blank; item 19 requires a value'}
        >>> p.to_dict(lang="zh")["message"]
        '面积为空；第 19 项要求填写'
        """
        return {"code": self.code.value, "field": self.field, "message": self.localized(lang)}


@attrs.frozen
class Report:
    """The result of validating one record.

    >>> from zfgk import Report
    >>> Report(()).ok
    True
    """

    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """No problem other than warnings."""
        return all(p.code in _WARNINGS for p in self.problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are only warnings."""
        return tuple(p for p in self.problems if p.warning)

    @deprecated_arguments(renamed={"language": "lang"})
    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON form of the report, for services: ``ok`` and the problems, said in ``lang``.

        >>> import json, zfgk
        >>> report = zfgk.validate(zfgk.load("chongqing").item(19), {"房号": "1-1-101"})
        >>> data = report.to_dict()
        >>> data["ok"], data["problems"][0]["code"], data["problems"][0]["field"]
        (False, 'missing', '保障对象姓名')
        >>> json.loads(json.dumps(data, ensure_ascii=False)) == data
        True
        """
        return {"ok": self.ok, "problems": [p.to_dict(lang) for p in self.problems]}


#: The problems made so far, shared (see :meth:`Problem.of`), and how many are kept.
_MADE: dict[tuple[object, ...], Problem] = {}
_MADE_MOST = 4096

_WARNINGS = frozenset({ProblemCode.UNKNOWN, ProblemCode.DUE_SOON, ProblemCode.DEADLINE_PROVISIONAL})

#: The message of :attr:`ProblemCode.STORED_AS_NUMBER` in a field of ID numbers.
STORED_AS_NUMBER_MESSAGE = N_(
    "{field} holds a number, not text: Excel keeps 15 significant digits, so the last digits of an ID number are lost; format the column as text and enter the numbers again"
)
#: ... in a field of phone numbers: 11 digits fit in 15, nothing is lost.
STORED_AS_NUMBER_PHONE = N_(
    "{field} holds a number, not text: no digit is lost (a mobile number has 11, Excel keeps 15), but a narrow column shows it as 1.38123E+10 and it cannot be masked as text; format the column as text"
)
#: ... where the kind of number is not known: what is true of both.
STORED_AS_NUMBER_ANY = N_(
    "{field} holds a number, not text: Excel keeps 15 significant digits of a number, so an 18-digit ID number loses its last digits (an 11-digit mobile number keeps them all); format the column as text and enter the numbers again"
)
_STORED_AS_NUMBER = {
    "id_number": STORED_AS_NUMBER_MESSAGE,
    "phone": STORED_AS_NUMBER_PHONE,
    None: STORED_AS_NUMBER_ANY,
}


def stored_as_number(field: str, *, kind: str | enum.Enum | None = None) -> Problem:
    """The ``stored-as-number`` problem of a field: a number where an ID or mobile number belongs.

    ``kind`` is what the field holds (a :class:`zfgk.PersonalKind`, or its
    value): an ID number has lost its last digits, a mobile number has lost
    none; unknown (None), the message says what is true of both.

    >>> from zfgk import PersonalKind
    >>> from zfgk.problems import stored_as_number
    >>> p = stored_as_number("身份证号", kind=PersonalKind.ID_NUMBER)
    >>> p.code.value, p.warning
    ('stored-as-number', False)
    >>> print(p.localized("zh"))  # doctest: +ELLIPSIS
    身份证号存的是数字而不是文本：...
    >>> print(stored_as_number("联系电话", kind="phone").message)  # doctest: +ELLIPSIS
    联系电话 holds a number, not text: no digit is lost ...
    """
    value = kind.value if isinstance(kind, enum.Enum) else kind
    template = _STORED_AS_NUMBER.get(value, STORED_AS_NUMBER_ANY)
    return Problem.of(ProblemCode.STORED_AS_NUMBER, field, template, field=field)


#: What each code is called in a report or a printed table, English and (in zfgk.po)
#: Chinese.  The codes themselves stay in JSON and the API.
_LABELS = {
    ProblemCode.MISSING: N_("missing"),
    ProblemCode.EMPTY: N_("empty"),
    ProblemCode.UNMASKED: N_("unmasked"),
    ProblemCode.INVALID: N_("invalid"),
    ProblemCode.UNKNOWN: N_("unknown"),
    ProblemCode.LATE: N_("late"),
    ProblemCode.OVERDUE: N_("overdue"),
    ProblemCode.DEADLINE_UNKNOWN: N_("deadline-unknown"),
    ProblemCode.MISSING_CHANNEL: N_("missing-channel"),
    ProblemCode.INVALID_URL: N_("invalid-url"),
    ProblemCode.NOT_GOVERNMENT: N_("not-government"),
    ProblemCode.DUE_SOON: N_("due-soon"),
    ProblemCode.PUBLISHED_BEFORE_FORMED: N_("published-before-formed"),
    ProblemCode.DEADLINE_PROVISIONAL: N_("deadline-provisional"),
    ProblemCode.STORED_AS_NUMBER: N_("stored-as-number"),
}


def code_label(code: ProblemCode | str, lang: str = "en") -> str:
    """What a problem code is called for people, in ``lang`` (``zh`` or ``en``).

    English keeps the code itself (what ``--json`` and the API say); Chinese
    names it in words.  ``code`` is a :class:`ProblemCode` or its value, as
    the JSON of a summary holds it; a value zfgk does not know is said as it is.

    >>> from zfgk.problems import ProblemCode, code_label
    >>> code_label(ProblemCode.STORED_AS_NUMBER, "zh"), code_label("missing", "zh")
    ('存为数字', '缺少')
    >>> code_label(ProblemCode.UNMASKED), code_label("unmasked", "en")
    ('unmasked', 'unmasked')
    """
    try:
        member = code if isinstance(code, ProblemCode) else ProblemCode(code)
    except ValueError:
        return str(code)
    return translate(_LABELS[member], lang)


class Tally:
    """What the reports of many records add up to: ``zfgk check``'s summary.

    >>> from zfgk.problems import Problem, ProblemCode, Report, Tally
    >>> tally = Tally()
    >>> tally.add(Report((Problem(ProblemCode.EMPTY, "面积", "面积 is blank"),)))
    >>> tally.add(Report((Problem(ProblemCode.UNKNOWN, "备注", "备注 is not a field"),)))
    >>> tally.add(Report(()))
    >>> tally.failed, tally.warned, tally.by_field_and_code()
    (1, 1, [('备注', 'unknown', 1), ('面积', 'empty', 1)])
    >>> tally.ok(records=3), Tally().ok(records=0)
    (False, False)
    """

    __slots__ = ("_counts", "failed", "warned")

    def __init__(self) -> None:
        #: Records whose report fails, and records with warnings only.
        self.failed = 0
        self.warned = 0
        self._counts: Counter[tuple[str, str]] = Counter()

    def add(self, report: Report) -> None:
        """Count one record's report."""
        if not report.problems:
            return
        if report.ok:
            self.warned += 1
        else:
            self.failed += 1
        for p in report.problems:
            self._counts[p.field, p.code.value] += 1

    def by_field_and_code(self) -> list[tuple[str, str, int]]:
        """(field, code, how many records) for every problem seen, sorted."""
        return [(f, c, n) for (f, c), n in sorted(self._counts.items())]

    def ok(self, *, records: int, header: Iterable[Problem] = ()) -> bool:
        """Whether the whole passes: some records, none failing, no failing ``header`` problem.

        A file with no records has checked nothing, and does not pass.
        """
        return records > 0 and not self.failed and all(p.warning for p in header)
