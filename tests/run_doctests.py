"""Run every example of the installed zfgk as a reader runs it.

    python tests/run_doctests.py [--installed] [--min-examples N] [--share K/N]

Every docstring of every module of the installed package runs under the
standard library's :mod:`doctest`, each in a fresh namespace: nothing of the
module it sits in is visible, so an example passes only if it imports what
it uses, as it must when pasted into a plain ``python`` prompt.  Then
``README.md`` and ``docs/*.md`` run with :func:`doctest.testfile`, each file
as one session.  Docstrings run with no option flags, as
``doctest.testmod()`` runs them: an example that needs ``...`` to stand for
any text says so itself (``# doctest: +ELLIPSIS``).  The pages run with
``ELLIPSIS`` and ``NORMALIZE_WHITESPACE``, as ``docs/index.md`` tells
readers to run them.

With ``--installed`` the run fails unless ``zfgk`` was imported from an
installed copy (a wheel in site-packages), not from the source tree.  With
``--share K/N`` it runs the K-th of N shares of the modules and pages, dealt
in turn (nox gives each of its Pythons one share).  Exit
status 0 when every example passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import builtins
import doctest
import importlib
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
#: The flags of the README and docs pages; docstrings run with none.
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def modules(package: ModuleType) -> list[ModuleType]:
    """The package and every module under it, except ``__main__``."""
    found = [package]
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.rsplit(".", 1)[-1] != "__main__":
            found.append(importlib.import_module(info.name))
    return found


def run_module(module: ModuleType, runner: doctest.DocTestRunner) -> None:
    """Each docstring of ``module`` in a namespace of its own."""
    for test in doctest.DocTestFinder().find(module):
        test.globs = {"__name__": "__main__", "__builtins__": builtins}
        runner.run(test)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--installed", action="store_true", help="require an installed zfgk")
    parser.add_argument("--min-examples", type=int, default=200, metavar="N")
    parser.add_argument(
        "--share",
        default="1/1",
        metavar="K/N",
        help="run the K-th of N shares of the modules and pages (nox deals them to its Pythons)",
    )
    args = parser.parse_args(argv)
    share, shares = (int(n) for n in args.share.split("/"))
    import zfgk

    location = Path(zfgk.__file__).resolve()
    print(f"zfgk {zfgk.__version__} from {location.parent}")
    if args.installed and ROOT / "src" in location.parents:
        print("zfgk was imported from the source tree, not from an installed wheel")
        return 1
    runner = doctest.DocTestRunner(optionflags=0)
    for module in modules(zfgk)[share - 1 :: shares]:
        run_module(module, runner)
    package_examples = runner.tries
    package_failures = runner.failures
    print(f"package: {package_examples} examples, {package_failures} failures")
    failed, tried = package_failures, package_examples
    for path in [
        ROOT / "README.md",
        ROOT / "README.zh-CN.md",
        *sorted((ROOT / "docs").glob("*.md")),
    ][share - 1 :: shares]:
        result = doctest.testfile(
            str(path), module_relative=False, optionflags=FLAGS, encoding="utf-8"
        )
        print(f"{path.relative_to(ROOT)}: {result.attempted} examples, {result.failed} failures")
        failed += result.failed
        tried += result.attempted
    if package_examples < args.min_examples // shares:
        print(f"only {package_examples} examples in the package; expected {args.min_examples}")
        return 1
    print(f"in all: {tried} examples, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
