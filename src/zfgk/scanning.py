"""Deprecated since zfgk 0.3: scanning is :mod:`zfgk.files` (``scan_file``, ``scan_paths``, ``walk``).

Every name here warns (DeprecationWarning) and gives the name that replaces
it; the module goes in zfgk 0.4.
"""

from __future__ import annotations

import importlib
from typing import Any

from zfgk._deprecated import warn_deprecated

#: Each name of 0.2's ``zfgk.scanning``: (module, name) of what replaces it.
_MOVED = {
    "scan_file": ("zfgk.files", "scan_file"),
    "scan_paths": ("zfgk.files", "scan_paths"),
    "walk": ("zfgk.files", "walk"),
    "FileScan": ("zfgk.files", "FileScan"),
    "Finding": ("zfgk.files", "Finding"),
    "available_cores": ("zfgk.files", "available_cores"),
    "column_letter": ("zfgk.documents", "column_letter"),
    "SCAN_SUFFIXES": ("zfgk.formats", "SUFFIXES"),
}

__all__: list[str] = []


def __getattr__(name: str) -> Any:
    moved = _MOVED.get(name)
    if moved is None:
        raise AttributeError(f"module 'zfgk.scanning' has no attribute {name!r}")
    module, new = moved
    warn_deprecated(f"zfgk.scanning.{name}", f"{module}.{new}")
    return getattr(importlib.import_module(module), new)
