"""``python -m zfgk`` runs the ``zfgk`` command."""

from zfgk.cli import main

raise SystemExit(main())
