"""Bring the Chinese message catalogue up to date with the messages in the code.

Usage::

    python tools/update_po.py          # rewrite src/zfgk/locale/zh/LC_MESSAGES/zfgk.po
    python tools/update_po.py --check  # exit 1 if a message lacks its Chinese

A message is every string literal passed to ``N_("…")`` or the command
line's ``tr("…")``, in the package and in the build tool (``tools/zfgk_build``:
the judgements it records in the packaged data are message templates that
zfgk says in the reader's language).  The rewrite keeps every translation already in the
file, adds each new message with an empty ``msgstr`` for you to fill in,
drops the messages the code no longer has, and refreshes the ``#: file``
comments (files, not lines, so that editing code does not stale them).  argparse's own messages (the ``python-format`` entries at the
end) are kept as they are.  ``tests/test_i18n.py`` fails while any message
has no Chinese or a translation's placeholders differ from its template's.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "zfgk"
#: Where messages are marked: the package, and the build tool whose notes the data carries.
SOURCES = (PACKAGE, ROOT / "tools" / "zfgk_build")
CATALOGUE = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "zfgk.po"
MARKERS = ("N_", "tr")
#: argparse's messages are printf templates (``%s``, ``%(prog)s``); these
#: few of its words have no placeholder.
ARGPARSE_WORDS = frozenset(
    {
        "usage: ",
        "positional arguments",
        "options",
        "show this help message and exit",
        "show program's version number and exit",
        "expected one argument",
        "expected at least one argument",
        "expected at most one argument",
    }
)
PRINTF = re.compile(r"%(?:\([a-z_]+\))?[srd]")
HEADER = """\
# Chinese messages of zfgk: the command line and its reports.
# Each msgid is an English template; msgstr must keep its {placeholders}
# (tests/test_i18n.py checks). Compiled to zfgk.mo when the package is built.
# Update with: python tools/update_po.py
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh\\n"
"""


def messages(sources: Sequence[Path] = SOURCES) -> dict[str, list[str]]:
    """Template -> the modules that mark it (paths inside the package, or tools/zfgk_build/…)."""
    found: dict[str, list[str]] = {}
    paths = [(root, path) for root in sources for path in sorted(root.rglob("*.py"))]
    for root, path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = path.relative_to(root if root == PACKAGE else ROOT).as_posix()
                places = found.setdefault(node.args[0].value, [])
                if where not in places:
                    places.append(where)
    return found


def is_argparse(msgid: str) -> bool:
    """Whether ``msgid`` is one of argparse's messages rather than zfgk's."""
    return bool(PRINTF.search(msgid)) or msgid in ARGPARSE_WORDS


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t") + '"'


def render(found: dict[str, list[str]], translations: dict[str, str]) -> str:
    """The catalogue's text: zfgk's messages sorted, then argparse's."""
    lines = [HEADER]
    for msgid in sorted(found):
        lines += [f"#: {' '.join(found[msgid])}"]
        lines += [f"msgid {_quote(msgid)}", f"msgstr {_quote(translations.get(msgid, ''))}", ""]
    lines += ["# argparse's own messages (Python 3.11-3.13), shown by zfgk's command line", ""]
    for msgid in sorted(m for m in translations if is_argparse(m) and m not in found):
        flag = ["#, python-format"] if PRINTF.search(msgid) else []
        lines += [*flag, f"msgid {_quote(msgid)}", f"msgstr {_quote(translations[msgid])}", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or, with ``--check``, check) the catalogue; say what changed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from zfgk._po import read_po

    translations = read_po(CATALOGUE)
    found = messages()
    new = sorted(m for m in found if m not in translations)
    gone = sorted(m for m in translations if m not in found and not is_argparse(m))
    for msgid in new:
        print(f"untranslated: {msgid!r} ({', '.join(found[msgid])})")
    for msgid in gone:
        print(f"no longer used: {msgid!r}")
    if args.check:
        return 1 if new or gone else 0
    CATALOGUE.write_text(render(found, translations), encoding="utf-8")
    print(f"wrote {CATALOGUE.relative_to(ROOT)}: {len(found)} messages, {len(new)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
