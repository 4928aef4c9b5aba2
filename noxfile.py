"""Project sessions: ``nox`` runs them all; ``nox -s tests-3.12`` runs one.

The doctests run on every Python that pyproject.toml claims (3.11, 3.12,
3.13) and on 3.14 where it is installed, in the tests sessions (or alone:
``nox -s doctests-3.12``); the test files are shared out among those
Pythons, each file run on one (``share_of_tests``); all with the newest
chinese-calendar; ``calendar_lowest`` runs the calendar's tests once more
with the lowest chinese-calendar pyproject.toml accepts. Interpreters are
looked up on PATH, then under pyenv. On CI (the ``CI`` variable is set) a
missing interpreter is an error, so that CI cannot pass without testing; on
a developer's machine its sessions are skipped.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import nox

# uv makes the environments in seconds where pip takes minutes; plain venv where uv is missing.
# It must use the machine's interpreters, never download one.
nox.options.default_venv_backend = "uv|venv"
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")
# Each module is compiled to bytecode once, by the first interpreter that imports it: where
# PYTHONDONTWRITEBYTECODE is set (as on CI), every interpreter a test starts (xdist workers,
# subprocesses, forks) would otherwise compile zfgk and its dependencies from source again.
# Not at install (UV_COMPILE_BYTECODE): that compiles every module of every package (pandas,
# Django, Sphinx…), most of which no session imports, and cost about 25 s of a CI run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = bool(os.environ.get("CI"))
if hasattr(nox.options, "download_python"):
    nox.options.download_python = "never"  # test on the machine's interpreters, never fetch one

#: The Pythons pyproject.toml claims; each must be there on CI.
REQUIRED = ("3.11", "3.12", "3.13")
#: Tested where installed.
OPTIONAL = ("3.14",)
TYPECHECK_PYTHON = "3.11"
TEST_DEPS = [
    "pytest>=8",
    "pytest-xdist>=3.5",
    "hypothesis>=6.100",
    "jsonschema>=4.20",
    "python-stdnum>=1.20",
    "openpyxl>=3.1",
    "faker>=30",
    "lunardate>=0.2",
    "pypdf>=5.1",
    "cryptography>=41",
    "python-docx>=1.1",
    "babel>=2.12",  # reads the .po catalogues of messages and pages (tests/test_glossary.py)
]
# Optional test dependencies, installed on one Python: the integration recipes'
# frameworks (docs/integration.md; tests/test_integration.py skips without them) and Dask
# (docs/dask.md; tests/test_scan_dask.py runs the page's scan on a LocalCluster).
RECIPE_DEPS = [
    "pandas>=2",
    "fastapi>=0.110",
    "httpx>=0.27",
    "django>=4.2",
    "dask[distributed]>=2024.1",
]
MYPY = "mypy==2.4.1"
RUFF = "ruff==0.17.6"
DOCS_DEPS = ["sphinx>=8", "myst-parser>=4", "furo>=2024.8.6"]


def _runs(executable: str) -> bool:
    try:
        result = subprocess.run([executable, "-c", "pass"], check=False, capture_output=True)
        return result.returncode == 0
    except OSError:
        return False


def interpreter(version: str) -> str | None:
    """An interpreter of ``version``: ``pythonX.Y`` on PATH if it runs, else pyenv's."""
    on_path = shutil.which(f"python{version}")
    if on_path and _runs(on_path):
        return on_path
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    found = sorted(glob.glob(f"{root}/versions/{version}.*/bin/python{version}"))
    found = [f for f in found if _runs(f)]
    return found[-1] if found else None


PYTHONS = {v: interpreter(v) or v for v in REQUIRED}
PYTHONS.update({v: path for v in OPTIONAL if (path := interpreter(v))})


#: The tests of what depends on chinese-calendar's data: working days, deadlines, audits.
CALENDAR_TESTS = [
    "tests/test_workdays.py",
    "tests/test_holidays.py",
    "tests/test_audit.py",
    "tests/test_due_soon.py",
    "tests/test_cli.py",
]


