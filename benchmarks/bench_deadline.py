"""deadline(start, 20) against chinese_calendar.find_workday on the same 600 start days.

    python benchmarks/bench_deadline.py [--passes 10]

Both answer "the 20th working day after the start" (for a start on a rest
day chinese-calendar needs N - 1, which the loop below applies, so both
compute the same dates; they are checked to agree).  Each side is warmed by
one pass, then timed over ten passes of the 600 start days, the two
alternating in one process; the median pass of each is compared.  Target:
zfgk at least 1,000x faster.  Printed from one run, never asserted in tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

import chinese_calendar as cc

import zfgk

DAYS = 600


def timed(work: Callable[[], list[date]]) -> tuple[list[date], float]:
    """The result of one pass of ``work`` and its time in seconds (process time: another
    process on the machine does not count)."""
    start = time.process_time()
    result = work()
    return result, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=10)
    args = parser.parse_args()
    first = date(2010, 1, 1)
    # 600 start days spread over 2010..2025, every day of the week and every holiday season
    starts = [first + timedelta(days=i * 9 + i % 7) for i in range(DAYS)]
    plans = [(d, 20 if cc.is_workday(d) else 19) for d in starts]

    def ours() -> list[date]:
        return [zfgk.deadline(d, 20) for d in starts]

    def theirs() -> list[date]:
        return [cc.find_workday(n, d) for d, n in plans]

    assert ours() == theirs(), "the two disagree"  # and both warm
    # zfgk's pass takes well under a millisecond: it is repeated within each timing so
    # that the clock's resolution does not count
    repeat = 50
    zfgk_passes, cc_passes = [], []
    for _ in range(args.passes):
        _, t = timed(lambda: [x for _ in range(repeat) for x in ours()])
        zfgk_passes.append(t / repeat)
        _, t = timed(theirs)
        cc_passes.append(t)
    zfgk_us = statistics.median(zfgk_passes) / DAYS * 1e6
    cc_us = statistics.median(cc_passes) / DAYS * 1e6
    print(f"{DAYS} start days, 20 working days each, {args.passes} passes, medians")
    print(f"zfgk.deadline                 {zfgk_us:8.3f} µs per call")
    print(f"chinese_calendar.find_workday {cc_us:8.1f} µs per call")
    print(f"ratio: zfgk is {cc_us / zfgk_us:,.0f}x faster (target >= 1,000x)")

    t3 = time.perf_counter()
    zfgk.workdays.WorkdayCalendar.from_chinese_calendar()
    print(f"building the calendar once: {(time.perf_counter() - t3) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
