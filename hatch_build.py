"""Build hook: compile the message catalogues (``.po``) into ``.mo`` files in the wheel."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface[Any]):  # type: ignore[misc,unused-ignore]
    """Compile ``src/zfgk/locale/*/LC_MESSAGES/zfgk.po`` next to itself as ``zfgk.mo``."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        # zfgk/_po.py needs nothing but the standard library: load it by path, so
        # that the build does not import zfgk (whose dependencies it lacks).
        spec = importlib.util.spec_from_file_location("zfgk_po", root / "src" / "zfgk" / "_po.py")
        assert spec is not None
        assert spec.loader is not None
        po = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(po)
        for source in sorted((root / "src" / "zfgk" / "locale").glob("*/LC_MESSAGES/*.po")):
            po.compile_po(source, source.with_suffix(".mo"))
