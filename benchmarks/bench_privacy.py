"""is_valid_id against python-stdnum's cn.ric.is_valid, and redact throughput.

    pip install python-stdnum && python benchmarks/bench_privacy.py

The same mixed inputs go to both: valid numbers, numbers with one digit
changed or two swapped, impossible dates, unknown regions, wrong lengths and
lower-case x.  Region codes are county codes python-stdnum knows without a
date range: it also checks the county existed in the birth year, which zfgk
(province level only) does not.  The two alternate over rounds of the same
60,000 inputs, each timed in process time; the ratio printed is that of the
medians, from one run (goal: zfgk at least 20x faster); never asserted in tests.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from stdnum.cn import ric

import zfgk

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def stable_counties() -> list[str]:
    """County codes python-stdnum knows with no date range, so both judge the same."""
    from pathlib import Path

    codes, province = [], ""
    for line in Path(ric.__file__).with_name("loc.dat").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            province = line.split()[0]
            continue
        code, _, rest = line.strip().partition(" ")
        if "[" not in rest and not code.endswith("00"):
            codes.append(province + code)
    return codes


REGIONS = stable_counties()


def check(first17: str) -> str:
    return "10X98765432"[sum(int(a) * w for a, w in zip(first17, WEIGHTS, strict=True)) % 11]


def inputs(n: int) -> list[str]:
    rng = random.Random(7064)
    out = []
    for i in range(n):
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(30000))
        first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + check(first17)
        kind = i % 6
        if kind == 1:
            j = rng.randrange(18)
            number = (
                number[:j]
                + str((int(number[j]) + 1) % 10 if number[j] != "X" else 0)
                + number[j + 1 :]
            )
        elif kind == 2:
            bad = number[:10] + "13" + number[12:17]
            number = bad + check(bad)
        elif kind == 3:
            number = number[:17]
        elif kind == 4:
            number = number.lower()
        out.append(number)
    return out


def timed(func, data):  # type: ignore[no-untyped-def]
    start = time.process_time()
    result = [func(x) for x in data]
    return time.process_time() - start, result


def main(rounds: int = 9) -> None:
    data = inputs(60_000)
    ours_times, theirs_times = [], []
    for _ in range(rounds):
        ours_t, ours = timed(zfgk.is_valid_id, data)
        theirs_t, theirs = timed(ric.is_valid, data)
        ours_times.append(ours_t)
        theirs_times.append(theirs_t)
    ours_t, theirs_t = statistics.median(ours_times), statistics.median(theirs_times)
    agree = sum(a == b for a, b in zip(ours, theirs, strict=True))
    print(f"{len(data)} mixed inputs; verdicts agree on {agree} ({agree / len(data):.1%})")
    print(f"zfgk.is_valid_id      {ours_t / len(data) * 1e6:6.2f} µs per call")
    print(f"stdnum cn.ric.is_valid {theirs_t / len(data) * 1e6:6.2f} µs per call")
    print(
        f"ratio: zfgk is {theirs_t / ours_t:.1f}x faster (goal >= 20x; medians of {rounds} "
        "alternating rounds)"
    )

    line = "{n}. 张三，身份证号 11010519491231002X，房号 3-2-{n}，联系电话 138-1234-5678，面积 56.8㎡；\n"
    notice = "".join(line.format(n=n) for n in range(20_000))
    size = len(notice.encode("utf-8")) / 1e6
    start = time.perf_counter()
    zfgk.redact(notice)
    elapsed = time.perf_counter() - start
    print(f"redact: {size:.1f} MB of notice text in {elapsed:.2f} s = {size / elapsed:.1f} MB/s")
    clean = notice.replace("11010519491231002X", "110105********002X").replace(
        "1234-5678", "****-5678"
    )
    start = time.perf_counter()
    zfgk.redact(clean)
    elapsed = time.perf_counter() - start
    print(f"redact, text with nothing to hide: {size / elapsed:.1f} MB/s")


if __name__ == "__main__":
    main()
