"""The bomb guards, now in :mod:`zfgk.formats` (this private path is kept for the writers)."""

from zfgk.formats import MAX_CELLS, MAX_INFLATED, MAX_RATIO, check_zip

__all__ = ["MAX_CELLS", "MAX_INFLATED", "MAX_RATIO", "check_zip"]
