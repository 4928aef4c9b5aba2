"""zfgk's version, in one place: the package, the wheel (hatch reads it here) and ``zfgk --version``."""

__version__ = "0.12.0"
