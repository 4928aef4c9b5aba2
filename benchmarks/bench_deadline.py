"""deadline(start, 20) against chinese_calendar.find_workday on the same start days.

    python benchmarks/bench_deadline.py

Both answer "the 20th working day after the start" (for a start on a rest
day chinese-calendar needs N - 1, which the loop below applies, so both
compute the same dates; they are checked to agree).  Printed as a ratio from
one run, each side timed at its fastest of several passes; target: zfgk at least 1,000x faster.  Never asserted in tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta

import chinese_calendar as cc

import zfgk


def best_of(runs: int, work: Callable[[], list[date]]) -> tuple[list[date], float]:
    """The result of ``work`` and its fastest time in seconds over ``runs`` runs.

    The fastest run is the one least disturbed by the rest of the machine;
    zfgk's loop takes milliseconds, so it is run more often.
    """
    best = float("inf")
    result: list[date] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - t0)
    return result, best


def main() -> None:
    first = date(2004, 1, 1)
    starts = [first + timedelta(days=i) for i in range(0, 365 * 22, 3)]  # 2004..2025
    plans = [(d, 20 if cc.is_workday(d) else 19) for d in starts]
    zfgk.default_calendar()  # built once, outside the timing

    ours, zfgk_s = best_of(20, lambda: [zfgk.deadline(d, 20) for d in starts])
    theirs, cc_s = best_of(2, lambda: [cc.find_workday(n, d) for d, n in plans])

    assert ours == theirs, "the two disagree"
    n = len(starts)
    zfgk_us = zfgk_s / n * 1e6
    cc_us = cc_s / n * 1e6
    print(f"{n} start days, 20 working days each")
    print(f"zfgk.deadline                 {zfgk_us:8.2f} µs per call")
    print(f"chinese_calendar.find_workday {cc_us:8.2f} µs per call")
    print(f"ratio: zfgk is {cc_us / zfgk_us:.0f}x faster (target >= 1000x)")

    t3 = time.perf_counter()
    zfgk.workdays.WorkdayCalendar.from_chinese_calendar()
    print(f"building the calendar once: {(time.perf_counter() - t3) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
