"""Project sessions: ``nox`` runs them all; ``nox -s tests`` runs one."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYTHON = "3.11"
TEST_DEPS = [
    "pytest>=8",
    "hypothesis>=6.100",
    "jsonschema>=4.20",
    "python-stdnum>=1.20",
    "openpyxl>=3.1",
    "faker>=30",
    "lunardate>=0.2",
]
MYPY = "mypy==2.4.1"
RUFF = "ruff==0.17.6"
DOCS_DEPS = ["sphinx>=8", "myst-parser>=4", "furo>=2024.8.6"]


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The test suite, including the check that packaged data is up to date."""
    session.install(".", *TEST_DEPS)
    session.run("pytest", "tests", *session.posargs)


@nox.session(python=PYTHON)
def doctests(session: nox.Session) -> None:
    """Every example, run as a reader runs it, on the installed wheel (not the source tree).

    Each docstring of every module runs under the standard library's doctest
    in a namespace of its own, then README.md and docs/*.md; see
    tests/run_doctests.py.
    """
    session.install(".")
    session.run("python", "tests/run_doctests.py", "--installed")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package, the tools and the tests."""
    session.install("-e", ".", MYPY, *TEST_DEPS, "nox")
    session.run("mypy", "--strict")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff's checks and its formatting, without changing anything."""
    session.install(RUFF)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the Sphinx documentation; any warning fails the build."""
    session.install("-e", ".", *DOCS_DEPS)
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html", "-q"
    )
