"""Leaks and over-masking of ``zfgk.redact`` on generated notices, beside a plain regex.

    python benchmarks/bench_redact.py [--notices N] [--seed S]

The corpus (tests/pii_corpus.py) mixes ID numbers and mobile numbers from
Faker's zh_CN provider, written in every form people paste them in, with
what must be published as it is: credit codes, bank accounts, dates,
amounts, office landlines, house numbers, contract numbers.  A *leak* is a
personal number with a digit that had to be hidden still showing; an
*over-masked* value is one that had to stay and was changed.

The comparison is the redactor a developer writes without zfgk: two
regular expressions, an 18-character ID number and an 11-digit mobile
number not next to other digits.  The figures are read, not asserted: the
test suite asserts zero leaks and zero over-masking on 1,000 notices.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zfgk
from tests.pii_corpus import Figures, measure, notices

_NAIVE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_NAIVE_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def naive_redact(text: str) -> str:
    """What a developer writes: mask ``\\d{17}[\\dX]`` and ``1[3-9]\\d{9}`` standing alone."""
    text = _NAIVE_ID.sub(lambda m: m.group(1) + "*" * 8 + m.group(3), text)
    return _NAIVE_MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def report(name: str, redact: Callable[[str], str], corpus: list[str], figures: Figures) -> None:
    start = time.perf_counter()
    for text in corpus:
        redact(text)
    elapsed = time.perf_counter() - start
    size = sum(len(t.encode("utf-8")) for t in corpus)
    print(
        f"{name:12} leaked {figures.leaked:5} of {figures.personal} personal numbers "
        f"({100 * figures.leaked / figures.personal:.2f}%), over-masked {figures.over_masked:4} "
        f"of {figures.kept_values} values ({100 * figures.over_masked / figures.kept_values:.3f}%), "
        f"{size / elapsed / 1e6:.1f} MB/s"
    )
    worst = sorted(figures.leaks_by_form.items(), key=lambda kv: -kv[1])[:6]
    if worst:
        print("             leaks by form: " + "; ".join(f"{k} {v}" for k, v in worst))
    if figures.over_masked_by_kind:
        print(f"             over-masked: {figures.over_masked_by_kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261124)
    args = parser.parse_args()
    corpus = list(notices(args.notices, args.seed))
    texts = [n.text for n in corpus]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(corpus)} notices, {size / 1e6:.1f} MB of UTF-8 text")
    for name, redact in (("zfgk.redact", zfgk.redact), ("plain regex", naive_redact)):
        report(name, redact, texts, measure(redact, corpus))


if __name__ == "__main__":
    main()
