"""A damaged PDF ends in zfgk's one error line: pypdf's repair notes do not reach the officer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pypdf")


def test_a_damaged_pdf_is_one_error_line(tmp_path: Path) -> None:
    # A process of its own: pytest's logging plugin would catch what Python prints
    # on stderr for a program that has set up no logging.
    pdf = tmp_path / "附件.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    result = subprocess.run(
        [sys.executable, "-m", "zfgk", "--lang", "en", "scan", str(pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"zfgk: error: {pdf}: not a PDF that can be read (damaged?)"
    )
    assert "EOF marker" not in result.stderr
