"""Make the fixtures of tests/test_pages_hidden_styles.py: the pages LibreOffice writes of
``tests/data/docx-hidden/styles.docx`` (text hidden by a character style, by a style
based on it, by a paragraph style).

Run by hand from the repository's root when the fixtures must change::

    python3 tools/make_page_hidden_fixtures.py

It needs LibreOffice (``soffice``; the tests do not: they read the files committed in
``tests/data/pages-hidden/``).

- ``styles.xhtml``: its "XHTML Writer File" export, which hides by class rules of a
  ``<style>`` (``.隐藏 { display:none; }`` and ``<span class="隐藏">``);
- ``styles.html``: its "HTML (StarWriter)" export, which hides by each element's own
  ``style="display: none"``, a hidden paragraph too.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from make_fidelity_fixtures import soffice  # tools/ is on the path of its scripts

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "docx-hidden" / "styles.docx"
OUT = ROOT / "tests" / "data" / "pages-hidden"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for target in ("xhtml:XHTML Writer File:UTF8", "html:HTML (StarWriter)"):
            made = soffice(SOURCE, target, Path(work))
            shutil.move(made, OUT / made.name)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
