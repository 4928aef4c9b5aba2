"""``python -m zfgk`` runs the ``zfgk`` command."""

from zfgk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
