"""zfgk's OCR (rapidocr, PP-OCR models) beside Tesseract on the committed scans: recall of the
planted numbers, false numbers, pages per second; and zfgk's whole task on the same files.

    apt-get install tesseract-ocr tesseract-ocr-chi-sim
    pip install '.[ocr,pdf]' pytesseract && python benchmarks/bench_ocr.py [--rounds R]

Tesseract (``chi_sim+eng``, through pytesseract) is the engine Presidio's
image redactor uses.  Both read the same page images (tests/data/scans/:
150, 200 and 300 dpi, JPEG quality 60 to 80, turned up to 2 degrees, grey
paper, a red seal, a phone photo, a bilevel TIFF, a scanned PDF; the
files made from those, the same pictures again, are left out), one thread
each, and both texts are searched with the same rules:

- zfgk: :func:`zfgk.documents._ocr.find_in_page` on rapidocr's boxes (a
  row's boxes joined where OCR split a number);
- Tesseract: :func:`zfgk.find_pii` on the page's text as Tesseract prints
  it (its own line layout).

A planted number counts as found when a finding reads as its masked form
(the first 6 and last 4 characters of an ID number, the first 3 and last 4
of a mobile); a finding that is no planted number is a false number.  The
answer key is tests/data/scans/answers.json.  Speed: pages per second of
CPU time (this process and its children: pytesseract runs the tesseract
program), each engine already loaded, the best of ``--rounds`` passes; and
the CPU time of the 200 dpi page alone.  Then ``zfgk.scan_file`` on each
file (an image file, or a PDF's scanned pages through the PDF reader's
entry points): the task's path, decoding and text included, with the same
answers; and the peak memory of this process, which reads one page at a
time.  Never asserted in tests.

``--recall`` runs only zfgk's part, without Tesseract: every committed
file, the derived ones too, read as ``zfgk scan`` reads it, each planted
number looked for on its page, as its kind, with its box inside the page,
and no other number anywhere; it exits 1 on any miss.  This is the
exhaustive check tests/test_ocr_scans.py leaves here (the tests read one
file of each kind; ``nox -s ocr`` must stay short).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
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
#: Files made from the other scans (the same pictures as a GIF, a JPEG, a searchable PDF).
DERIVED = frozenset({"list-searchable.pdf", "rows.gif", "rows.jpg"})
#: The page whose CPU time is shown alone: an A4 list scanned at 200 dpi under a seal.
PAGE_200_DPI = ("list-200dpi-seal.jpg", 1)


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
        "page_200dpi": _page_seconds(read, pages),
        "planted": planted,
        "found": found,
        "recall": found / planted,
        "false": false,
        "seconds": seconds,
        "pages_per_second": len(pages) / seconds,
        "missed": missed,
    }


def _page_seconds(
    read: Callable[[object], list[str]], pages: Sequence[tuple[str, int, object]]
) -> float:
    """CPU seconds of reading the 200 dpi page alone."""
    image = next(image for file, number, image in pages if (file, number) == PAGE_200_DPI)
    start = _cpu()
    read(image)
    return _cpu() - start


def task(
    files: Sequence[str], problems: list[str] | None = None
) -> tuple[int, int, int, int, float]:
    """What ``zfgk.scan_file`` does with each file (the file read into its document, then
    :func:`zfgk.find_pii` on its text): (planted, found, false, pages, CPU seconds).

    Each thing wrong is added to ``problems``, as tests/test_ocr_scans.py's recall test
    asserts it: the pages read not the file's pages, a planted number missed or found as
    another kind, a finding outside its page's picture or with no box (OCR gives every
    number a box; a typed number, as the invisible layer of a searchable PDF holds, is
    left out), a number found that was not planted."""
    from zfgk.documents import open_document
    from zfgk.documents._image_pdf import TypedAndScanned, read_pdf_scans, with_scans
    from zfgk.documents._pdf import read_pdf

    answers = json.loads((SCANS / "answers.json").read_text(encoding="utf-8"))["files"]
    problems = [] if problems is None else problems
    planted = found = false = pages = 0
    start = _cpu()
    for file in files:
        path = SCANS / file
        if path.suffix == ".pdf":  # the PDF reader's entry points, as the PDF reader calls them
            text, source = with_scans(path, *read_pdf(path), read_pdf_scans(path))
            unread = source.unread
        else:
            document = open_document(path)
            (read,) = document.texts
            text, source, unread = read.text, read.where, document.unread
        scans = source.scans if isinstance(source, TypedAndScanned) else source
        sizes = {page.label: (page.width, page.height) for page in scans.pages}
        if unread or sorted(sizes) != [str(n) for n in range(1, len(answers[file]) + 1)]:
            problems.append(f"{file}: pages read {sorted(sizes)}, unread {unread}")
        hidden = redact(text)
        got = []
        for m in find_pii(text):
            where = source.locate(m.start)
            value = shown(hidden[m.start : m.end])
            if where.box is None:
                if not (isinstance(source, TypedAndScanned) and m.start < source.split):
                    problems.append(f"{file} p{where.page}: {value} has no box")
                continue  # the typed text of a PDF: not what OCR read
            left, top, right, bottom = where.box
            width, height = sizes.get(where.page or "", (0, 0))
            if not (0 <= left < right <= width and 0 <= top < bottom <= height):
                problems.append(f"{file} p{where.page}: {value}'s box {where.box} is off the page")
            got.append((where.page, value, m.kind.value))
        for number, numbers in enumerate(answers[file], start=1):
            pages += 1
            kinds = {masked(p["kind"], p["value"].upper()): p["kind"] for p in numbers}
            here = [(value, kind) for page, value, kind in got if page == str(number)]
            have = {value for value, _ in here}
            planted += len(kinds)
            found += len(kinds.keys() & have)
            false += len(have - kinds.keys())
            problems += [f"{file} p{number}: missed {v}" for v in sorted(kinds.keys() - have)]
            problems += [f"{file} p{number}: false {v}" for v in sorted(have - kinds.keys())]
            problems += [
                f"{file} p{number}: {v} found as {kind}, planted as {kinds[v]}"
                for v, kind in here
                if v in kinds and kind != kinds[v]
            ]
            if len(here) != len(have):
                problems.append(f"{file} p{number}: a number found twice")
    return planted, found, false, pages, _cpu() - start


def recall() -> int:
    """zfgk's task path on every committed file, the derived ones too: 0 if every planted
    number is found on its page as its kind and nothing else is found, else 1."""
    answers = json.loads((SCANS / "answers.json").read_text(encoding="utf-8"))["files"]
    files = sorted(answers)
    problems: list[str] = []
    planted, found, false, count, seconds = task(files, problems)
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"rapidocr {version('rapidocr')}, onnxruntime {version('onnxruntime')}: "
        f"{len(files)} files, {count} pages"
    )
    print(
        f"zfgk, every committed file as zfgk scan reads it: {found}/{planted} found "
        f"({found / planted:.1%}), {false} false, {count / seconds:.2f} pages/s"
    )
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--recall",
        action="store_true",
        help="only zfgk's recall on every committed file (no Tesseract); exit 1 on a miss",
    )
    args = parser.parse_args(argv)
    if args.recall:
        return recall()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract on one thread, as zfgk
    answers = json.loads((SCANS / "answers.json").read_text(encoding="utf-8"))["files"]
    pages = [
        (file, number, image.convert("RGB"))
        for file in sorted(answers)
        if file not in DERIVED
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
    for r in results:
        print(f"{r['engine']}: the 200 dpi page alone, {float(r['page_200dpi']):.1f} s of CPU")  # type: ignore[arg-type]
    files = [file for file in sorted(answers) if file not in DERIVED]
    problems: list[str] = []
    planted, found, false, count, seconds = task(files, problems)
    print(
        f"zfgk, the task's path (each file read into its document): {found}/{planted} found, "
        f"{false} false, {count / seconds:.2f} pages/s"
    )
    for problem in problems:
        print(f"  {problem}")
    print(
        f"peak memory of a process that scans them all with scan_file: {worker_memory(files):.0f} MB"
    )
    return 0


def worker_memory(files: Sequence[str]) -> float:
    """The peak memory (MB) of a fresh process that runs ``zfgk.scan_file`` on each of
    ``files`` in turn, as a worker of ``zfgk scan --jobs`` does (engine loaded once, one page
    in memory at a time): its own high-water mark (Linux's ``VmHWM``; ``ru_maxrss`` would
    count the peak of this process, which started it)."""
    paths = [str(SCANS / file) for file in files]
    code = (
        "from zfgk.files import scan_file\n"
        f"for p in {paths!r}:\n"
        "    scan_file(p)\n"
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout) / 1024


if __name__ == "__main__":
    sys.exit(main())
