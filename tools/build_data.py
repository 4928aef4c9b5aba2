"""Build ``src/zfgk/data/*.json`` from the source texts in ``tools/sources/``.

Usage::

    python tools/build_data.py          # (re)write the packaged catalogues
    python tools/build_data.py --check  # exit 1 if they are not up to date

The packaged JSON is never edited by hand: change the builder (or the
sources) and run this again.  ``tests/test_data.py`` fails when the packaged
files differ from what this script produces.

``src/zfgk/data/words/officers.json``, the words officers use for items
(:mod:`zfgk.words`), is built from the hand-made ``tools/sources/words.tsv``:
each item it names must be an item of a packaged catalogue.

The work is done by the ``zfgk_build`` package beside this script: a reader
per source format turns the text into table rows (``read_chongqing``,
``read_shanyin``), and a builder per catalogue turns the rows into records
(``chongqing``, ``shanyin``), with the shared rules for splitting content
into fields (the package's ``zfgk.fields``) and reading cells (``cells``).  To add a catalogue,
add a reader for its format if it has a new one, a builder, and an entry in
``BUILDERS``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tools")]

from zfgk.catalogues import dumps  # noqa: E402
from zfgk.model import Catalogue, normalize_text  # noqa: E402
from zfgk.words import FORMAT as WORDS_FORMAT  # noqa: E402
from zfgk_build import chongqing, shanyin  # noqa: E402

SOURCES = ROOT / "tools" / "sources"
DATA = ROOT / "src" / "zfgk" / "data"

#: Catalogue name -> (builder, source file in tools/sources/).
BUILDERS: dict[str, tuple[Callable[[Path], Catalogue], str]] = {
    "chongqing": (chongqing.build, "chongqing.txt"),
    "shanyin": (shanyin.build, "shanyin.txt"),
}


def build(name: str) -> Catalogue:
    """The catalogue ``name``, built from its source."""
    builder, source = BUILDERS[name]
    return builder(SOURCES / source)


def render(name: str) -> str:
    """The JSON text of the packaged catalogue ``name``."""
    return dumps(build(name))


#: The hand-made table of officers' words, and the packaged file built from it.
WORDS_SOURCE = SOURCES / "words.tsv"
WORDS = DATA / "words" / "officers.json"


def render_words() -> str:
    """The JSON text of ``zfgk/data/words/officers.json``, from ``tools/sources/words.tsv``.

    Words and item names are folded as search folds them; every item named
    must be an item of a packaged catalogue, else this raises ValueError
    naming the line.
    """
    names = {normalize_text(item.name) for name in BUILDERS for item in build(name)}
    entries = []
    seen: set[str] = set()
    lines = WORDS_SOURCE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not all(c.strip() for c in cells):
            raise ValueError(f"{WORDS_SOURCE.name}:{number}: expected word, items, source")
        word = normalize_text(cells[0])
        items = [normalize_text(n) for n in cells[1].split("、")]
        unknown = [n for n in items if n not in names]
        if unknown:
            raise ValueError(f"{WORDS_SOURCE.name}:{number}: not an item: {'、'.join(unknown)}")
        if word in seen:
            raise ValueError(f"{WORDS_SOURCE.name}:{number}: {word} is listed twice")
        seen.add(word)
        entries.append({"word": word, "items": items, "source": cells[2].strip()})
    data = {
        "format": WORDS_FORMAT,
        "source": "tools/sources/words.tsv (hand-made; each word's source in its row)",
        "words": entries,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: a temporary file renamed into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Write the packaged data, or with ``--check`` only say whether it is stale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the data is stale")
    args = parser.parse_args(argv)
    stale = []
    outputs: list[tuple[Path, Callable[[], str]]] = [
        (DATA / f"{name}.json", partial(render, name)) for name in BUILDERS
    ]
    outputs.append((WORDS, render_words))
    for path, make in outputs:
        text = make()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path.name)
        else:
            write_atomically(path, text)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"stale: {', '.join(stale)}; run python tools/build_data.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
