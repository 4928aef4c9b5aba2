"""validate against jsonschema on the same records, and zfgk check throughput.

    pip install jsonschema && python benchmarks/bench_validation.py

The jsonschema side validates the equivalent required-fields schema (every
required field present, a non-empty string) with a compiled validator, as a
user would write it.  Printed as a ratio from one run (target: zfgk at least
5x faster); never asserted in tests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jsonschema

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
    print(f"jsonschema is_valid          {theirs_t / n * 1e6:6.2f} µs per record (yes/no only)")
    print(f"jsonschema iter_errors       {errors_t / n * 1e6:6.2f} µs per record (errors listed)")
    print(
        f"ratio: zfgk is {theirs_t / ours_t:.1f}x faster than is_valid, "
        f"{errors_t / ours_t:.1f}x than iter_errors (target >= 5x)"
    )

    rows = 200_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        with path.open("w", encoding="gb18030", newline="") as f:
            f.write(",".join(required) + "\r\n")
            for r in records(rows):
                f.write(",".join(r.get(k, "") for k in required) + "\r\n")
        # The child reports its own peak memory from /proc (VmHWM is reset by exec,
        # unlike ru_maxrss, which would count the forked parent's records).
        code = (
            "import sys; from zfgk.cli import main; code = main(sys.argv[1:]); "
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
            "print(hwm.split()[1], file=sys.stderr); sys.exit(code)"
        )
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", code, "check", str(path), "--item", "19", "--json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak = int(result.stderr.split()[-1]) / 1024
    print(
        f"zfgk check: {rows} GB18030 rows in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s, "
        f"peak memory {peak:.0f} MB (exit {result.returncode})"
    )


if __name__ == "__main__":
    main()
