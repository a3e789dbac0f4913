"""No import cycle anywhere (issue 15), and the measure that says so can see one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


graph = _script()


@pytest.mark.parametrize("package", ["api", "rules", "bot", "nlu", "channels", "facts"])
def test_no_module_imports_itself_back(package: str) -> None:
    assert graph.measure(package, root_dir=ROOT).cycles == []


def test_no_feature_of_the_api_imports_another_back() -> None:
    found = graph.measure("api", features=True, root_dir=ROOT)
    assert found.cycles == []
    assert found.nodes >= 10  # one node per feature, so the absence of cycles says something


def test_a_cycle_drawn_only_for_type_checking_is_still_seen(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "a").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a" / "__init__.py").write_text("from pkg.b import thing\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import x\n")
    assert graph.measure("pkg", root_dir=tmp_path).cycles == [["pkg.a", "pkg.b"]]
    assert graph.measure("pkg", features=True, root_dir=tmp_path).cycles == [["pkg.a", "pkg.b"]]
