"""The Chinese of the documentation's pages: gettext catalogues, brought up to date and checked.

Usage::

    python tools/docs_po.py            # docs/locale/zh_CN/LC_MESSAGES/*.po brought up to date
    python tools/docs_po.py --check    # exit 1 if a page has a message without its Chinese

Sphinx's gettext builder cuts every page into messages (a paragraph, a
heading, a table cell, a list item); ``docs/locale/zh_CN/LC_MESSAGES/``
holds one ``.po`` catalogue per page with the Chinese of each, and
``sphinx-build -D language=zh_CN`` builds the Chinese pages from them.  The
update keeps every translation already made, adds each new message with an
empty ``msgstr`` and drops the messages the pages no longer have (a
translation whose message changed is kept, marked fuzzy, for the translator
to review).  The check fails on any message without a translation, a fuzzy
one counting as missing.

Not translated, by design: code and console examples (Sphinx does not offer
them), the generated pages of the catalogues (Chinese already), and the
docstrings the API reference takes from the package (the library's
reference, in English, the language of its code).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LOCALE = DOCS / "locale" / "zh_CN" / "LC_MESSAGES"
#: Pages that are not translated through catalogues: generated in Chinese already.
GENERATED = ("catalogues/",)


def templates(into: Path) -> dict[str, Catalog]:
    """The messages of every page, as Sphinx's gettext builder cuts them, by page name."""
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "gettext", str(DOCS), str(into)],
        check=True,
    )
    found = {}
    for pot in sorted(into.rglob("*.pot")):
        name = pot.relative_to(into).with_suffix("").as_posix()
        if name.startswith(GENERATED):
            continue
        with pot.open("rb") as f:
            found[name] = read_po(f)
    return found


def translated_here(message: object) -> bool:
    """Whether a message is one a page's own text holds (not a docstring the API page takes).

    A message's places are ``docs/page.md:line`` for a page's text, and
    ``src/…py:docstring of zfgk.x`` for what autodoc takes from the package.
    """
    locations = getattr(message, "locations", ())
    return any(str(path).endswith(".md") for path, _ in locations)


def update(pages: dict[str, Catalog]) -> None:
    """Each page's catalogue with its translations kept, its new messages added, its old ones gone."""
    LOCALE.mkdir(parents=True, exist_ok=True)
    for name, template in pages.items():
        path = LOCALE / f"{name}.po"
        old = Catalog(locale="zh_CN")
        if path.exists():
            with path.open("rb") as f:
                old = read_po(f, locale="zh_CN")
        new = Catalog(locale="zh_CN", project="zfgk", fuzzy=False)
        for message in template:
            if not message.id or not translated_here(message):
                continue
            known = old.get(message.id)
            string = known.string if known is not None else ""
            flags = set(known.flags) if known is not None else set()
            new.add(message.id, string, locations=message.locations, flags=flags)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, new, width=0, omit_header=False, sort_output=False)
    for stale in LOCALE.rglob("*.po"):
        if stale.relative_to(LOCALE).with_suffix("").as_posix() not in pages:
            stale.unlink()


def missing(pages: dict[str, Catalog]) -> list[str]:
    """Each message of a page without its Chinese (fuzzy counts as missing): ``page: message``."""
    problems = []
    for name, template in pages.items():
        path = LOCALE / f"{name}.po"
        if not path.exists():
            problems.append(f"{name}: no catalogue docs/locale/zh_CN/LC_MESSAGES/{name}.po")
            continue
        with path.open("rb") as f:
            catalogue = read_po(f, locale="zh_CN")
        for message in template:
            if not message.id or not translated_here(message):
                continue
            known = catalogue.get(message.id)
            if known is None or not known.string or known.fuzzy:
                problems.append(f"{name}: {str(message.id)[:70]!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail on a message without Chinese")
    args = parser.parse_args(argv)
    pages = templates(DOCS / "_build" / "gettext")  # here, so the messages' places stay the same
    if not args.check:
        update(pages)
    problems = missing(pages)
    for problem in problems[:50]:
        print(f"untranslated: {problem}", file=sys.stderr)
    if len(problems) > 50:
        print(f"… and {len(problems) - 50} more", file=sys.stderr)
    print(
        f"{sum(len(p) for p in pages.values())} messages in {len(pages)} pages, {len(problems)} without Chinese"
    )
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
