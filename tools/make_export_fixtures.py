"""Build tests/data/export/: ``zfgk export`` of a catalogue, and LibreOffice's PDF of it.

Issue 27, point 11: in the .xlsx that ``zfgk export`` writes, LibreOffice
showed only the first line of a multi-line cell ("1. …"), since neither it
nor Excel sizes a row to its text when opening a file a program wrote.  The
PDF LibreOffice prints from the workbook is the evidence of what it shows:
``tests/test_export_looks.py`` reads the PDF's text and finds every line of
every 公开内容 and 公开依据 cell in it, and checks that the committed workbook
has the row heights and page setup that ``zfgk export`` writes now.

The tests do not run this script and need no LibreOffice: the files are
committed.  Run it again after changing how the export sizes its rows.

Usage (needs LibreOffice: ``apt-get install libreoffice-calc-nogui fonts-wqy-zenhei``)::

    python3 tools/make_export_fixtures.py [OUTDIR]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "export"
sys.path.insert(0, str(ROOT / "src"))

from zfgk.cli import main  # noqa: E402


def build(out: Path = OUT) -> None:
    """Export the Chongqing catalogue to ``chongqing.xlsx`` and print it to ``chongqing.pdf``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-calc-nogui")
    out.mkdir(parents=True, exist_ok=True)
    workbook = out / "chongqing.xlsx"
    if main(["export", "chongqing", "-o", str(workbook)]) != 0:
        raise SystemExit("zfgk export failed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(workbook),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    version = subprocess.run(
        [soffice, "--version"], check=True, capture_output=True, text=True, timeout=120
    ).stdout.strip()
    print(f"wrote {workbook.name} and chongqing.pdf in {out} with {version}")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
