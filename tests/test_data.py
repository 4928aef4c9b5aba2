"""The packaged data is what tools/build_data.py makes of the vendored sources."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import zfgk
from zfgk import catalogues

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def _build_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "tools" / "build_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_data"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_data() -> ModuleType:
    return _build_data()


@pytest.mark.parametrize("name", ["chongqing", "shanyin"])
def test_packaged_data_is_up_to_date(build_data: ModuleType, name: str) -> None:
    packaged = (ROOT / "src" / "zfgk" / "data" / f"{name}.json").read_text(encoding="utf-8")
    assert build_data.render(name) == packaged, (
        f"src/zfgk/data/{name}.json is stale: run python tools/build_data.py"
    )


def test_check_mode_passes(build_data: ModuleType) -> None:
    assert build_data.main(["--check"]) == 0


@pytest.mark.parametrize(
    ("name", "seed"),
    [("chongqing", "000_78d24b39a59bdab2.txt"), ("shanyin", "002_bfbca574245934eb.txt")],
)
def test_vendored_sources_match(name: str, seed: str) -> None:
    vendored = (ROOT / "tools" / "sources" / f"{name}.txt").read_bytes()
    recorded = zfgk.load(name).source.sha256
    assert hashlib.sha256(vendored).hexdigest() == recorded
    if (SHARED_SEEDS / seed).exists():  # beside the repository on developer machines
        assert (SHARED_SEEDS / seed).read_bytes() == vendored


@pytest.mark.parametrize("name", ["chongqing", "shanyin"])
def test_packaged_data_matches_schema(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(catalogues.schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((ROOT / "src" / "zfgk" / "data" / f"{name}.json").read_text("utf-8"))
    jsonschema.validate(data, schema)


def test_every_element_text_is_in_the_source() -> None:
    for name in ("chongqing", "shanyin"):
        source = (ROOT / "tools" / "sources" / f"{name}.txt").read_text(encoding="utf-8")
        for item in zfgk.load(name):
            for element in item.elements:
                assert element.text in source, (name, item.number, element.text)
            for basis in item.basis:
                # bases split over two rows by the PDF extraction are joined again
                assert basis in source or item.inferred_attributes() >= {"basis"}
            for cell in item.source_cells:
                assert cell.text in source


def test_source_errors_are_loud(build_data: ModuleType) -> None:
    from zfgk_build.cells import channel, time_limit
    from zfgk_build.rows import SourceError

    with pytest.raises(SourceError, match="unknown channel label '微博'"):
        channel("微博", "test")
    with pytest.raises(SourceError, match="time limit"):
        time_limit("及时公开", "test")


# ----------------------------------------------------------- user catalogues


def _dump(tmp_path: Path, data: Any, name: str = "mine.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _chongqing() -> dict[str, Any]:
    return catalogues.to_dict(zfgk.load("chongqing"))


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cq.json"
    path.write_text(catalogues.dumps(zfgk.load("chongqing")), encoding="utf-8")
    assert zfgk.load_file(path) == zfgk.load("chongqing")


def test_minimal_user_catalogue(tmp_path: Path) -> None:
    data = {
        "format": catalogues.FORMAT,
        "name": "mine",
        "title": "某县保障性住房领域政务公开标准目录",
        "region": "某县",
        "source": {"title": "t", "file": "f", "sha256": "", "origin": "o"},
        "complete": False,
        "total": 43,
        "categories": ["配给管理"],
        "items": [
            {
                "number": 19,
                "category": "配给管理",
                "name": "分配结果",
                "elements": [
                    {
                        "text": "保障对象姓名",
                        "fields": [{"name": "保障对象姓名", "personal": "name"}],
                    }
                ],
                "basis": [],
                "time_limit": {"text": "20个工作日内", "working_days": 20, "trigger": ""},
                "subjects": ["某县住建局"],
                "channels": ["政府网站"],
                "audiences": ["全社会"],
                "modes": ["主动"],
                "levels": ["县级"],
            }
        ],
    }
    cat = zfgk.load_file(_dump(tmp_path, data))
    assert cat.item("分配结果").fields[0].personal is zfgk.PersonalKind.NAME
    assert cat.item(19).elements[0].required


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("items"), r"mine\.json: \$: required field missing: items"),
        (lambda d: d.pop("format"), r"\$\.format: not a zfgk catalogue \(no 'format' key"),
        (lambda d: d.update(format="other/2"), r"format 'other/2'"),
        (lambda d: d["items"][3].pop("name"), r"\$\.items\[3\]\.name"),
        (lambda d: d["items"][2].update(number="three"), r"\$\.items\[2\]\.number"),
        (
            lambda d: d["items"][1]["channels"].append("微博"),
            r"\$\.items\[1\]\.channels\[3\]: unknown channel label '微博'",
        ),
        (
            lambda d: d["items"][5].update(levels=["省级"]),
            r"\$\.items\[5\]\.levels\[0\]: unknown level label '省级'",
        ),
        (
            lambda d: d["items"][4].update(number=3),
            r"\$\.items\[4\]\.number: duplicate item number 3 \(also at \$\.items\[2\]\)",
        ),
        (
            lambda d: d["items"][0]["elements"][0]["fields"][0].update(personal="dna"),
            r"\$\.items\[0\]\.elements\[0\]\.fields\[0\]\.personal",
        ),
        (lambda d: d["items"][0].update(colour="red"), r"\$\.items\[0\].*colour"),
        (
            lambda d: d["items"][0].update(category="其他"),
            r"\$\.items\[0\]\.category: '其他' is not listed",
        ),
        (lambda d: d["items"].pop(), r"\$\.complete: .*42 of 43 items"),
        (
            lambda d: d["items"][0].update(number=99),
            r"\$\.items\[0\]\.number: item number 99 is outside 1–43",
        ),
    ],
)
def test_broken_user_catalogue(tmp_path: Path, mutate: Any, message: str) -> None:
    data = _chongqing()
    mutate(data)
    with pytest.raises(zfgk.CatalogueError, match=message) as err:
        zfgk.load_file(_dump(tmp_path, data))
    assert str(tmp_path / "mine.json") in str(err.value)
    assert isinstance(err.value, ValueError)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(zfgk.CatalogueError, match="cannot read the file"):
        zfgk.load_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "\xff"}')
    with pytest.raises(zfgk.CatalogueError, match="not UTF-8"):
        zfgk.load_file(bad)
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(zfgk.CatalogueError, match=r"\$: expected a JSON object, found list"):
        zfgk.load_file(bad)
    bad.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(zfgk.CatalogueError, match=r"not valid JSON: .*line 1"):
        zfgk.load_file(bad)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + catalogues.dumps(zfgk.load("shanyin")).encode("utf-8"))
    assert zfgk.load_file(path) == zfgk.load("shanyin")
