"""Render workbooks through LibreOffice (-> PDF -> PNG) and show where two renders differ.

    python tools/render_workbook.py BEFORE.xlsx AFTER.xlsx --out DIR [--dpi 60]
    python tools/render_workbook.py BOOK.xlsx --out DIR          # one workbook, its pages
    python tools/render_workbook.py BOOK.xlsx --out DIR --roundtrip  # and saved again by LibreOffice

Each workbook is converted with ``soffice --headless --convert-to pdf``
(a profile of its own, so a running LibreOffice is not disturbed), its
pages drawn with ``pdftoppm`` (poppler-utils).  For two workbooks, each
pair of pages is compared pixel by pixel: the script prints how many
pixels differ and the box around them, and writes ``diff-N.png``, the
second page greyed with the differing pixels in red, for a person to
look at.  Nothing but the standard library, LibreOffice and poppler is
needed (the pictures are written by hand: PPM in, PNG out).

``--roundtrip`` also has LibreOffice open each workbook and save it again as
.xlsx, and compares every sheet's values before and after (python-calamine):
a file LibreOffice had to repair, or read differently, shows here.

The tests compare parts of the zip, not pictures: this script is how the
pictures in the report of issue 28 were looked at (a masked list must
differ from its source only in the masked digits; a report only in its
marks and its first sheet).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path


def soffice(book: Path, target: str, folder: Path, timeout: int) -> None:
    """``soffice --headless --convert-to`` with a profile of its own, stopped whole on a timeout."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    command = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(folder),
        str(book),
    ]
    try:
        # A session of its own: on a timeout soffice.bin goes too, not only its launcher.
        with subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        ) as process:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                raise SystemExit(f"{book}: LibreOffice took more than {timeout} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def to_pdf(book: Path, folder: Path) -> Path:
    """The workbook as LibreOffice prints it."""
    soffice(book, "pdf", folder, timeout=1800)
    pdf = folder / (book.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"{book}: LibreOffice made no PDF")
    return pdf


def roundtrip(book: Path, folder: Path) -> str:
    """LibreOffice opens ``book`` and saves it as .xlsx: whether every value reads the same."""
    import python_calamine

    target = folder / "roundtrip"
    target.mkdir(exist_ok=True)
    soffice(book, "xlsx", target, timeout=1800)
    again = target / (book.stem + ".xlsx")
    if not again.exists():
        return "LibreOffice wrote nothing"

    def values(path: Path) -> dict[str, list[list[object]]]:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            return {
                n: [list(row) for row in workbook.get_sheet_by_name(n).to_python()]
                for n in workbook.sheet_names
            }
        finally:
            workbook.close()

    before, after = values(book), values(again)
    if list(before) != list(after):
        return f"sheets differ: {list(before)} then {list(after)}"
    differ = [name for name in before if before[name] != after[name]]
    return f"values differ on {differ}" if differ else "every value the same"


def to_pages(pdf: Path, folder: Path, name: str, dpi: int) -> list[Path]:
    """The PDF's pages as PPM pictures."""
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), str(pdf), str(folder / name)], check=True, timeout=300
    )
    return sorted(folder.glob(f"{name}-*.ppm"))


def read_ppm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (P6)."""
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position)
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    if fields[0] != b"P6":
        raise SystemExit(f"{path}: not a binary PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[position + 1 : position + 1 + width * height * 3]


def write_png(path: Path, width: int, height: int, rgb: bytes) -> None:
    """An RGB picture as PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    stride = width * 3
    raw = b"".join(b"\0" + rgb[y * stride : (y + 1) * stride] for y in range(height))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">2I5B", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def compare(before: Path, after: Path, out: Path) -> tuple[int, tuple[int, int, int, int] | None]:
    """Pixels that differ between two pages, their box; a picture of them in ``out``."""
    w1, h1, a = read_ppm(before)
    w2, h2, b = read_ppm(after)
    width, height = max(w1, w2), max(h1, h2)
    if (w1, h1) != (w2, h2):
        return width * height, (0, 0, width, height)
    picture = bytearray()
    count = 0
    box = [width, height, -1, -1]
    for y in range(height):
        row_a = a[y * width * 3 : (y + 1) * width * 3]
        row_b = b[y * width * 3 : (y + 1) * width * 3]
        if row_a == row_b:
            picture += bytes(min(255, 160 + v // 3) for v in row_b)
            continue
        for x in range(width):
            pa, pb = row_a[3 * x : 3 * x + 3], row_b[3 * x : 3 * x + 3]
            if pa != pb:
                count += 1
                box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
                picture += b"\xff\x00\x00"
            else:
                picture += bytes(min(255, 160 + v // 3) for v in pb)
    write_png(out, width, height, bytes(picture))
    return count, (tuple(box) if count else None)  # type: ignore[return-value]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("books", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument(
        "--roundtrip", action="store_true", help="save each again through LibreOffice"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    pages = []
    for n, book in enumerate(args.books[:2]):
        work = Path(tempfile.mkdtemp(prefix="render-"))
        pdf = to_pdf(book.resolve(), work)
        found = to_pages(pdf, work, f"book{n}", args.dpi)
        for page in found:
            width, height, rgb = read_ppm(page)
            write_png(args.out / f"book{n}-{page.stem.split('-')[-1]}.png", width, height, rgb)
        print(f"{book}: {len(found)} pages -> {args.out}/book{n}-*.png")
        if args.roundtrip:
            print(f"{book}: saved again by LibreOffice: {roundtrip(book.resolve(), work)}")
        pages.append(found)
    if len(pages) == 2:
        for n, (first, second) in enumerate(zip(pages[0], pages[1], strict=False), 1):
            count, box = compare(first, second, args.out / f"diff-{n}.png")
            print(f"page {n}: {count} pixels differ" + (f", within {box}" if box else ""))
        if len(pages[0]) != len(pages[1]):
            print(f"pages: {len(pages[0])} before, {len(pages[1])} after")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
