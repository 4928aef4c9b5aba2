"""Reading the meaning of cells shared by the source formats: lists, time limits, channels."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from zfgk.errors import InvalidArgumentError
from zfgk.model import Channel, Item, TimeLimit, parse_label, parse_labels
from zfgk_build.rows import SourceError


def numbered_list(cell: str, what: str) -> list[str]:
    """Entries of a "1．…；\\n2．…。" cell, numbers and final punctuation removed.

    A cell that is a single sentence (no "1．") is one entry.
    """
    text = cell.strip()
    if not re.match(r"\d+．", text):
        return [text.rstrip("；。")]
    entries: list[str] = []
    for line in text.split("\n"):
        m = re.match(r"(\d+)．(.*)$", line)
        if m:
            if int(m.group(1)) != len(entries) + 1:
                raise SourceError(f"{what}: list number {m.group(1)} out of order")
            entries.append(m.group(2))
        elif entries:
            entries[-1] += line
        else:  # pragma: no cover - guarded by the match above
            raise SourceError(f"{what}: text before the first list number")
    return [e.strip().rstrip("；。") for e in entries]


def time_limit(cell: str, what: str) -> TimeLimit:
    """A 公开时限 cell, read as zfgk reads one (:meth:`zfgk.TimeLimit.from_text`)."""
    try:
        return TimeLimit.from_text(cell)
    except ValueError as e:
        raise SourceError(f"{what}: {e}") from None


def channel(label: str, what: str) -> Channel:
    """One channel label, read as zfgk reads one (:func:`zfgk.model.parse_label`)."""
    try:
        return parse_label(Channel, label)
    except InvalidArgumentError as e:
        raise SourceError(f"{what}: {e}") from None


def channels(text: str, what: str) -> frozenset[Channel]:
    """The channel labels of a cell, read as zfgk reads them (:func:`zfgk.model.parse_labels`)."""
    try:
        return parse_labels(Channel, text)
    except InvalidArgumentError as e:
        raise SourceError(f"{what}: {e}") from None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def categories(items: Iterable[Item]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.category for i in items))


def basis_entries(text: str, what: str) -> tuple[str, ...]:
    """The 《…》 titles of a 公开依据 cell that lists them without numbers."""
    entries = re.findall(r"《[^《》]*》", text)
    rest = re.sub(r"《[^《》]*》", "", text).strip()
    if rest:
        raise SourceError(f"{what}: text outside 《》: {rest!r}")
    return tuple(entries)
