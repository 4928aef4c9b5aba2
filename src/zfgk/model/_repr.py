"""The one ``__repr__`` of the model's attrs classes: attrs' form, without its code generation.

attrs writes and compiles a ``__repr__`` for each class when the class is
made, at import: about a third of the cost of building the model's classes,
paid by every program that imports zfgk (and the largest of the methods it
writes).  The classes take this function instead (attrs leaves a class's
own ``__repr__`` alone) and their reprs stay what attrs writes:
``tests/test_import_model.py`` holds them to attrs' generated ones.
"""

from __future__ import annotations

import threading
from typing import Any

import attrs

#: The objects whose repr is being written, in each thread: a value that holds itself
#: is written ``...`` where it recurs, as attrs writes it.
_writing = threading.local()


def attrs_repr(self: Any) -> str:
    """``Class(field=value, ...)``, the fields attrs shows, as attrs' own ``__repr__`` writes it.

    >>> import zfgk
    >>> zfgk.load("chongqing").item(19).time_limit
    TimeLimit(text='信息获取（形成变更）20个工作日内', working_days=20, trigger='信息获取（形成变更）')
    """
    try:
        writing: set[int] = _writing.ids
    except AttributeError:
        writing = _writing.ids = set()
    if id(self) in writing:
        return "..."
    writing.add(id(self))
    try:
        shown = []
        for a in self.__attrs_attrs__:
            if a.repr is False:
                continue
            value = getattr(self, a.name) if a.init else getattr(self, a.name, attrs.NOTHING)
            shown.append(f"{a.name}={value!r}" if a.repr is True else f"{a.name}={a.repr(value)}")
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(shown)})"
    finally:
        writing.discard(id(self))
