"""Every test starts in an English locale, whatever the machine's; tests of Chinese pass --lang zh."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zfgk.cli._common import set_language


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")
