"""zfgk's OCR (rapidocr, PP-OCR models) beside Tesseract on the committed scans: recall of the
planted numbers, false numbers, pages per second.

    apt-get install tesseract-ocr tesseract-ocr-chi-sim
    pip install '.[ocr,pdf]' pytesseract && python benchmarks/bench_ocr.py [--rounds R]

Tesseract (``chi_sim+eng``, through pytesseract) is the engine Presidio's
image redactor uses.  Both read the same page images (tests/data/scans/:
150, 200 and 300 dpi, JPEG quality 60 to 80, turned up to 2 degrees, grey
paper, a red seal, a phone photo, a bilevel TIFF, a scanned PDF), one
thread each, and both texts are searched with the same rules:

- zfgk: :func:`zfgk.documents._ocr.find_in_page` on rapidocr's boxes (a
  row's boxes joined where OCR split a number);
- Tesseract: :func:`zfgk.find_pii` on the page's text as Tesseract prints
  it (its own line layout).

A planted number counts as found when a finding reads as its masked form
(the first 6 and last 4 characters of an ID number, the first 3 and last 4
of a mobile); a finding that is no planted number is a false number.  The
answer key is tests/data/scans/answers.json.  Speed: pages per second of
CPU time (this process and its children: pytesseract runs the tesseract
program), each engine already loaded, the best of ``--rounds`` passes.
Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from zfgk import find_pii, redact
from zfgk.documents._ocr import _engine, find_in_page, ocr_image
from zfgk.documents._ocr_files import page_images

SCANS = Path(__file__).resolve().parent.parent / "tests" / "data" / "scans"


def masked(kind: str, value: str) -> str:
    if kind == "phone":
        return value[:3] + "****" + value[7:]
    hidden = 8 if len(value) == 18 else 6
    return value[:6] + "*" * hidden + value[6 + hidden :]


def shown(text: str) -> str:
    return re.sub(r"[^0-9xX*]", "", text).upper()


def zfgk_reader(image: object) -> list[str]:
    return [f.masked for f in find_in_page(ocr_image(image))]  # type: ignore[arg-type]


def tesseract_reader(image: object) -> list[str]:
    import pytesseract

    text = pytesseract.image_to_string(image, lang="chi_sim+eng")
    masked_text = redact(text)
    return [masked_text[m.start : m.end] for m in find_pii(text)]


def _cpu() -> float:
    """CPU seconds of this process and its children (pytesseract runs the tesseract program)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(
    name: str, read: Callable[[object], list[str]], pages: Sequence[tuple[str, int, object]]
) -> dict[str, object]:
    answers = json.loads((SCANS / "answers.json").read_text(encoding="utf-8"))["files"]
    planted = found = false = 0
    missed: list[str] = []
    start = _cpu()
    for file, number, image in pages:
        got = {shown(m) for m in read(image)}
        want = {masked(p["kind"], p["value"].upper()) for p in answers[file][number - 1]}
        planted += len(want)
        found += len(want & got)
        false += len(got - want)
        missed += [f"{file} p{number}" for _ in want - got]
    seconds = _cpu() - start
    return {
        "engine": name,
        "planted": planted,
        "found": found,
        "recall": found / planted,
        "false": false,
        "seconds": seconds,
        "pages_per_second": len(pages) / seconds,
        "missed": missed,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract on one thread, as zfgk
    answers = json.loads((SCANS / "answers.json").read_text(encoding="utf-8"))["files"]
    pages = [
        (file, number, image.convert("RGB"))
        for file in sorted(answers)
        for number, _, image in page_images(SCANS / file)
    ]
    _engine()  # loaded before the clock starts
    results = []
    for name, reader in (("zfgk (rapidocr)", zfgk_reader), ("Tesseract", tesseract_reader)):
        runs = [measure(name, reader, pages) for _ in range(max(1, args.rounds))]
        results.append(min(runs, key=lambda r: float(r["seconds"])))  # type: ignore[arg-type]
    import pytesseract

    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"rapidocr {version('rapidocr')}, onnxruntime {version('onnxruntime')}, "
        f"Tesseract {pytesseract.get_tesseract_version()}; {len(pages)} pages"
    )
    print(f"{'engine':18} {'found':>9} {'recall':>7} {'false':>6} {'pages/s':>8}")
    for r in results:
        print(
            f"{r['engine']:18} {r['found']:>4}/{r['planted']:<4} {r['recall']:>7.1%} "
            f"{r['false']:>6} {r['pages_per_second']:>8.2f}"
        )
    for r in results:
        print(f"{r['engine']} missed: {r['missed']}")
    ratio = float(results[0]["pages_per_second"]) / float(results[1]["pages_per_second"])  # type: ignore[arg-type]
    print(f"speed, zfgk / Tesseract: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
