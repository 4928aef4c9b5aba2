"""What officers write below a list that is not a record: signatures, notes and totals.

The labels live here and nowhere else.  A row is a footer when each of its
filled cells begins with one of :data:`FOOTER_LABELS` and a colon (full-width
or not); a total when its first filled cell is one of :data:`TOTAL_WORDS`.
Only such rows after the last record are footers: in the middle of the
data they are records like any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["FOOTER_LABELS", "TOTAL_WORDS", "footer_labels", "total_word"]

#: Labels of the signatures and notes under a list (each followed by ：or :).
FOOTER_LABELS = (
    "制表人",
    "制表",
    "制表日期",
    "填表人",
    "填表日期",
    "填报人",
    "填报日期",
    "填报单位",
    "审核人",
    "审核",
    "复核人",
    "审批人",
    "负责人",
    "单位负责人",
    "经办人",
    "联系人",
    "联系电话",
    "监督电话",
    "日期",
    "注",
    "备注",
    "说明",
    "附注",
)

#: Words of a row that totals the list, in its first filled cell.
TOTAL_WORDS = ("合计", "总计", "小计")

_LABEL = re.compile(
    "(" + "|".join(sorted(map(re.escape, FOOTER_LABELS), key=len, reverse=True)) + ")[：:]"
)
_SPACE = re.compile(r"\s+")


def footer_labels(values: Sequence[str]) -> tuple[str, ...] | None:
    """The labels of a footer row (one per filled cell, in order), or None if it is not one.

    Spaces inside a label (制 表 人：) do not matter; an empty row is not a footer.

    >>> from zfgk.tables import footer_labels
    >>> footer_labels(["制表人：张三", "", "审核人:李四", "日期：2026年9月28日"])
    ('制表人', '审核人', '日期')
    >>> footer_labels(["注：公示期为2026年9月28日至10月9日。"] * 3)
    ('注',)
    >>> footer_labels(["2", "马**", "注：已核实"]) is None
    True
    """
    labels: list[str] = []
    for value in values:
        if not value or value.isspace():
            continue
        found = _LABEL.match(_SPACE.sub("", value))
        if found is None:
            return None
        if found.group(1) not in labels:
            labels.append(found.group(1))
    return tuple(labels) or None


def total_word(values: Sequence[str]) -> str | None:
    """The total word of a row whose first filled cell is 合计, 总计 or 小计, else None.

    >>> from zfgk.tables import total_word
    >>> total_word(["", "合 计", "", "261.75"]), total_word(["1", "合计"])
    ('合计', None)
    """
    for value in values:
        if value and not value.isspace():
            word = _SPACE.sub("", value).rstrip("：:")
            return word if word in TOTAL_WORDS else None
    return None
