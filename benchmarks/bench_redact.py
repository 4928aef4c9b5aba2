"""zfgk.redact beside jionlp and a plain regex: leaks, lost values and speed on the same notices.

    pip install jionlp faker && python benchmarks/bench_redact.py [--notices N] [--rounds R]

The corpus (tests/pii_corpus.py) mixes ID numbers and mobile numbers from
Faker's zh_CN provider, written in every form people paste them in, with
what must be published as it is: credit codes, bank accounts, dates,
amounts, office landlines, house numbers, contract numbers.

Three redactors read the same texts:

- ``zfgk.redact``;
- jionlp's ``remove_id_card`` then ``remove_phone_number``, the Chinese NLP
  toolkit people reach for (it deletes what it finds);
- the two regular expressions a developer writes without either: an
  18-character ID number and an 11-digit mobile number standing alone.

Each is counted the same way (``survivors`` in tests/pii_corpus.py): a
personal number *leaks* when its digits, read through the separators the
corpus put between them, are still in the output; a value to publish is
*lost* when its digits are not.  zfgk and the regex keep the text's length,
so their stricter count (any hidden digit showing) is printed too.

Speed: characters per second of each, on the notices (dense: every notice
has 4 to 15 personal numbers) and on the same notices once redacted (text
with nothing left to hide, but its credit codes, accounts and amounts to
read); the rounds alternate the tools, and the ratio printed is the median
of the per-round ratios, since the machines are shared.  Never asserted in
tests (the test suite asserts zero leaks and zero over-masking).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zfgk
from tests.pii_corpus import Notice, measure, notices, survivors

_NAIVE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_NAIVE_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def naive_redact(text: str) -> str:
    """What a developer writes: mask ``\\d{17}[\\dX]`` and ``1[3-9]\\d{9}`` standing alone."""
    text = _NAIVE_ID.sub(lambda m: m.group(1) + "*" * 8 + m.group(3), text)
    return _NAIVE_MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def redactors() -> dict[str, Callable[[str], str]]:
    tools: dict[str, Callable[[str], str]] = {"zfgk.redact": zfgk.redact}
    try:
        import jionlp  # type: ignore[import-not-found]
    except ImportError:
        print("jionlp is not installed (pip install jionlp): it is left out")
    else:

        def jio(text: str) -> str:
            return str(jionlp.remove_phone_number(jionlp.remove_id_card(text)))

        tools["jionlp"] = jio
    tools["plain regex"] = naive_redact
    return tools


def speeds(
    tools: dict[str, Callable[[str], str]], texts: list[str], rounds: int
) -> dict[str, tuple[float, float]]:
    """Each tool's characters per second (best round) and its median ratio to zfgk's time."""
    characters = sum(map(len, texts))
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(rounds):
        for name, redact in tools.items():
            start = time.process_time()
            for text in texts:
                redact(text)
            times[name].append(time.process_time() - start)
    ours = times["zfgk.redact"]
    return {
        name: (
            characters / min(spent),
            statistics.median(t / z for t, z in zip(spent, ours, strict=True)),
        )
        for name, spent in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    corpus: list[Notice] = list(notices(args.notices, args.seed))
    texts = [n.text for n in corpus]
    clean = [zfgk.redact(t) for t in texts]
    tools = redactors()
    print(
        f"{len(corpus)} notices, {sum(map(len, texts)) / 1e6:.2f} M characters, "
        f"{sum(p.personal for n in corpus for p in n.pieces)} personal numbers"
    )
    dense, empty = speeds(tools, texts, args.rounds), speeds(tools, clean, args.rounds)
    for name, redact in tools.items():
        seen = survivors(redact, corpus)
        line = (
            f"{name:12} leaked {seen.leaked:5} of {seen.personal} "
            f"({100 * seen.leaked / seen.personal:5.2f}%), lost {seen.lost:4} of "
            f"{seen.kept_values} values; {dense[name][0] / 1e6:5.2f} M chars/s on notices, "
            f"{empty[name][0] / 1e6:5.2f} M chars/s with nothing to hide"
        )
        print(line)
        if seen.leaks_by_kind:
            print(f"{'':13}leaks by kind: {seen.leaks_by_kind}")
        if name != "jionlp":
            strict = measure(redact, corpus)
            print(
                f"{'':13}any hidden digit showing: {strict.leaked} numbers; "
                f"changed values: {strict.over_masked}"
            )
    for name in tools:
        if name != "zfgk.redact":
            print(
                f"zfgk.redact / {name}: {dense[name][1]:.2f}x as fast on notices, "
                f"{empty[name][1]:.2f}x with nothing to hide (median of {args.rounds} rounds)"
            )


if __name__ == "__main__":
    main()