def lowest_chinese_calendar() -> str:
    """The floor of chinese-calendar in pyproject.toml's dependencies, e.g. ``1.11``."""
    with open("pyproject.toml", "rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    for requirement in dependencies:
        m = re.fullmatch(r"chinese-calendar\s*>=\s*([\d.]+)", requirement)
        if m:
            return m.group(1)
    raise ValueError("pyproject.toml names no chinese-calendar>=X floor")


def tests(session: nox.Session) -> None:
    """This Python's share of the test files, then its share of the examples.

    The tests include the check that packaged data is up to date; the
    examples are the doctests of tests/run_doctests.py.
    """
    deps = [*TEST_DEPS, *(RECIPE_DEPS if session.name.endswith(REQUIRED[0]) else [])]
    session.install(".[xlsx,pdf]", *deps)
    session.install("--upgrade", "chinese-calendar")  # the newest, even in a reused venv
    # One worker per core: the suite is CPU-bound and its tests independent.  Each test file
    # runs once, on one of the Pythons (share_of_tests), so that the whole run keeps within
    # CI's four minutes; so does each module's and page's examples (run_doctests --share).
    # Work stealing: a worker that runs out takes tests the other has not begun, so a long
    # test near the end of a share does not leave a core idle.  The examples (one process)
    # run beside the two workers: the installs and the workers' start leave room for them.
    version = session.name.rsplit("-", 1)[1]
    files = session.posargs or share_of_tests(version)
    examples = None
    if not session.posargs:  # and this Python's share of the examples, dealt as the files are
        found = dealt_to()
        share = f"{found.index(version) + 1}/{len(found)}" if version in found else "1/1"
        python = str(Path(session.bin) / "python")
        command = [python, "tests/run_doctests.py", "--installed", "--share", share]
        examples = subprocess.Popen(command)
    try:
        session.run("pytest", "-n", "auto", "--dist", "worksteal", *files)
    finally:
        if examples is not None and examples.wait() != 0:
            session.error("the examples failed (tests/run_doctests.py)")


#: The modules of RECIPE_DEPS, installed on the first Python only.
RECIPE_MODULES = ("pandas", "fastapi", "httpx", "django", "dask", "distributed")
_RECIPE_NAMES = "|".join(RECIPE_MODULES)
_NEEDS_RECIPES = re.compile(
    rf"""importorskip\(\s*["'](?:{_RECIPE_NAMES})\b|^\s*(?:import|from)\s+(?:{_RECIPE_NAMES})\b""",
    re.M,
)


def pinned() -> dict[str, str]:
    """The test files that need a module of RECIPE_DEPS, each run on the first Python, where
    those are installed (elsewhere such a file would skip, and run nowhere)."""
    return {
        f: REQUIRED[0]
        for f in sorted(glob.glob("tests/test_*.py"))
        if _NEEDS_RECIPES.search(Path(f).read_text(encoding="utf-8"))
    }


def dealt_to() -> list[str]:
    """The Pythons found on this machine, to which the test files and examples are dealt."""
    return [v for v, path in PYTHONS.items() if path != v] or list(PYTHONS)


def share_of_tests(version: str) -> list[str]:
    """The test files run on ``version``.

    The files, in order of name, are dealt in turn to the Pythons found on
    this machine (:func:`pinned` ones to theirs), so that every file runs on
    exactly one Python and every Python runs about the same number of files.

    >>> set(share_of_tests("3.11")).isdisjoint(share_of_tests("3.12"))
    True
    """
    found = dealt_to()
    if version not in found:
        return []
    fixed = pinned()
    files = [f for f in sorted(glob.glob("tests/test_*.py")) if f not in fixed]
    dealt = files[found.index(version) :: len(found)]
    return sorted(dealt + [f for f, v in fixed.items() if v == version])


def doctests(session: nox.Session) -> None:
    """Every example, run as a reader runs it, on the installed wheel (not the source tree).

    Each docstring of every module runs under the standard library's doctest
    in a namespace of its own, then README.md and docs/*.md; see
    tests/run_doctests.py.
    """
    # The JSON Schema examples validate with jsonschema; the spreadsheet ones write .xlsx.
    session.install(".[xlsx,pdf]", "jsonschema>=4.20")
    session.run("python", "tests/run_doctests.py", "--installed")


def _define(name: str, python: str, body: Callable[[nox.Session], None]) -> None:
    def session(session: nox.Session) -> None:
        body(session)

    session.__doc__ = f"{(body.__doc__ or '').splitlines()[0]} (Python {name.rsplit('-', 1)[1]})"
    nox.session(name=name, python=python)(session)


for _version, _python in PYTHONS.items():
    _define(f"tests-{_version}", _python, tests)
for _version, _python in PYTHONS.items():
    _define(f"doctests-{_version}", _python, doctests)
#: What ``nox`` runs: every session but the doctests alone, which the tests sessions run too
#: (``nox -s doctests-3.12`` still runs them by themselves).
nox.options.sessions = [
    *(f"tests-{v}" for v in PYTHONS),
    "calendar_lowest",
    "typecheck",
    "lint",
    "docs",
    "ocr",
]


@nox.session(python=PYTHONS[TYPECHECK_PYTHON])
def calendar_lowest(session: nox.Session) -> None:
    """The calendar's tests with the lowest chinese-calendar pyproject.toml accepts."""
    session.install(".[xlsx,pdf]", *TEST_DEPS, f"chinese-calendar=={lowest_chinese_calendar()}")
    session.run(
        "pytest", *CALENDAR_TESTS, "-k", "not test_cli or due or calendar", *session.posargs
    )


@nox.session(python=PYTHONS[TYPECHECK_PYTHON])
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package, the tools and the tests."""
    session.install("-e", ".[xlsx,pdf]", MYPY, *TEST_DEPS, "nox")
    session.run("mypy", "--strict", "--num-workers", "2")  # the two cores: 10 s become 6.5


@nox.session(python=PYTHONS[TYPECHECK_PYTHON])
def lint(session: nox.Session) -> None:
    """ruff's checks and its formatting, without changing anything."""
    session.install(RUFF)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHONS[TYPECHECK_PYTHON])
