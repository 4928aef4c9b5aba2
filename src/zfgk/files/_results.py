"""What the tasks on a file answer: one verdict, findings with their places, what was not read."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from zfgk._deprecated import warn_deprecated
from zfgk.documents import Location, Unread
from zfgk.errors import ZfgkError
from zfgk.formats import Kind
from zfgk.i18n import N_, translate
from zfgk.model import PersonalKind
from zfgk.privacy import PiiMatch

__all__ = ["KIND_WORDS", "Finding", "Verdict", "verdict_of"]

#: How a finding's kind is said to people.
KIND_WORDS = {
    PersonalKind.ID_NUMBER: N_("unmasked ID number"),
    PersonalKind.PHONE: N_("unmasked mobile number"),
}
_STORED_WORDS = N_("ID number stored as a number (its last digits are lost)")


class Verdict(enum.Enum):
    """The one answer of a task on a file, and its exit status.

    >>> from zfgk.files import Verdict
    >>> [(v.value, v.exit_code) for v in Verdict]
    [('clean', 0), ('found', 1), ('cannot-check', 2)]
    """

    CLEAN = "clean"
    """Every part that can hold text was read, and nothing is wrong."""
    FOUND = "found"
    """Something is wrong: each finding or problem has its place."""
    CANNOT_CHECK = "cannot-check"
    """A part that could hold text was not read (it is named, with why): never clean."""

    @property
    def exit_code(self) -> int:
        """0, 1 or 2, as the ``zfgk`` command exits."""
        return {"clean": 0, "found": 1, "cannot-check": 2}[self.value]


def verdict_of(found: bool, unread: Iterable[Unread], error: ZfgkError | None = None) -> Verdict:
    """The verdict: cannot check if anything was not read, else found or clean."""
    if error is not None or any(True for _ in unread):
        return Verdict.CANNOT_CHECK
    return Verdict.FOUND if found else Verdict.CLEAN


@attrs.frozen
class Finding:
    """A full ID or mobile number a file publishes: its kind and its place, never its value.

    ``stored_as_number``: an ID number a spreadsheet keeps as a number, whose
    last digits are already lost (it still shows a birth date).

    >>> from zfgk.documents import Location
    >>> from zfgk.files import Finding
    >>> from zfgk.model import PersonalKind
    >>> finding = Finding(PersonalKind.PHONE, Location(sheet="退出名单", cell="B4"))
    >>> finding.to_dict()
    {'kind': 'phone', 'sheet': '退出名单', 'cell': 'B4'}
    >>> print(finding.describe("zh"))
    退出名单!B4：未隐藏的手机号
    """

    kind: PersonalKind
    location: Location
    stored_as_number: bool = False

    def where(self) -> dict[str, Any]:
        """Deprecated since 0.3 (0.2's ``scanning.Finding.where()``): :meth:`to_dict`."""
        warn_deprecated("Finding.where()", "Finding.to_dict()", stacklevel=2)
        return self.to_dict()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``kind`` (as :func:`zfgk.find_pii` names it) and the place's keys."""
        found: dict[str, Any] = {"kind": self.kind.value, **self.location.to_dict()}
        if self.stored_as_number:
            found["stored_as_number"] = True
        return found

    def words(self, lang: str = "en") -> str:
        """What was found, in words: an unmasked ID or mobile number."""
        if self.stored_as_number and self.kind is PersonalKind.ID_NUMBER:
            return translate(_STORED_WORDS, lang)
        return translate(KIND_WORDS[self.kind], lang)

    def describe(self, lang: str = "en") -> str:
        """Where, and what, in ``lang``."""
        return translate(N_("{where}: {what}"), lang).format(
            where=self.location.describe(lang), what=self.words(lang)
        )

    # The place's keys, as 0.2's scanning.Finding had them.
    @property
    def line(self) -> int | None:
        """The line of a page or text file."""
        return self.location.line

    @property
    def page(self) -> str | None:
        """The page of a PDF, as it numbers it."""
        return self.location.page

    @property
    def sheet(self) -> str | None:
        """The sheet of a workbook."""
        return self.location.sheet

    @property
    def cell(self) -> str | None:
        """The cell of a sheet (``B4``)."""
        return self.location.cell

    @property
    def row(self) -> int | None:
        """The row of a CSV file."""
        return self.location.row

    @property
    def column(self) -> str | None:
        """The column of a CSV file (``C``)."""
        return self.location.column

    @property
    def part(self) -> str | None:
        """The part of a Word file, or a part beside a workbook's cells."""
        return self.location.part

    @property
    def paragraph(self) -> int | None:
        """The paragraph in a Word file's part."""
        return self.location.paragraph


def findings_in(text: str, matches: Iterable[PiiMatch], locate: Any, stored: bool) -> list[Finding]:
    """The findings of ``matches`` in ``text``, placed by ``locate`` (an offset's Location)."""
    return [Finding(m.kind, locate(m.start), stored) for m in matches]


#: A file's path and kind as the results hold them.
def describe_path(path: Path, kind: Kind | None) -> dict[str, Any]:
    """The file and its kind, as the JSON forms start."""
    return {"file": str(path), "kind": None if kind is None else kind.value}
