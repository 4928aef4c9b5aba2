"""Numbers found in web pages as Word and CMS editors write them: zfgk.documents beside lxml and html.parser; a whole site on every core.

    python benchmarks/bench_scan.py [--pages N] [--rows R] [--seed S] [--site-pages M] [--jobs J]

Each page is a notice table in the markup Word's "Save as web page" and
CMS editors produce: an ID number and a mobile number per row, written
whole, split over ``<span>`` elements, with a digit as an entity
(``&#53;``), grouped with ``&nbsp;``, or split by ``<o:p>`` and a comment;
a row number in the cell before the ID number.  The ID and mobile numbers
come from Faker's ``zh_CN`` provider.

The comparison is what a developer scans without zfgk: the text of
``lxml.html.fromstring(page).text_content()``, and the text the standard
library's ``html.parser`` collects, each given to :func:`zfgk.find_pii`.
A *missed* number is a personal number whose digits no finding covers; a
*wrong* finding is one that is not one of the page's personal numbers (a
row number glued to an ID number because cells were joined counts here).
The figures are read, not asserted.

Then a whole site: ``--site-pages`` such pages (2,000 by default) in a
folder, scanned by ``zfgk scan DIR --json`` (the command's own code, in this
process, its output thrown away) with ``--jobs 1`` and with ``--jobs J``
(every core by default), each its fastest of three runs, after checking
that both print the same lines.  A control says how much faster plain
Python work ran on those processes at the time: the machines are shared,
and a scan cannot go faster than the cores it is given.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from faker import Faker

from zfgk import find_pii
from zfgk.cli import main as zfgk_main
from zfgk.documents import read
from zfgk.privacy import strip_separators
from zfgk.scanning import available_cores


def id_form(number: str, rng: random.Random) -> str:
    form = rng.randrange(5)
    if form == 0:
        return number
    if form == 1:
        return f"<span lang=EN-US>{number[:6]}</span><span lang=EN-US>{number[6:10]}</span><span>{number[10:]}</span>"
    if form == 2:
        return f"&#{ord(number[0])};{number[1:]}"
    if form == 3:
        return f"{number[:6]}&nbsp;{number[6:14]}&nbsp;{number[14:]}"
    return f"{number[:9]}<!--[if !supportLists]--><o:p></o:p>{number[9:]}"


def mobile_form(number: str, rng: random.Random) -> str:
    form = rng.randrange(3)
    if form == 0:
        return number
    if form == 1:
        return f"{number[:3]}<span>{number[3:7]}</span>{number[7:]}"
    return f"<b>{number[:3]}</b>&nbsp;{number[3:7]}&nbsp;{number[7:]}"


def make_page(faker: Faker, rng: random.Random, rows: int) -> tuple[str, set[str]]:
    known: set[str] = set()
    cells = []
    for row in range(1, rows + 1):
        number, mobile = faker.ssn(), faker.phone_number()
        known |= {number, mobile}
        cells.append(
            f"<tr><td><p class=MsoNormal><span lang=EN-US>{row}<o:p></o:p></span></p></td>"
            f"<td><p class=MsoNormal>{faker.name()}</p></td>"
            f"<td><p class=MsoNormal>{id_form(number, rng)}</p></td>"
            f"<td><p class=MsoNormal>{mobile_form(mobile, rng)}</p></td></tr>\n"
        )
    page = (
        "<html><head><meta charset=utf-8><style>p.MsoNormal{margin:0cm}</style></head><body>"
        "<p>2023年公共租赁住房分配结果公示</p><table border=1>\n"
        + "".join(cells)
        + "</table><p>监督电话：023-63612345</p></body></html>"
    )
    return page, known


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_parser_text(path: Path) -> str:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return "".join(collector.parts)


def lxml_text(path: Path) -> str:
    import lxml.html  # type: ignore[import-untyped]

    return str(lxml.html.fromstring(path.read_bytes()).text_content())


def zfgk_text(path: Path) -> str:
    return read(path).text


def run(name: str, text_of: Callable[[Path], str], pages: list[tuple[Path, set[str]]]) -> None:
    missed = wrong = total = size = 0
    start = time.perf_counter()
    for path, known in pages:
        text = text_of(path)
        found = {strip_separators(text[m.start : m.end]) for m in find_pii(text)}
        missed += len(known - found)
        wrong += len(found - known)
        total += len(known)
        size += path.stat().st_size
    elapsed = time.perf_counter() - start
    print(
        f"{name:12} missed {missed:5} of {total} personal numbers ({100 * missed / total:.1f}%), "
        f"{wrong:4} wrong findings, {size / elapsed / 1e6:.1f} MB of HTML/s (read + find_pii)"
    )


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children, user and system."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def scan_site(folder: Path, jobs: int) -> tuple[float, float, str]:
    """(seconds, CPU seconds, output) of ``zfgk scan FOLDER --json --jobs JOBS``, in this process."""
    out = io.StringIO()
    cpu, start = cpu_seconds(), time.perf_counter()
    zfgk_main(["scan", str(folder), "--json", "--jobs", str(jobs)], stdout=out)
    return time.perf_counter() - start, cpu_seconds() - cpu, out.getvalue()


def _burn(n: int) -> int:
    total = 0
    for k in range(n):
        total += k * k
    return total


def machine_ratio(jobs: int) -> float:
    """How much faster ``jobs`` processes do pure-Python work than one, here and now.

    The machines are shared: this control says how much of the other cores
    the scan could have had while it was measured.
    """
    from concurrent.futures import ProcessPoolExecutor

    tasks = [2_000_000] * (4 * jobs)
    start = time.perf_counter()
    for n in tasks:
        _burn(n)
    alone = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, tasks))
        together = time.perf_counter() - start
    return alone / together


def site(faker: Faker, rng: random.Random, pages: int, rows: int, jobs: int) -> None:
    import contextlib
    import tempfile

    folder = Path(tempfile.mkdtemp())
    for n in range(pages):
        (folder / f"{n // 100:03}").mkdir(exist_ok=True)
        path = folder / f"{n // 100:03}" / f"{n}.html"
        path.write_text(make_page(faker, rng, rows)[0], encoding="utf-8")
    control = machine_ratio(jobs)
    with contextlib.redirect_stderr(io.StringIO()):
        runs: dict[int, list[tuple[float, float, str]]] = {1: [], jobs: []}
        for _ in range(3):  # alternate, so that a busy moment of the machine hits both
            for j, found in runs.items():
                found.append(scan_site(folder, j))
    assert runs[1][0][2] == runs[jobs][0][2], "--jobs changed the output"
    wall = {j: min(r[0] for r in found) for j, found in runs.items()}
    cpu = {j: min(r[1] for r in found) for j, found in runs.items()}
    size = sum(p.stat().st_size for p in folder.rglob("*.html")) / 1e6
    findings = runs[1][0][2].count("\n") - 1
    print(
        f"zfgk scan of {pages} pages ({size:.0f} MB, {findings} findings), fastest of 3: "
        f"--jobs 1 {wall[1]:.2f} s, --jobs {jobs} {wall[jobs]:.2f} s: "
        f"{wall[1] / wall[jobs]:.2f}x as fast ({available_cores()} cores, load average "
        f"{os.getloadavg()[0]:.1f}); CPU time {cpu[1]:.2f} s vs {cpu[jobs]:.2f} s "
        f"(the cost of the processes: {cpu[jobs] / cpu[1] - 1:+.0%}); plain Python work ran "
        f"{control:.2f}x as fast on {jobs} processes at the time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--site-pages", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=available_cores())
    args = parser.parse_args()
    import tempfile

    Faker.seed(args.seed)
    faker, rng = Faker("zh_CN"), random.Random(args.seed)
    folder = Path(tempfile.mkdtemp())
    pages = []
    for n in range(args.pages):
        page, known = make_page(faker, rng, args.rows)
        path = folder / f"{n}.html"
        path.write_text(page, encoding="utf-8")
        pages.append((path, known))
    run("zfgk", zfgk_text, pages)
    run("html.parser", html_parser_text, pages)
    try:
        run("lxml", lxml_text, pages)
    except ImportError:
        print("lxml        not installed: pip install lxml")
    if args.site_pages:
        site(faker, rng, args.site_pages, args.rows, args.jobs)


if __name__ == "__main__":
    main()
