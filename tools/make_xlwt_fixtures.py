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
import subprocess
import tempfile
from pathlib import Path

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
    import struct

    soffice = shutil.which("soffice")
    if soffice is None:
        print("calc_*.xls: soffice not found, kept as they are")
        return
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            f"{folder}/out",
            str(OUT / "arithmetic.xls"),
        ],
        check=True,
        capture_output=True,
    )
    data = (Path(folder) / "out" / "arithmetic.xls").read_bytes()
    result = struct.pack("<HH", 1, 3)  # FORMULA of D2: row 1, column 3 (from 0)
    number = struct.pack("<d", 13812345678.0)
    at = [
        m.start()
        for m in re.finditer(re.escape(result), data)
        if data[m.start() - 4 : m.start() - 2] == b"\x06\x00"
        and data[m.start() + 6 : m.start() + 14] == number
    ]
    assert len(at) == 1, at
    data = data[: at[0] + 6] + b"\x03\x00\x00\x00\x00\x00\xff\xff" + data[at[0] + 14 :]
    (OUT / "calc_libreoffice.xls").write_bytes(data)
    recalc = [m.start() for m in re.finditer(re.escape(b"\xc1\x01\x08\x00\xc1\x01\x00\x00"), data)]
    assert len(recalc) == 1, recalc
    engine = recalc[0] + 8
    assert struct.unpack_from("<I", data, engine)[0] < 191029
    data = data[:engine] + struct.pack("<I", 191029) + data[engine + 4 :]
    (OUT / "calc_current.xls").write_bytes(data)
    data = data[: at[0] + 6] + struct.pack("<d", 15678.0) + data[at[0] + 14 :]
    (OUT / "calc_stale.xls").write_bytes(data)


def shown(folder: str) -> None:
    """Print each file as LibreOffice shows it (its formulas computed on opening)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found")
        return
    for path in sorted(OUT.glob("*.xls")):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                "--outdir",
                f"{folder}/shown",
                str(path),
            ],
            check=True,
            capture_output=True,
        )
        print(f"== {path.name}")
        print((Path(folder) / "shown" / (path.stem + ".csv")).read_text("utf-8"))


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
