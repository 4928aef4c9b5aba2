"""Publication audit: on time, on the required channels, at a real government address, and logs of them.

Disclosure work is assessed every year: was each item published within its
time limit, on every channel the catalogue ticks (■), at an address on a
government site?

>>> from datetime import date
>>> import zfgk
>>> item = zfgk.load("chongqing").item(19)
>>> pub = zfgk.Publication(item, formed_on=date(2026, 9, 28), published_on=date(2026, 11, 3),
...                        channels={"政府网站"}, url="https://zfcxjw.cq.gov.cn/zwgk/19.html")
>>> for p in zfgk.audit(pub).problems:
...     print(p.code.value, "|", p.message)
late | published on 2026-11-03, 2 working days after the deadline 2026-10-30 (20 working days after 2026-09-28)
missing-channel | not published on 两微一端, which item 19 (分配结果) requires
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zfgk.audit._checks import Publication, audit, channel

if TYPE_CHECKING:  # pragma: no cover - imported on first use, see __getattr__
    from zfgk.audit._log import LOG_COLUMNS, TALLY_KEYS, LogAudit, LogEntry, audit_row
    from zfgk.workdays import parse_date as log_date  # its name before zfgk.parse_date

__all__ = [
    "LOG_COLUMNS",
    "TALLY_KEYS",
    "LogAudit",
    "LogEntry",
    "Publication",
    "audit",
    "audit_row",
    "channel",
    "log_date",
]

#: The names of publication logs, which ``import zfgk`` (importing this package for
#: :func:`audit`) does not need: their module, and with it the calendar, on first use.
_LOG_NAMES = frozenset({"LOG_COLUMNS", "TALLY_KEYS", "LogAudit", "LogEntry", "audit_row"})


def __getattr__(name: str) -> Any:
    if name == "log_date":
        from zfgk.workdays import parse_date

        return parse_date
    if name in _LOG_NAMES:
        from zfgk.audit import _log

        return getattr(_log, name)
    raise AttributeError(f"module 'zfgk.audit' has no attribute {name!r}")
