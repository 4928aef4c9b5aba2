"""A value built from an environment variable, rebuilt only when the variable changes.

Reading ``os.environ`` costs a key encoding, a lookup and a decoding on
every call; a deadline costs less than that.  :class:`FromEnvironment`
remembers the raw value it last built from and compares it with the
environment's own, a dictionary lookup, so that changing the variable still
takes effect on the next call.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["FromEnvironment"]

T = TypeVar("T")

# The environment's own mapping (what os.environ reads and writes through),
# and its key encoding; os.environ always has them, other mappings need not.
_RAW: dict[object, object] | None = getattr(os.environ, "_data", None)
_ENCODE_KEY: Callable[[str], object] | None = getattr(os.environ, "encodekey", None)

_UNREAD = object()


class FromEnvironment(Generic[T]):
    """``build(value)`` of the variable ``name`` ('' when unset), kept until the value changes.

    >>> import os
    >>> from zfgk.workdays._environment import FromEnvironment
    >>> size = FromEnvironment("ZFGK_EXAMPLE", lambda value: len(value.split(",")))
    >>> os.environ["ZFGK_EXAMPLE"] = "a,b"
    >>> size.get()
    2
    >>> os.environ["ZFGK_EXAMPLE"] = "a,b,c"
    >>> size.get()
    3
    >>> del os.environ["ZFGK_EXAMPLE"]
    """

    __slots__ = ("_build", "_key", "_name", "_state")

    def __init__(self, name: str, build: Callable[[str], T]) -> None:
        self._name = name
        self._build = build
        self._key = _ENCODE_KEY(name) if _ENCODE_KEY is not None else name
        # (the raw value read, the value built from it), replaced as one, so that
        # another thread never sees a value paired with a setting it was not built from
        self._state: tuple[object, T | None] = (_UNREAD, None)

    def get(self) -> T:
        """The value for the variable as it is now; built again only if it changed."""
        raw = _RAW.get(self._key) if _RAW is not None else os.environ.get(self._name)
        read, built = self._state
        if raw is read or raw == read:
            return built  # type: ignore[return-value]
        value = self._build(os.environ.get(self._name, ""))
        self._state = (raw, value)
        return value

    def clear(self) -> None:
        """Forget the value, so that the next :meth:`get` builds it again.

        >>> from zfgk.workdays._environment import FromEnvironment
        >>> FromEnvironment("ZFGK_EXAMPLE", str).clear()
        """
        self._state = (_UNREAD, None)
