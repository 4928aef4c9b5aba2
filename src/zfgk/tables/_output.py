"""Atomic output, now in :mod:`zfgk.formats` (this private path is kept for the writers)."""

from zfgk.formats import atomic_binary, atomic_output, make_folder

__all__ = ["atomic_binary", "atomic_output", "make_folder"]
