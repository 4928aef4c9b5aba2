"""The layout of a catalogue sheet, shared by writing and reading it."""

from __future__ import annotations

import hashlib

from zfgk.i18n import N_
from zfgk.model import COLUMNS as ITEM_COLUMNS

#: The columns of a catalogue sheet, in the source table's order.
COLUMNS = (
    "序号",
    "一级事项",
    "二级事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
)
#: The machine column: what the visible cells cannot carry, as JSON.
DATA_COLUMN = "zfgk数据"
#: Standard tables have 43 items; a sheet with more says so by its numbers.
STANDARD_TOTAL = 43
NOTHING = "（无）"
#: The note of an entry whose fields zfgk derived, the sheet holding no record of them
#: (a message template: :class:`zfgk.model.Note` says it in the reader's language).
DERIVED_NOTE = N_(
    "fields derived by zfgk's rules (zfgk.fields): the entry was written or edited in a spreadsheet"
)
#: The item attribute each visible column holds.
ATTRIBUTE_OF = {column: attribute for attribute, column in ITEM_COLUMNS.items()}


def split_lines(text: str) -> list[str]:
    """The non-blank lines of a cell, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def digest(text: str) -> str:
    """A short fingerprint of a cell's text, blind to line endings and blank lines."""
    return hashlib.sha256("\n".join(split_lines(text)).encode()).hexdigest()[:12]
