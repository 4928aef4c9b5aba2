"""Publication audit: on time, on the required channels, at a real government address, and logs of them.

Disclosure work is assessed every year: was each item published within its
time limit, on every channel the catalogue ticks (■), at an address on a
government site?

>>> from datetime import date
>>> import zfgk
>>> item = zfgk.load("chongqing").item(19)
>>> pub = zfgk.Publication(item, formed_on=date(2026, 9, 28), published_on=date(2026, 11, 3),
...                        channels={"政府网站"}, url="https://zfcxjw.cq.gov.cn/zwgk/19.html")
>>> for p in zfgk.audit_publication(pub).problems:
...     print(p.code.value, "|", p.message)
late | published on 2026-11-03, 2 working days after the deadline 2026-10-30 (20 working days after 2026-09-28)
missing-channel | not published on 两微一端, which item 19 (分配结果) requires

A year's log of publications is :class:`LogAudit`'s (``zfgk audit`` on the
command line): ``zfgk.audit.LogAudit``.

Before 0.3 the function :func:`audit_publication` was called ``zfgk.audit``,
which hid this package (``zfgk.audit.LogAudit`` was an AttributeError).
``zfgk.audit`` is the package now; calling it as the function still works
until 0.4, with a DeprecationWarning naming :func:`zfgk.audit_publication`.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from zfgk._deprecated import warn_deprecated
from zfgk.audit._checks import Publication, audit_publication, channel

if TYPE_CHECKING:  # pragma: no cover - imported on first use, see __getattr__
    from zfgk.audit._log import LOG_COLUMNS, TALLY_KEYS, LogAudit, LogEntry, audit_row
    from zfgk.problems import Report

__all__ = [
    "LOG_COLUMNS",
    "TALLY_KEYS",
    "LogAudit",
    "LogEntry",
    "Publication",
    "audit_publication",
    "audit_row",
    "channel",
]

#: The names of publication logs, which ``import zfgk`` (importing this package for
#: :func:`audit_publication`) does not need: their module, and with it the calendar, on first use.
_LOG_NAMES = frozenset({"LOG_COLUMNS", "TALLY_KEYS", "LogAudit", "LogEntry", "audit_row"})


def __getattr__(name: str) -> Any:
    if name in _LOG_NAMES:
        from zfgk.audit import _log

        return getattr(_log, name)
    if name == "audit":  # the function's name in this package before 0.3
        warn_deprecated("zfgk.audit.audit", "zfgk.audit_publication")
        return audit_publication
    raise AttributeError(f"module 'zfgk.audit' has no attribute {name!r}")


class _AuditPackage(types.ModuleType):
    """The package :mod:`zfgk.audit`, callable until 0.4 as the function it hid."""

    def __call__(self, publication: Publication, /, **options: Any) -> Report:
        warn_deprecated(
            "calling zfgk.audit(publication, ...)", "zfgk.audit_publication(publication, ...)"
        )
        return audit_publication(publication, **options)


sys.modules[__name__].__class__ = _AuditPackage
