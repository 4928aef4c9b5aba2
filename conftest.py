"""Doctests see ``zfgk`` without importing it, as the documentation's reader does."""

from __future__ import annotations

from typing import Any

import pytest

import zfgk


@pytest.fixture(autouse=True)
def _zfgk_in_doctests(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["zfgk"] = zfgk


@pytest.fixture(autouse=True)
def _date_in_doctests(doctest_namespace: dict[str, Any]) -> None:
    from datetime import date

    doctest_namespace["date"] = date
