"""Sphinx configuration for zfgk's documentation."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

generate.main()

project = "zfgk"
author = "zfgk developers"
copyright = "2026, zfgk developers"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "zfgk"
language = "en"
# The Chinese pages: ``sphinx-build -D language=zh_CN``, with each page's catalogue in
# locale/zh_CN/LC_MESSAGES/ (tools/docs_po.py keeps them up to date).
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
autodoc_member_order = "bysource"
autodoc_typehints = "description"
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
suppress_warnings = ["myst.header"]
