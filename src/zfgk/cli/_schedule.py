"""What the commands that count working days say when a count reaches an unpublished year.

``zfgk due``, ``zfgk calendar`` and ``zfgk audit`` count on the holiday
schedule; past its last published year they tell the officer what to run,
as commands (``--holidays 2027.json``, ``--provisional``), never as Python.
"""

from __future__ import annotations

from zfgk.cli._common import ZfgkUsageError
from zfgk.errors import CalendarCoverageError
from zfgk.i18n import N_

__all__ = ["UNPUBLISHED", "UNPUBLISHED_PROVISIONAL", "typed", "unpublished"]


def unpublished(
    error: CalendarCoverageError, words: list[str], *, provisional: bool = True
) -> ZfgkUsageError | CalendarCoverageError:
    """What an officer runs when a count reaches a year whose schedule is not known: commands.

    ``words`` is the command that failed; the advice adds ``--holidays
    YEAR.json`` to it, and ``--provisional`` where ``provisional`` (a
    command that has the option and did not use it).  A date before the
    first known year has no such remedy: the error is returned as it is.

    >>> from zfgk.cli._common import set_language
    >>> from zfgk.cli._schedule import unpublished
    >>> from zfgk.errors import CalendarCoverageError
    >>> set_language("zh")
    >>> print(unpublished(CalendarCoverageError(2027, 2004, 2026), ["zfgk", "calendar", "2027-01"], provisional=False).localized("zh"))
    这里还没有 2027 年的节假日安排（已知 2004–2026 年）。国务院公布后，请从 holiday-cn（https://github.com/NateScarlet/holiday-cn）下载 2027.json，然后运行：zfgk calendar 2027-01 --holidays 2027.json
    >>> set_language("en")
    """
    if error.year <= error.last:
        return error
    with_file = typed([*words, "--holidays", f"{error.year}.json"])
    params = {"year": error.year, "first": error.first, "last": error.last, "with_file": with_file}
    if not provisional:
        return ZfgkUsageError.of(UNPUBLISHED, **params)
    return ZfgkUsageError.of(
        UNPUBLISHED_PROVISIONAL, **params, provisional=typed([*words, "--provisional"])
    )


#: The advice of :func:`unpublished`: the command with the year's file, and without it
#: a provisional date.
UNPUBLISHED = N_(
    "the holiday schedule of {year} is not known here (known: {first}–{last}). Once the "
    "State Council publishes it, download {year}.json from "
    "holiday-cn (https://github.com/NateScarlet/holiday-cn) and run: {with_file}"
)
UNPUBLISHED_PROVISIONAL = N_(
    "the holiday schedule of {year} is not known here (known: {first}–{last}). Once the "
    "State Council publishes it, download {year}.json from "
    "holiday-cn (https://github.com/NateScarlet/holiday-cn) and run: {with_file}. Until "
    "then, a date marked provisional: {provisional}"
)


def typed(words: list[str]) -> str:
    """A command as typed: a word with spaces in double quotes (which every shell reads).

    >>> from zfgk.cli._schedule import typed
    >>> typed(["zfgk", "audit", "公开 记录.xlsx", "--provisional"])
    'zfgk audit "公开 记录.xlsx" --provisional'
    """
    return " ".join(f'"{w}"' if not w or any(c.isspace() for c in w) else w for w in words)
