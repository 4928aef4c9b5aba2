"""Issue 27, point 12: the README tells a newcomer the truth about installing zfgk.

zfgk is not on the Python package index, so ``pip install zfgk`` fails; a
fresh Debian or Ubuntu refuses ``pip install`` outside a virtual
environment.  Every install the README and the quickstart show is from the
checkout, a wheel, or a folder of wheels, in a virtual environment made in
the same block, with extras that pyproject.toml has.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

from zfgk.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "docs" / "quickstart.md"]
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def installs(block: str) -> list[list[str]]:
    """The words of each ``pip install`` command in a block (``&&`` chains split)."""
    found = []
    for line in block.splitlines():
        for command in line.removeprefix("$ ").split("&&"):
            words = shlex.split(command, comments=True)
            if words[:2] == ["pip", "install"]:
                found.append(words[2:])
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_install_is_from_the_checkout_in_a_venv(page: Path) -> None:
    extras = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    )
    seen = 0
    for block in blocks(page):
        for words in installs(block):
            seen += 1
            targets = [w for w in words if not w.startswith("-")]
            if targets in (["nox", "uv"],):
                assert "-m venv" in block, block  # the tools too, in a venv
                continue
            for target in targets:
                if target.startswith("wheelhouse"):
                    continue  # the value of --find-links
                name, _, extra = target.partition("[")
                if name == "zfgk":  # only from a folder of wheels, never the index
                    assert "--no-index" in words
                    assert "--find-links" in words
                else:
                    assert name == ".", target
                for wanted in filter(None, extra.rstrip("]").split(",")):
                    assert wanted in extras, target
            if "--no-index" not in words:
                assert "-m venv" in block, block
    assert seen
    assert "pip install zfgk\n" not in page.read_text(encoding="utf-8")


def test_the_readme_command_runs_on_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    first = blocks(ROOT / "README.md")[0]
    command = shlex.split(first.split("&& zfgk ", 1)[1])
    assert command == ["check", "examples/item19-allocation.csv", "--item", "19"]
    command[1] = str(ROOT / command[1])
    assert main([*command, "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].strip() == "OK"
