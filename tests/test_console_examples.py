"""The ``console`` examples of the README and docs/ run as shown.

Each ```` ```console ```` block is a session: a line starting with ``$ ``
is a command, the lines up to the next command are what it prints (stdout
and stderr, as a terminal shows them), and ``...`` in them stands for any
text, as in doctest.  A command whose output is not shown must still
succeed (exit 0 or 1).  ``echo $?`` prints the previous command's exit status.

The commands run in a scratch folder holding a copy of ``examples/`` and
the files a page names (fixtures below), with ``LANG=C.UTF-8`` unless the
command sets ``LANG=…`` itself.  A block that cannot run here (``pip
install``, an ``export``) is preceded by ``<!-- console: not run -->``; one
that reads scans by OCR, by ``<!-- console: needs the ocr extra -->``: it
runs where rapidocr is installed (``nox -s ocr``) and is skipped elsewhere.
The officers' guide runs its blocks as an officer types them, in the
list's folder on a Chinese Windows: ``<!-- console: in FOLDER, LANG=zh_CN.UTF-8 -->``
runs the block's commands in FOLDER (of the scratch folder) with that LANG.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import io
import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from zfgk.cli import main
from zfgk.cli._common import set_language
from zfgk.workdays import clear_calendar_cache

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "README.zh-CN.md", *sorted((ROOT / "docs").glob("*.md"))]
NOT_RUN = "<!-- console: not run -->"
NEEDS_OCR = "<!-- console: needs the ocr extra -->"
BLOCK = re.compile(r"(?P<before>[^\n]*)\n+```console\n(?P<body>.*?)```", re.S)
SETTING = re.compile(r"<!-- console: in (?P<folder>[^,]+), LANG=(?P<lang>\S+) -->")
# The ID number of GB 11643's example, and a mobile number: what a page
# that leaks looks like.
LEAKY_HTML = (
    "<html><body>\n" + "<p>公示</p>\n" * 10 + "<p>张三 11010519491231002X 13812345678</p>\n"
)


# An export of item 19 as Excel in China saves it (GB18030, CRLF), with ID
# numbers the item does not publish (check digits computed with
# python-stdnum; the last is GB 11643's example) and a mobile in a note.
ALLOCATION = (
    "保障对象姓名,身份证号,保障性住房类型,房号,面积,套型,所在建设项目名称,备注\r\n"
    "张三,110105198001010016,公共租赁住房,1-2-301,45.60,一室一厅,康居苑,\r\n"
    "李四,440304199203151234,公共租赁住房,1-2-302,45.60,一室一厅,康居苑,联系电话 13812345678\r\n"
    "王五,11010519491231002X,公共租赁住房,3-1-1201,58.20,两室一厅,康居苑,\r\n"
)


@attrs.frozen
class Command:
    page: str
    line: int
    text: str
    expected: str
    folder: str = "."
    lang: str = "C.UTF-8"


#: The sessions that read scans by OCR (where: page and line).
OCR_SESSIONS: set[str] = set()


def sessions() -> Iterator[tuple[str, list[Command]]]:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            if match.group("before").strip() == NOT_RUN:
                continue
            first_line = text.count("\n", 0, match.start("body")) + 1
            if match.group("before").strip() == NEEDS_OCR:
                OCR_SESSIONS.add(f"{page.name}:{first_line}")
            setting = SETTING.fullmatch(match.group("before").strip())
            where = {"folder": setting["folder"], "lang": setting["lang"]} if setting else {}
            commands: list[Command] = []
            for offset, line in enumerate(match.group("body").splitlines()):
                if line.startswith("$ "):
                    commands.append(Command(page.name, first_line + offset, line[2:], "", **where))
                elif commands:
                    last = commands[-1]
                    commands[-1] = attrs.evolve(last, expected=last.expected + line + "\n")
            yield f"{page.name}:{first_line}", commands


SESSIONS = list(sessions())


def scratch(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "分配结果.csv").write_bytes(ALLOCATION.encode("gb18030"))
    (tmp_path / "公示.html").write_text(LEAKY_HTML, encoding="utf-8")
    return tmp_path


def run(command: Command, folder: Path) -> tuple[int, str]:
    """Run one command as the console would, in this process: ``zfgk.cli.main`` with the
    command's environment and folder, stdout and stderr into one text as a terminal shows
    them, and its exit status (tests/test_officer_console.py runs the installed command in
    its own process, on a GBK console)."""
    words = shlex.split(command.text, comments=True)
    env = {**os.environ, "LANG": command.lang, "PYTHONIOENCODING": "utf-8"}
    for name in ("LC_ALL", "LANGUAGE", "LC_MESSAGES", "ZFGK_HOLIDAYS"):
        env.pop(name, None)
    while words and "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[:1] == ["zfgk"], f"{command.page}:{command.line}: not a zfgk command"
    shown = io.StringIO()
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        with (
            contextlib.chdir(folder / command.folder),
            contextlib.redirect_stdout(shown),
            contextlib.redirect_stderr(shown),
        ):
            try:
                status = main(words[1:])
            except SystemExit as e:  # argparse's --help and usage errors
                status = e.code if isinstance(e.code, int) else 0 if e.code is None else 2
    finally:
        os.environ.clear()
        os.environ.update(saved)
        set_language("en")
        clear_calendar_cache()  # ZFGK_HOLIDAYS of this example is not the next one's
    return status, shown.getvalue()


CHECKER = doctest.OutputChecker()


@pytest.mark.parametrize(("where", "commands"), SESSIONS, ids=[w for w, _ in SESSIONS])
def test_console_example(where: str, commands: list[Command], tmp_path: Path) -> None:
    folder = scratch(tmp_path)
    if where in OCR_SESSIONS:
        if importlib.util.find_spec("rapidocr") is None:
            pytest.skip("reads a scan by OCR: needs the ocr extra (nox -s ocr runs it)")
        # A scanned list (docs/ocr.md): three rows of tests/data/scans, as a site posts a JPEG.
        shutil.copy(ROOT / "tests" / "data" / "scans" / "rows.jpg", folder / "配租名单.jpg")
    status = 0
    for command in commands:
        if command.text.strip() == "echo $?":
            assert command.expected.strip() == str(status), f"{command.page}:{command.line}"
            continue
        status, output = run(command, folder)
        place = f"{command.page}:{command.line}: $ {command.text}"
        if not command.expected:
            if status not in (0, 1):
                pytest.fail(f"{place}\nexit status {status}:\n{output}", pytrace=False)
            continue
        if not CHECKER.check_output(command.expected, output, doctest.ELLIPSIS):
            pytest.fail(f"{place}\nexpected:\n{command.expected}\ngot:\n{output}", pytrace=False)


def test_every_page_with_commands_is_run() -> None:
    pages = {w.split(":")[0] for w, _ in SESSIONS}
    assert {"cli.md", "deadlines.md", "audit.md", "checking.md", "privacy.md"} <= pages
