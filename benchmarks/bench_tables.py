"""Reading a 200,000-row .xlsx: zfgk.tables against pandas (calamine engine) and openpyxl.

    pip install pandas python-calamine openpyxl && python benchmarks/bench_tables.py

The workbook is an officer's list of item 19 as openpyxl writes it: a
merged title row, the header, 200,000 records, a footer.  Each reader is a
whole process, run in turn three times, and reads every record's values
as text:

- zfgk: ``zfgk.tables.read_table`` with the item's field names, which finds
  the header under the title, spreads merged cells, notes the footer, and
  first refuses hostile files (zip and XML bombs, huge sheets);
- pandas: ``pandas.read_excel(engine="calamine", header=1, dtype=str)``, told
  where the header is, the footer read as a record;
- openpyxl: ``load_workbook(read_only=True)`` and ``iter_rows(values_only=True)``.

Medians of wall time and the peak memory (max RSS) are printed; never
asserted in tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

HEADER = ["序号", "保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称"]
ROWS = 200_000

READERS = {
    "zfgk": (
        "from pathlib import Path\n"
        "from zfgk.tables import read_table\n"
        "table = read_table(Path(PATH), known=set(HEADER))\n"
        "n = sum(1 for _ in table.lists())\n"
    ),
    "pandas+calamine": (
        "import pandas\n"
        "frame = pandas.read_excel(PATH, engine='calamine', header=1, dtype=str)\n"
        "n = sum(1 for _ in frame.itertuples(index=False))\n"
    ),
    "openpyxl read-only": (
        "import openpyxl\n"
        "book = openpyxl.load_workbook(PATH, read_only=True, data_only=True)\n"
        "n = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))\n"
    ),
}
FOOTER = "import resource\nprint(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def make(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年第三批公共租赁住房分配结果公示"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    for i in range(ROWS):
        sheet.append(
            [
                i + 1,
                "张*",
                "公共租赁住房",
                f"{i % 30}-{i % 7}-{i % 900}",
                45.6,
                "一室一厅",
                "民心佳园",
            ]
        )
    sheet.append(["制表人：张三", None, None, "审核人：李四"])
    book.save(path)


def run(name: str, path: Path) -> tuple[float, int, int]:
    code = f"PATH = {str(path)!r}\nHEADER = {HEADER!r}\n" + READERS[name] + FOOTER
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    count, peak = map(int, done.stdout.split())
    return elapsed, count, peak


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "分配结果.xlsx"
        # Made by another process: a child's peak memory starts from its parent's.
        subprocess.run([sys.executable, __file__, "--make", str(path)], check=True)
        times: dict[str, list[float]] = {name: [] for name in READERS}
        peaks: dict[str, int] = {}
        for _ in range(3):
            for name in READERS:
                elapsed, _, peak = run(name, path)
                times[name].append(elapsed)
                peaks[name] = max(peaks.get(name, 0), peak)
        base = statistics.median(times["zfgk"])
        for name in READERS:
            median = statistics.median(times[name])
            print(
                f"{name:20} {median:6.2f} s  {median / base:5.2f}x zfgk's time  "
                f"peak {peaks[name] // 1024} MB"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make(Path(sys.argv[2]))
    else:
        main()
