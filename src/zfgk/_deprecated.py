"""Old spellings of the public API, kept working for one minor version with a DeprecationWarning.

Every public name, keyword or argument position that changes keeps its old
use for one minor version (the one after it changed), warning with a
:class:`DeprecationWarning` that names the new spelling; the release after
removes it.  ``changes`` and the CHANGELOG list each under *Deprecated*.

>>> import warnings
>>> from zfgk._deprecated import deprecated_arguments
>>> @deprecated_arguments(renamed={"formed_on": "start"}, positional=("calendar",))
... def deadline(start, *, calendar=None):
...     return start, calendar
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     deadline(formed_on=1), deadline(1, "cal")
((1, None), (1, 'cal'))
>>> for w in caught:
...     print(w.category.__name__, "|", w.message)
DeprecationWarning | deadline(formed_on=...) is deprecated since zfgk 0.3 and will be removed in 0.4: write deadline(start=...)
DeprecationWarning | passing calendar to deadline() by position is deprecated since zfgk 0.3 and will be removed in 0.4: write calendar=...
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

__all__ = ["DEPRECATED_IN", "REMOVED_IN", "deprecated_arguments", "warn_deprecated"]

#: The release that deprecated the old spellings, and the one that removes them.
DEPRECATED_IN = "0.3"
REMOVED_IN = "0.4"

P = ParamSpec("P")
R = TypeVar("R")


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated and ``new`` is its spelling now.

    ``stacklevel`` counts from the caller of this function: the default, 3,
    points the warning at whoever called the function that calls this one.

    >>> import warnings
    >>> from zfgk._deprecated import warn_deprecated
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_deprecated("zfgk.old", "zfgk.new")
    >>> print(caught[0].message)
    zfgk.old is deprecated since zfgk 0.3 and will be removed in 0.4: use zfgk.new
    """
    warnings.warn(
        f"{old} is deprecated since zfgk {DEPRECATED_IN} and will be removed in {REMOVED_IN}: "
        f"{new if new.startswith(('use ', 'write ')) else 'use ' + new}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def deprecated_arguments(
    *, renamed: Mapping[str, str] | None = None, positional: Sequence[str] = ()
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator that accepts, with a DeprecationWarning, a function's old arguments.

    ``renamed`` maps each old keyword to the parameter that replaced it;
    ``positional`` names, in their old order, the keyword-only parameters
    that used to be accepted by position after the positional ones.  Giving
    a value twice (old and new keyword, or by position and by keyword) is a
    TypeError, as Python's own.

    >>> import warnings
    >>> from zfgk._deprecated import deprecated_arguments
    >>> @deprecated_arguments(renamed={"a": "start"})
    ... def between(start, end):
    ...     return end - start
    >>> between(start=1, a=2, end=3)
    Traceback (most recent call last):
    ...
    TypeError: between() got start and its old name a: give start only
    """
    renames = dict(renamed or {})
    moved = tuple(positional)

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        code = function.__code__  # a plain function
        takes: int = code.co_argcount  # the parameters that may be given by position
        bound = 1 if code.co_varnames[:1] in (("self",), ("cls",)) else 0  # not counted by Python
        name = function.__qualname__.removesuffix(".__init__")
        call: Callable[..., R] = function

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            given: tuple[Any, ...] = args
            if len(given) > takes and moved:
                extra = given[takes:]
                if len(extra) > len(moved):
                    raise TypeError(
                        f"{name}() takes {takes - bound} positional arguments but "
                        f"{len(given) - bound} were given"
                    )
                keys = moved[: len(extra)]
                for key, value in zip(keys, extra, strict=True):
                    if key in kwargs:
                        raise TypeError(f"{name}() got {key} by position and by keyword")
                    kwargs[key] = value
                warn_deprecated(
                    f"passing {', '.join(keys)} to {name}() by position",
                    "write " + ", ".join(f"{key}=..." for key in keys),
                    stacklevel=3,
                )
                given = given[:takes]
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(
                            f"{name}() got {new} and its old name {old}: give {new} only"
                        )
                    warn_deprecated(f"{name}({old}=...)", f"write {name}({new}=...)", stacklevel=3)
                    kwargs[new] = kwargs.pop(old)
            return call(*given, **kwargs)

        return wrapper

    return decorate