def docs(session: nox.Session) -> None:
    """Build the documentation in English and in Chinese; any warning fails the build.

    The Chinese pages (``-D language=zh_CN``, from docs/locale/zh_CN/LC_MESSAGES)
    go into a tree of their own, docs/_build/html/zh_CN; ``tools/docs_po.py
    --check`` then fails on any message of a page without its Chinese.
    """
    session.install("-e", ".", *DOCS_DEPS)
    sphinx = [str(Path(session.bin) / "sphinx-build"), "-W", "--keep-going", "-b", "html", "-q"]
    python = str(Path(session.bin) / "python")
    # The three are independent and each runs on one core: together, in half the time.
    runs = {
        "English": [*sphinx, "-d", "docs/_build/doctrees", "docs", "docs/_build/html"],
        "Chinese": [
            *sphinx,
            *("-D", "language=zh_CN", "-d", "docs/_build/doctrees-zh_CN"),
            *("docs", "docs/_build/html/zh_CN"),
        ],
        "Chinese of every message": [python, "tools/docs_po.py", "--check"],
    }
    started = {name: subprocess.Popen(command) for name, command in runs.items()}
    failed = [name for name, process in started.items() if process.wait() != 0]
    if failed:
        session.error(f"the documentation failed: {', '.join(failed)}")


#: The tests of OCR (issue 26): the geometry, the document text of page images and the
#: missing-extra path ("cannot check") run in every test session; the engine's own (committed
#: scans read as the tasks read them, masked output read back, docs/ocr.md's console
#: examples) only here.
OCR_TESTS = [
    "tests/test_ocr.py",
    "tests/test_ocr_scans.py",
    "tests/test_pdf_pictures.py",
    "tests/test_console_examples.py",
]


@nox.session(python=PYTHONS[TYPECHECK_PYTHON])
def ocr(session: nox.Session) -> None:
    """The OCR tests with the ocr extra (rapidocr and the models in its wheel), on two workers."""
    session.install(".[ocr,pdf]", "pytest>=8", "pytest-xdist>=3.5")
    # Each worker loads the engine once (onnxruntime on one thread); the engine's result for
    # each picture is kept for the session in a folder both workers share, so that a scan is
    # read once whichever worker's tests need it (tests/test_ocr_scans.py).  Of the console
    # examples, only docs/ocr.md's: the others run in the tests sessions.
    only = "not test_console_example or ocr.md"
    session.run(
        "pytest",
        "-n",
        "2",
        "--dist",
        "worksteal",
        *OCR_TESTS,
        "-k",
        only,
        *session.posargs,
        env=OCR_MALLOC,
    )


#: glibc's malloc gives each block over 32 MB its own mapping, returned on free: the engine's
#: tensors of a page (hundreds of MB) were mapped afresh, page by page, and the kernel's
#: zeroing of their pages took about a fifth of the session's CPU time.  Kept in the heap,
#: they are reused from page to page (the peak, the engine's on one page, is the same).
OCR_MALLOC = {"MALLOC_MMAP_THRESHOLD_": str(1 << 30), "MALLOC_TRIM_THRESHOLD_": str(1 << 32)}
