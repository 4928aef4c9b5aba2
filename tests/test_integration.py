"""The recipes of docs/integration.md run as written.

The code blocks marked ``<!-- recipe: NAME -->`` are read from the page and
run; each needs its framework (FastAPI, Django, pandas), an optional test
dependency: without it, its test is skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "integration.md"


def recipe(name: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    match = re.search(rf"<!-- recipe: {name} -->\n```python\n(.*?)\n```", text, re.S)
    assert match is not None, f"no recipe {name!r} in {PAGE.name}"
    return match.group(1)


def run_recipe(name: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": f"recipe_{name}"}
    exec(compile(recipe(name), f"{PAGE.name}:{name}", "exec"), namespace)
    return namespace


GOOD = {
    "保障对象姓名": "张*",
    "保障性住房类型": "公租房",
    "房号": "1-1-101",
    "面积": "45.6",
    "套型": "一室一厅",
    "所在建设项目名称": "民心佳园",
}
BAD = {**GOOD, "面积": "", "备注": "11010519491231002X"}


# Starlette's test client warns about its own use of httpx: not ours to fix.
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_fastapi() -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    client = TestClient(run_recipe("fastapi")["app"])
    answer = client.post("/items/19/check", json=[GOOD, BAD])
    assert answer.status_code == 200
    data = answer.json()
    assert data["ok"] is False
    assert [(r["index"], [p["code"] for p in r["problems"]]) for r in data["records"]] == [
        (1, ["empty", "unknown", "unmasked"])
    ]
    assert "11010519491231002X" not in answer.text
    assert client.post("/items/99/check", json=[]).status_code == 404


def test_django() -> None:
    pytest.importorskip("django")
    from django.conf import settings

    if not settings.configured:
        settings.configure(DEBUG=False, ALLOWED_HOSTS=["testserver"], DEFAULT_CHARSET="utf-8")
    import django

    django.setup()
    from django.test import RequestFactory

    check = run_recipe("django")["check"]
    factory = RequestFactory()
    request = factory.post(
        "/items/19/check", data=json.dumps([GOOD, BAD]), content_type="application/json"
    )
    response = check(request, 19)
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["ok"] is False
    assert data["records"][0]["problems"][0]["field"] == "面积"
    assert (
        check(factory.post("/x", data="[]", content_type="application/json"), 99).status_code == 404
    )
    assert check(factory.get("/x"), 19).status_code == 405


def test_pandas(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    namespace = run_recipe("pandas")
    problems = namespace["problems"]
    assert list(problems.columns) == ["row", "code", "field", "message"]
    # The same rows and codes as zfgk check reports for the file, which reports the
    # columns the header lacks once, for the header, instead of on every row.
    from zfgk.cli import main

    capsys.readouterr()
    main(["check", "examples/item19-allocation-mistakes.csv", "--item", "19", "--json"])
    *rows, summary = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    from_check = sorted(
        (row["row"], p["code"], p["field"])
        for row in rows
        for p in row["problems"]
        if p["code"] != "unknown"
    )
    lacking = {p["field"] for p in summary["summary"]["header_problems"] if p["code"] == "missing"}
    from_pandas = sorted(
        (int(r), c, f)
        for r, c, f in zip(problems["row"], problems["code"], problems["field"], strict=True)
        if not (c == "missing" and f in lacking)
    )
    assert from_pandas == from_check
