"""Make tests/data/formulas/xlwt/: .xls files as xlwt writes them (run from the repository's root).

xlwt is not a dependency of zfgk: run this with a Python that has it (and LibreOffice's
``soffice`` on the PATH for the twins made from LibreOffice's .xls)::

    python3 -m venv /tmp/xlwtvenv && /tmp/xlwtvenv/bin/pip install xlwt
    /tmp/xlwtvenv/bin/python tools/make_xlwt_fixtures.py           # write the files
    /tmp/xlwtvenv/bin/python tools/make_xlwt_fixtures.py --shown   # and print what LibreOffice shows

xlwt stores each formula's result as an empty text (FORMULA's result of type 3, no
``RECALCID`` in the file): Excel and LibreOffice compute every formula on opening.
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import tempfile
from pathlib import Path

# tools/ is on the path of its scripts
from make_fidelity_fixtures import soffice as convert
from make_formula_fixtures import SHOWN_CSV, with_result

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "formulas" / "xlwt"

#: 名单: a mobile number built by arithmetic and by a join of the row's cells; amounts.
ROWS: list[list[object]] = [
    ["姓名", "前段", "后段", "号码"],
    ["张三", 1381234, 5678, "B2*10000+C2"],  # 13812345678
    ["李四", 1391234, 5678, "B3&C3"],  # 13912345678
    ["王五", 12, 5, "B4*10+C4"],  # 125: clean
]
#: Powers: a mobile number built by a power of ten (no literal of five digits); amounts.
POWERS: list[list[object]] = [
    ["姓名", "前段", "后段", "号码"],
    ["张三", 1381234, 5678, "B2*10^4+C2"],  # 13812345678
    ["李四", 12, 5, "B3*10^4+C3"],  # 120005: clean
    ["王五", 3, 2, "-B4^C4"],  # 9 (a sign binds tighter than ^): clean
]
#: A formula that may build a number with MID (which zfgk did not compute in an .xls before 0.12).
UNKNOWN: list[list[object]] = [
    ["姓名", "号码", "后段", "显示"],
    ["张三", 1381234000, 5678, "MID(B2,1,7)&C2"],  # 13812345678
]


def _book(rows: list[list[object]], path: Path) -> None:
    import xlwt  # type: ignore[import-not-found]

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r and c == len(row) - 1:
                sheet.write(r, c, xlwt.Formula(value))
            else:
                sheet.write(r, c, value)
    book.save(str(path))


def _libreoffice_twins(folder: str) -> None:
    """calc_libreoffice.xls and calc_current.xls: LibreOffice's .xls of arithmetic.xls, D2's
    stored result 13812345678 put to an empty text (FORMULA result type 3) by hand; in the
    second, the RECALCID's engine (LibreOffice writes 101716) put to the newest Excel's
    191029, which does not compute its stored results again on opening.  calc_stale.xls:
    calc_current.xls with D2's stored result the number 15678 (stale, as a program filling
    a template in leaves it): LibreOffice computes every .xls formula on opening."""
    if shutil.which("soffice") is None:
        print("calc_*.xls: soffice not found, kept as they are")
        return
    data = convert(OUT / "arithmetic.xls", "xls", Path(folder)).read_bytes()
    empty = b"\x03\x00\x00\x00\x00\x00\xff\xff"  # D2's result: an empty text (type 3)
    data = with_result(data, 1, 3, struct.pack("<d", 13812345678.0), empty)
    (OUT / "calc_libreoffice.xls").write_bytes(data)
    recalc = [m.start() for m in re.finditer(re.escape(b"\xc1\x01\x08\x00\xc1\x01\x00\x00"), data)]
    assert len(recalc) == 1, recalc
    engine = recalc[0] + 8
    assert struct.unpack_from("<I", data, engine)[0] < 191029
    data = data[:engine] + struct.pack("<I", 191029) + data[engine + 4 :]
    (OUT / "calc_current.xls").write_bytes(data)
    data = with_result(data, 1, 3, empty, struct.pack("<d", 15678.0))
    (OUT / "calc_stale.xls").write_bytes(data)


def shown(folder: str) -> None:
    """Print each file as LibreOffice shows it (its formulas computed on opening)."""
    if shutil.which("soffice") is None:
        print("soffice not found")
        return
    for path in sorted(OUT.glob("*.xls")):
        print(f"== {path.name}")
        print(convert(path, SHOWN_CSV, Path(folder)).read_text("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shown", action="store_true", help="print what LibreOffice shows")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    _book(ROWS, OUT / "arithmetic.xls")
    _book(UNKNOWN, OUT / "unknown.xls")
    _book(POWERS, OUT / "powers.xls")
    with tempfile.TemporaryDirectory() as folder:
        _libreoffice_twins(folder)
        if args.shown:
            shown(folder)


if __name__ == "__main__":
    main()
