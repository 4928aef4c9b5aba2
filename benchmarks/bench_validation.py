"""validate against jsonschema on the same records; zfgk check against pandas + pandera.

    pip install jsonschema pandas pandera python-calamine openpyxl
    python benchmarks/bench_validation.py          # all three comparisons
    python benchmarks/bench_validation.py --xlsx   # only the .xlsx one

The jsonschema side validates the equivalent required-fields schema (every
required field present, a non-empty string) with a compiled validator, as a
user would write it.  The file side runs ``zfgk check`` on a 200,000-row
UTF-8 CSV of item 19, and, on the same file, what a user would otherwise
write: ``pandas.read_csv`` and a pandera schema that checks the same six
columns for presence and blanks (and does nothing else: no ID numbers
searched, no row numbers reported).  Both are whole processes, run in
turn five times; the medians are compared.  The same comparison on a
200,000-row .xlsx of item 19 as an officer's list looks (a title row above
the header; openpyxl writes it): ``zfgk check`` finds the header under the
title itself, pandas is told where it is
(``pandas.read_excel(engine="calamine", header=1, dtype=str)``).  Printed
from one run (targets: validate at least 5x jsonschema, zfgk check at least
as fast as pandas + pandera, goal 2x); never asserted in tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jsonschema
import openpyxl

import zfgk

ITEM = zfgk.load("chongqing").item(19)
GOOD = {
    "保障对象姓名": "张*",
    "保障性住房类型": "公共租赁住房",
    "房号": "1-2-301",
    "面积": "45.60",
    "套型": "一室一厅",
    "所在建设项目名称": "民心佳园",
}


def records(n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        record = dict(GOOD, 房号=f"{i % 9 + 1}-{i % 4 + 1}-{i % 30 + 101}")
        if i % 10 == 3:
            record["面积"] = ""
        if i % 10 == 7:
            del record["套型"]
        out.append(record)
    return out


def main() -> None:
    data = records(100_000)
    required = [f.name for f in ITEM.fields]
    schema = {
        "type": "object",
        "required": required,
        "properties": {name: {"type": "string", "minLength": 1} for name in required},
    }
    validator = jsonschema.Draft202012Validator(schema)

    start = time.perf_counter()
    ours = [r.ok for r in zfgk.validate_many(ITEM, data)]
    ours_t = time.perf_counter() - start
    start = time.perf_counter()
    single = [zfgk.validate(ITEM, r).ok for r in data]
    single_t = time.perf_counter() - start
    kept = zfgk.Validator(ITEM)
    start = time.perf_counter()
    kept_verdicts = [kept(r).ok for r in data]
    kept_t = time.perf_counter() - start
    assert single == kept_verdicts == ours, "verdicts differ"
    start = time.perf_counter()
    theirs = [validator.is_valid(r) for r in data]
    theirs_t = time.perf_counter() - start
    start = time.perf_counter()
    for r in data:
        list(validator.iter_errors(r))
    errors_t = time.perf_counter() - start
    assert ours == theirs, "verdicts differ"
    n = len(data)
    print(f"{n} records of item 19, 20% with a blank or missing field; verdicts agree")
    print(
        f"zfgk.validate_many           {ours_t / n * 1e6:6.2f} µs per record (with problems listed)"
    )
    print(f"zfgk.validate, one by one    {single_t / n * 1e6:6.2f} µs per record")
    print(f"a kept zfgk.Validator        {kept_t / n * 1e6:6.2f} µs per record")
    print(f"jsonschema is_valid          {theirs_t / n * 1e6:6.2f} µs per record (yes/no only)")
    print(f"jsonschema iter_errors       {errors_t / n * 1e6:6.2f} µs per record (errors listed)")
    print(
        f"ratio: validate_many is {theirs_t / ours_t:.1f}x faster than is_valid, "
        f"{errors_t / ours_t:.1f}x than iter_errors; validate one by one "
        f"{theirs_t / single_t:.1f}x than is_valid (target >= 5x, goal 10x)"
    )

    compare_with_pandas(required)
    compare_xlsx_with_pandas(required)


# The child reports its own peak memory from /proc (VmHWM is reset by exec,
# unlike ru_maxrss, which would count the forked parent's records).
PEAK = (
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
    "print(hwm.split()[1], file=sys.stderr)"
)
ZFGK_CHECK = (
    "import sys; from zfgk.cli import main; code = main(sys.argv[1:]); " + PEAK + "; sys.exit(code)"
)
PANDERA = (
    "import sys\n"
    "import pandas as pd\n"
    "import pandera.pandas as pa\n"
    "columns = sys.argv[2].split(',')\n"
    "schema = pa.DataFrameSchema({c: pa.Column(str, pa.Check.str_length(min_value=1)) for c in columns})\n"
    "if sys.argv[1].endswith('.xlsx'):\n"
    "    frame = pd.read_excel(sys.argv[1], engine='calamine', header=1, dtype=str,\n"
    "                          keep_default_na=False)\n"
    "else:\n"
    "    frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)\n"
    "try:\n"
    "    schema.validate(frame, lazy=True)\n"
    "except pa.errors.SchemaErrors as e:\n"
    "    print(len(e.failure_cases), 'failures')\n" + PEAK
)


def run(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak megabytes of one whole process."""
    start = time.perf_counter()
    result = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stderr.split()[-1]) / 1024


