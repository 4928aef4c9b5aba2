"""validate against fastjsonschema and jsonschema; mask_record beside validate; zfgk check
against pandas + pandera.

    pip install fastjsonschema jsonschema pandas pandera python-calamine openpyxl
    python benchmarks/bench_validation.py          # every comparison
    python benchmarks/bench_validation.py --records   # only the records (no files)
    python benchmarks/bench_validation.py --xlsx   # only the .xlsx one

Records: for every item of both catalogues, a clean record of its fields
(a masked ID number, a phone the item publishes, a name, text) is checked by
``zfgk.validate``, by ``fastjsonschema.compile`` of the item's JSON Schema
(what ``zfgk schema N`` prints) and by jsonschema's compiled Draft 2020-12
validator (``iter_errors``, so that both list what is wrong); the calls
alternate in rounds and each side's median per call is compared (goal:
zfgk faster than fastjsonschema on every item).  Then 100,000 records of
item 19, 20% with a blank or missing field: ``zfgk.validate_many`` against
the same two, each record judged (fastjsonschema raises at a record's first
error; the verdicts are compared).  Then ``zfgk.mask_record`` of the clean
six-field record of item 19 (and of item 22, with its masked ID number)
beside ``zfgk.validate`` of it (goal: no slower).

Files: ``zfgk check`` on a 200,000-row UTF-8 CSV of item 19, and what a
user would otherwise write: ``pandas.read_csv`` and a pandera schema that
checks the same six columns for presence and blanks (and does nothing else:
no ID numbers searched, no row numbers reported).  Both are whole
processes, run in turn five times; the medians are compared.  The same
comparison on a 200,000-row .xlsx of item 19 as an officer's list looks (a
title row above the header; openpyxl writes it): ``zfgk check`` finds the
header under the title itself, and reads every sheet and every part of the
book as ``check_file`` does; pandas is told where the header is
(``pandas.read_excel(engine="calamine", header=1, dtype=str)``).  Printed
from one run (goals: validate faster than fastjsonschema, zfgk check 2x
pandas + pandera); never asserted in tests.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import openpyxl

import zfgk
from zfgk.model import PersonalKind

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


def clean_record(item: zfgk.Item) -> dict[str, str]:
    """A record of every field of ``item`` that passes: each value as the catalogue wants it."""
    values = {PersonalKind.ID_NUMBER: "110105********002X", PersonalKind.NAME: "张*"}
    record = {}
    for f in item.fields:
        if f.personal is PersonalKind.PHONE:
            record[f.name] = "138****5678" if f.masked else "023-63881234"
        else:
            record[f.name] = values.get(f.personal, "民心佳园") if f.personal else "民心佳园"
    return record


def per_call(calls: dict[str, Callable[[], object]], number: int, rounds: int) -> dict[str, float]:
    """The median time of one call of each, in seconds, over ``rounds`` alternating rounds.

    Process time: the machines are shared, and another process's turn on the CPU
    is not this one's.
    """
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            start = time.process_time()
            for _ in range(number):
                call()
            times[name].append((time.process_time() - start) / number)
    return {name: statistics.median(spent) for name, spent in times.items()}


def fast_schema(item: zfgk.Item) -> Callable[[Any], Any]:
    return fastjsonschema.compile(item.json_schema())  # type: ignore[no-any-return]


def compare_items(rounds: int = 15, number: int = 1000) -> None:
    """zfgk.validate, fastjsonschema and jsonschema on a clean record of every item."""
    print("a clean record of each item: median µs per call (ratio: fastjsonschema's time / zfgk's)")
    print(f"{'item':14} {'fields':>6} {'zfgk':>7} {'fastjs':>7} {'jsonsch':>7}  ratio")
    ratios = []
    for name in zfgk.catalogue_names():
        for item in zfgk.load(name):
            record = clean_record(item)
            fjs = fast_schema(item)
            js = jsonschema.Draft202012Validator(item.json_schema())
            assert zfgk.validate(item, record).ok
            assert fjs(record) == record
            assert js.is_valid(record)
            t = per_call(
                {
                    "zfgk": lambda: zfgk.validate(item, record),  # noqa: B023
                    "fastjsonschema": lambda: fjs(record),  # noqa: B023
                    "jsonschema": lambda: list(js.iter_errors(record)),  # noqa: B023
                },
                number,
                rounds,
            )
            ratio = t["fastjsonschema"] / t["zfgk"]
            ratios.append((ratio, f"{name} {item.number}"))
            print(
                f"{name:9} {item.number:4} {len(record):6} {t['zfgk'] * 1e6:7.2f} "
                f"{t['fastjsonschema'] * 1e6:7.2f} {t['jsonschema'] * 1e6:7.2f}  {ratio:5.2f}x"
            )
    low, where = min(ratios)
    print(
        f"ratio: zfgk.validate is {low:.2f}x fastjsonschema's speed at the least ({where}), "
        f"{statistics.median(r for r, _ in ratios):.2f}x the median item (goal > 1x on every item)"
    )


def compare_many(rounds: int = 5) -> None:
    """validate_many on 100,000 records of item 19 against fastjsonschema and jsonschema."""
    data = records(100_000)
    fjs = fast_schema(ITEM)
    js = jsonschema.Draft202012Validator(ITEM.json_schema())

    def fast_verdicts() -> list[bool]:
        out = []
        for r in data:
            try:
                fjs(r)
            except fastjsonschema.JsonSchemaValueException:
                out.append(False)
            else:
                out.append(True)
        return out

    ours = [r.ok for r in zfgk.validate_many(ITEM, data)]
    assert ours == fast_verdicts() == [js.is_valid(r) for r in data], "verdicts differ"
    t = per_call(
        {
            "zfgk.validate_many": lambda: [r.ok for r in zfgk.validate_many(ITEM, data)],
            "zfgk.validate": lambda: [zfgk.validate(ITEM, r).ok for r in data],
            "fastjsonschema": fast_verdicts,
            "jsonschema iter_errors": lambda: [list(js.iter_errors(r)) for r in data],
        },
        1,
        rounds,
    )
    n = len(data)
    print(f"{n} records of item 19, 20% with a blank or missing field; verdicts agree")
    for name, spent in t.items():
        print(f"{name:24} {spent / n * 1e6:6.2f} µs per record")
    print(
        f"ratio: validate_many is {t['fastjsonschema'] / t['zfgk.validate_many']:.2f}x "
        f"fastjsonschema's speed, {t['jsonschema iter_errors'] / t['zfgk.validate_many']:.1f}x "
        "jsonschema's (problems listed; medians of alternating rounds)"
    )


def compare_mask_record(rounds: int = 15, number: int = 2000) -> None:
    """mask_record beside validate on a six-field record (goal: no slower)."""
    for item in (ITEM, zfgk.load("chongqing").item(22)):
        record = dict(GOOD) if item is ITEM else dict(list(clean_record(item).items())[:6])
        assert zfgk.mask_record(item, record) == record
        t = per_call(
            {
                "mask_record": lambda: zfgk.mask_record(item, record),  # noqa: B023
                "validate": lambda: zfgk.validate(item, record),  # noqa: B023
            },
            number,
            rounds,
        )
        print(
            f"item {item.number}, {len(record)} fields: mask_record {t['mask_record'] * 1e6:.2f} µs, "
            f"validate {t['validate'] * 1e6:.2f} µs: mask_record takes "
            f"{t['mask_record'] / t['validate']:.2f}x validate's time (goal <= 1)"
        )


def main() -> None:
    compare_items()
    compare_many()
    compare_mask_record()
    if "--records" in sys.argv:
        return
    required = [f.name for f in ITEM.fields]
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


#: The children's environment: bytecode written and read, as an installed package has it
#: (pip compiles it on install), whatever PYTHONDONTWRITEBYTECODE says here.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(argv: list[str]) -> tuple[float, float, float]:
    """Seconds (wall), seconds of CPU (user and system) and peak megabytes of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, env=ENV
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, int(result.stderr.split()[-1]) / 1024


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
    run(ours), run(theirs)  # warm the file cache, and write the bytecode
    times: dict[str, list[tuple[float, float, float]]] = {"zfgk": [], "pandas": []}
    for _ in range(5):
        times["zfgk"].append(run(ours))
        times["pandas"].append(run(theirs))
    wall = {k: statistics.median(t for t, _, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c, _ in v) for k, v in times.items()}
    peaks = {k: max(m for _, _, m in v) for k, v in times.items()}
    print(
        f"zfgk check --json  {ROWS} {rows} in {wall['zfgk']:.2f} s ({cpu['zfgk']:.2f} s of CPU), "
        f"peak memory {peaks['zfgk']:.0f} MB"
    )
    print(
        f"{them}  {ROWS} {rows} in {wall['pandas']:.2f} s ({cpu['pandas']:.2f} s of CPU), "
        f"peak memory {peaks['pandas']:.0f} MB"
    )
    print(
        f"ratio: zfgk check is {wall['pandas'] / wall['zfgk']:.2f}x as fast "
        f"({cpu['pandas'] / cpu['zfgk']:.2f}x in CPU time) (goal 2x), whole processes, medians of 5"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write-xlsx"]:
        write_xlsx(Path(sys.argv[2]), [f.name for f in ITEM.fields])
    elif sys.argv[1:2] == ["--xlsx"]:
        compare_xlsx_with_pandas([f.name for f in ITEM.fields])
    else:
        main()
