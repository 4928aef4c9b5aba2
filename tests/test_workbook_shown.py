"""A cell read as Excel and LibreOffice show it: a CSV formula of literals, computed.

The fixtures of tests/data/sheets/shown/ are made by tools/make_workbook_fixtures.py;
the answers are what LibreOffice shows for them (tests/data/sheets/README.md: the file
converted to PDF, read with pdftotext).
"""

from __future__ import annotations

from pathlib import Path

from zfgk.files import mask_file, scan_file

DATA = Path(__file__).parent / "data" / "sheets" / "shown"


def test_csv_formula_cells_are_read_as_computed() -> None:
    result = scan_file(DATA / "formula_cells.csv")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "row 2, column B"),  # ="110105"&"19491231002X"
        ("phone", "row 2, column C"),  # ="13812345678"
        ("phone", "row 4, column C"),  # =138&12345678
    ]


def test_csv_formula_cells_are_masked_as_the_text_they_show(tmp_path: Path) -> None:
    out = tmp_path / "公示.csv"
    mask_file(DATA / "formula_cells.csv", out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "张*,110105********002X,138****5678,"
    assert lines[3] == "王*,110105********0031,138****5678,"
    # The masked and the office number's formulas are kept as they were.
    source = (DATA / "formula_cells.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[2] == source[2]
    assert lines[4] == source[4]
    assert scan_file(out).verdict.value == "clean"