ROWS = 200_000


def compare_with_pandas(required: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "item19.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(",".join(required) + "\r\n")
            for r in records(ROWS):
                f.write(",".join(r.get(k, "") for k in required) + "\r\n")
        compare(path, required, "UTF-8 rows", "pandas.read_csv+pandera")


def write_xlsx(path: Path, required: list[str]) -> None:
    """Item 19's records as an officer's .xlsx: a title, the header, numbers as numbers."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("分配结果")
    sheet.append(["2026年第三批公共租赁住房分配结果公示"])
    sheet.append(["序号", *required])
    for number, r in enumerate(records(ROWS), start=1):
        area = r.get("面积") or None
        sheet.append(
            [number, *(float(area) if k == "面积" and area else r.get(k) or None for k in required)]
        )
    book.save(path)


def compare_xlsx_with_pandas(required: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "item19.xlsx"
        # Written by another process: a child's peak memory starts from its parent's.
        subprocess.run([sys.executable, __file__, "--write-xlsx", str(path)], check=True)
        compare(path, required, ".xlsx rows", "pandas.read_excel(calamine)+pandera")


def compare(path: Path, required: list[str], rows: str, them: str) -> None:
    """zfgk check against pandas + pandera on one file, whole processes, medians of 5."""
    ours = [sys.executable, "-c", ZFGK_CHECK, "check", str(path), "--item", "19", "--json"]
    theirs = [sys.executable, "-c", PANDERA, str(path), ",".join(required)]
    run(ours), run(theirs)  # warm the file cache
    times: dict[str, list[tuple[float, float]]] = {"zfgk": [], "pandas": []}
    for _ in range(5):
        times["zfgk"].append(run(ours))
        times["pandas"].append(run(theirs))
    medians = {k: statistics.median(t for t, _ in v) for k, v in times.items()}
    peaks = {k: max(m for _, m in v) for k, v in times.items()}
    print(
        f"zfgk check --json  {ROWS} {rows} in {medians['zfgk']:.2f} s "
        f"({ROWS / medians['zfgk']:,.0f} rows/s), peak memory {peaks['zfgk']:.0f} MB"
    )
    print(
        f"{them}  {ROWS} {rows} in {medians['pandas']:.2f} s, peak memory {peaks['pandas']:.0f} MB"
    )
    print(
        f"ratio: zfgk check is {medians['pandas'] / medians['zfgk']:.2f}x as fast "
        "(target >= 1x, goal 2x), whole processes, medians of 5"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-xlsx"]:
        write_xlsx(Path(sys.argv[2]), [f.name for f in ITEM.fields])
    elif sys.argv[1:2] == ["--xlsx"]:
        compare_xlsx_with_pandas([f.name for f in ITEM.fields])
    else:
        main()
