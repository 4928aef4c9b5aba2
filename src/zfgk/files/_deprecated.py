"""0.2's ways to check and mask a file, kept for one minor version (internal)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zfgk.files._check import check_file
from zfgk.validation import Validator

__all__ = ["check_report"]


def check_report(
    output: Path,
    path: Path,
    validator: Validator,
    summary: Sequence[str] = (),
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    header_row: int | None = None,
    language: str = "zh",
) -> Path:
    """0.2's ``zfgk.validation.check_report``: :func:`zfgk.check_file` then ``write_report``.

    ``summary`` is no longer used: the report says the check's own summary.
    """
    del summary
    result = check_file(
        path, item=validator.item, sheet=sheet, header_row=header_row, encoding=encoding
    )
    return result.write_report(output, lang=language)
