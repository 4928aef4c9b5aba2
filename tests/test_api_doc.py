"""docs/api.md is true: what it lists is importable as it says, and it lists all of ``zfgk.__all__``."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import zfgk

API = Path(__file__).resolve().parent.parent / "docs" / "api.md"
TEXT = API.read_text(encoding="utf-8")


def test_every_name_of_the_table_is_zfgk_all_and_imports() -> None:
    listed = re.findall(r"^\| `zfgk\.(\w+)` \|", TEXT, flags=re.M)
    assert len(listed) == len(set(listed)), "a name is listed twice"
    assert set(listed) == set(zfgk.__all__) - {"__version__"}
    namespace: dict[str, object] = {}
    exec(f"from zfgk import {', '.join(listed)}", namespace)  # as a reader would write it
    for name in listed:
        assert namespace[name] is getattr(zfgk, name)


def test_zfgk_all_resolves_and_dir_shows_it() -> None:
    for name in zfgk.__all__:
        getattr(zfgk, name)
    assert set(zfgk.__all__) <= set(dir(zfgk))


def test_every_module_section_imports_with_the_members_it_names() -> None:
    sections = re.findall(r"\.\. automodule:: ([\w.]+)\n((?:   :[^\n]*\n)*)", TEXT)
    assert sections
    for module_name, options in sections:
        module = importlib.import_module(module_name)
        members = re.search(r":members: *(.*)", options)
        for member in filter(
            None, (m.strip() for m in (members.group(1) if members else "").split(","))
        ):
            assert hasattr(module, member), f"{module_name} has no {member}"
