"""A CSV's date read by a formula (tests/data/formulas/dates.csv, made by
tools/make_formula_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

from zfgk.files import scan_file

DATA = Path(__file__).parent / "data" / "formulas"


def test_an_iso_date_a_formula_reads_is_its_serial_number() -> None:
    # C2 =B2&"567890" over 1937-10-17: LibreOffice (and Excel) show 13805567890, the date's
    # serial 13805 joined; zfgk joined the text 1937-10-17 and passed the file. C3 reads
    # 1937/10/17, a date to Excel in a Chinese locale (13805567890) and a text to
    # LibreOffice in an English one: cannot check. C4 =B4*1 over 2026-03-01 is 46082
    result = scan_file(DATA / "dates.csv")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "row 2, column C")
    ]
    assert [str(u.location) for u in result.unread] == ["row 3, column C"]
