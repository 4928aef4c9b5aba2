"""Cold-start cost of a first lookup, against importing zfgk's dependencies alone.

    python benchmarks/bench_import.py [--runs N] [--instructions]

Each command runs in a fresh interpreter, alternating so that machine noise
falls on both; the medians of one run are compared as a ratio.  The goal
(issue 30) is a ratio of at most 1.1: ``import zfgk;
zfgk.load("chongqing").item(19)`` costs at most a tenth more than
``import attrs, cattrs, chinese_calendar, idna`` (the target of issue 11 was
1.5).  Both sides run from compiled bytecode, as an installed package does:
the children may write ``__pycache__`` even where ``PYTHONDONTWRITEBYTECODE``
is set, and the first (untimed) run of each writes it.  This is a
measurement to read, not a test: timings are never asserted.

On a shared machine the wall times move with the load; ``--instructions``
also counts the instructions each command executes under valgrind's
callgrind (when valgrind is installed), a figure that does not.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BASELINE = "import attrs, cattrs, chinese_calendar, idna"
ZFGK = "import zfgk; zfgk.load('chongqing').item(19)"
EMPTY = "pass"


#: The children's environment: bytecode written and read, as an installed package has it.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return time.perf_counter() - start


def instructions(code: str) -> int:
    """The instructions the command executes, as callgrind counts them (bytecode written first)."""
    run(code)
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                "-c",
                code,
            ],
            check=True,
            env=ENV,
            capture_output=True,
            text=True,
        )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{result.stderr}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with callgrind"
    )
    args = parser.parse_args()
    times: dict[str, list[float]] = {EMPTY: [], BASELINE: [], ZFGK: []}
    for code in times:  # warm the file cache
        run(code)
    for _ in range(args.runs):
        for code, samples in times.items():
            samples.append(run(code))
    medians = {code: statistics.median(samples) for code, samples in times.items()}
    for code, median in medians.items():
        print(f"{median * 1000:7.1f} ms  {code}")
    ratio = medians[ZFGK] / medians[BASELINE]
    print(f"ratio zfgk / dependencies: {ratio:.2f} (goal <= 1.1)")
    startup = medians[EMPTY]
    print(
        f"without interpreter start-up: {(medians[ZFGK] - startup) * 1000:.1f} ms vs "
        f"{(medians[BASELINE] - startup) * 1000:.1f} ms"
    )
    if args.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
        counts = {code: instructions(code) for code in times}
        for code, count in counts.items():
            print(f"{count / 1e6:7.1f} M instructions  {code}")
        print(f"instructions zfgk / dependencies: {counts[ZFGK] / counts[BASELINE]:.3f}")


if __name__ == "__main__":
    main()
