"""Reading gettext ``.po`` catalogues and writing ``.mo`` files (internal; no dependencies).

The build hook (``hatch_build.py``) compiles the package's catalogues with
:func:`compile_po` when the wheel is built; :mod:`zfgk.i18n` reads a ``.po``
directly only in a source checkout that was never built.

>>> import pathlib, tempfile
>>> from zfgk._po import compile_po, read_po
>>> po = pathlib.Path(tempfile.mkdtemp()) / "zfgk.po"
>>> _ = po.write_text('msgid "FAILED"\\nmsgstr "未通过"\\n', encoding="utf-8")
>>> read_po(po)
{'FAILED': '未通过'}
>>> import gettext
>>> with compile_po(po, po.with_suffix(".mo")).open("rb") as f:
...     gettext.GNUTranslations(f).gettext("FAILED")
'未通过'
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

__all__ = ["compile_po", "read_po", "write_mo"]


def read_po(path: Path) -> dict[str, str]:
    """The translations of a ``.po`` file: msgid -> msgstr (untranslated ones left out).

    Comments, the header entry and ``msgctxt``/plural forms (which zfgk does
    not use) are skipped; a malformed line raises :class:`ValueError` naming it.
    """
    messages: dict[str, str] = {}
    key: str | None = None
    parts: dict[str, list[str]] = {}

    def flush() -> None:
        msgid = "".join(parts.get("msgid", []))
        msgstr = "".join(parts.get("msgstr", []))
        if msgid and msgstr:
            messages[msgid] = msgstr

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is None:
                raise ValueError(f"{path}:{number}: a string outside an entry")
            parts[key].append(_string(line, path, number))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword not in ("msgid", "msgstr"):
            raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
        if keyword == "msgid":
            flush()
            parts = {}
        key = keyword
        parts[key] = [_string(rest.strip(), path, number)]
    flush()
    return messages


def _string(literal: str, path: Path, number: int) -> str:
    if not (len(literal) >= 2 and literal[0] == literal[-1] == '"'):
        raise ValueError(f"{path}:{number}: expected a quoted string")
    value = ast.literal_eval(literal)
    if not isinstance(value, str):  # pragma: no cover - a quoted literal is a str
        raise ValueError(f"{path}:{number}: expected a string")
    return value


def write_mo(messages: dict[str, str], path: Path) -> Path:
    """Write ``messages`` as a GNU ``.mo`` file (UTF-8), the header first."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    table_ids, table_strs, blob = [], [], b""
    for encoded in ids:
        table_ids.append((len(encoded), data_at + len(blob)))
        blob += encoded + b"\0"
    for encoded in strs:
        table_strs.append((len(encoded), data_at + len(blob)))
        blob += encoded + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in (*table_ids, *table_strs))
    path.write_bytes(header + tables + blob)
    return path


def compile_po(source: Path, target: Path) -> Path:
    """Compile a ``.po`` file to a ``.mo`` file; returns the ``.mo`` path."""
    return write_mo(read_po(source), target)
