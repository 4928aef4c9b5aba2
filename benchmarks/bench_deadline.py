"""deadline(start, 20) against chinese_calendar.find_workday on the same start days.

    python benchmarks/bench_deadline.py

Both answer "the 20th working day after the start" (for a start on a rest
day chinese-calendar needs N - 1, which the loop below applies, so both
compute the same dates; they are checked to agree).  Printed as a ratio from
one run; target: zfgk at least 1,000x faster.  Never asserted in tests.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import chinese_calendar as cc

import zfgk


def main() -> None:
    first = date(2004, 1, 1)
    starts = [first + timedelta(days=i) for i in range(0, 365 * 22, 3)]  # 2004..2025
    plans = [(d, 20 if cc.is_workday(d) else 19) for d in starts]
    zfgk.default_calendar()  # built once, outside the timing

    t0 = time.perf_counter()
    ours = [zfgk.deadline(d, 20) for d in starts]
    t1 = time.perf_counter()
    theirs = [cc.find_workday(n, d) for d, n in plans]
    t2 = time.perf_counter()

    assert ours == theirs, "the two disagree"
    n = len(starts)
    zfgk_us = (t1 - t0) / n * 1e6
    cc_us = (t2 - t1) / n * 1e6
    print(f"{n} start days, 20 working days each")
    print(f"zfgk.deadline                 {zfgk_us:8.2f} µs per call")
    print(f"chinese_calendar.find_workday {cc_us:8.2f} µs per call")
    print(f"ratio: zfgk is {cc_us / zfgk_us:.0f}x faster (target >= 1000x)")

    t3 = time.perf_counter()
    zfgk.workdays.WorkdayCalendar.from_chinese_calendar()
    print(f"building the calendar once: {(time.perf_counter() - t3) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
