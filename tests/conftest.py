"""Every test starts in an English locale, whatever the machine's; tests of Chinese pass --lang zh."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

from zfgk.cli._common import set_language

# On CI, property tests draw the same examples every run (a red build is then a bug to
# reproduce, not bad luck) and no example fails for being slow on a loaded machine;
# on a developer's machine they keep exploring new ones.
# (A session that runs a few tests without hypothesis, such as ``nox -s ocr``, needs none.)
if importlib.util.find_spec("hypothesis") is not None:
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, deadline=None, database=None)
    if os.environ.get("CI"):
        settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True, scope="session")
def _generated_checks_agree_with_the_general_ones() -> Iterator[None]:
    """Every record and row any test validates is also judged by the general code: the same
    report, or the same error (see tests/test_compiled_validation.py)."""
    from tests.agreement import agreeing_validators

    with agreeing_validators() as disagreements:
        yield
    assert not disagreements, disagreements[:3]


@pytest.fixture(autouse=True, scope="session")
def _quick_mask_tests_agree_with_masking() -> Iterator[None]:
    """Every record any test masks with nothing to mask is also masked value by value, with
    the same values back (see tests/test_compiled_masking.py)."""
    from tests.agreement import agreeing_maskers

    with agreeing_maskers() as disagreements:
        yield
    assert not disagreements, disagreements[:3]
