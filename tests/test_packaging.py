"""What an installed wheel carries: every package, and resources/ as desktop_app._resources."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]


def test_the_package_list_names_every_package_directory():
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "desktop_app").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    listed = set(_setuptools()["packages"])
    assert on_disk | {"desktop_app._resources", "desktop_app._docs"} == listed


def test_resources_go_into_the_wheel():
    config = _setuptools()
    assert config["package-dir"]["desktop_app._resources"] == "resources"
    patterns = config["package-data"]["desktop_app._resources"]
    shipped = {p for pattern in patterns for p in (ROOT / "resources").glob(pattern)}
    for needed in ("translations/desktop_app_de.qm", "icons/desktop-app.svg"):
        assert ROOT / "resources" / needed in shipped
    samples = {p.name for p in (ROOT / "resources" / "samples").iterdir()}
    assert samples <= {p.name for p in shipped}  # the demo's files


MANUALS = ("handbuch.md", "manual.md")  # Hilfe → Handbuch in German and in English


def test_the_handbook_goes_into_the_wheel():
    config = _setuptools()
    assert config["package-dir"]["desktop_app._docs"] == "docs"
    for manual in MANUALS:
        assert manual in config["package-data"]["desktop_app._docs"]
        assert (ROOT / "docs" / manual).is_file()


def _bundle_datas() -> set[tuple[str, ...]]:
    """build.spec's ``datas``, each as (the path's parts below ROOT..., the bundle folder)."""

    def parts(node: ast.expr) -> tuple[str, ...]:
        if isinstance(node, ast.BinOp):
            return parts(node.left) + parts(node.right)
        if isinstance(node, ast.Name):
            return (node.id,)
        assert isinstance(node, ast.Constant), ast.dump(node)
        return (node.value,)

    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    (datas,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "datas"
    ]
    assert isinstance(datas, ast.List)
    found = set()
    for entry in datas.elts:
        assert isinstance(entry, ast.Tuple) and isinstance(entry.elts[0], ast.Call)
        destination = entry.elts[1]
        assert isinstance(destination, ast.Constant)
        found.add((*parts(entry.elts[0].args[0]), destination.value))
    return found


def test_the_bundle_carries_both_manuals_where_the_program_looks():
    datas = _bundle_datas()
    for manual in MANUALS:
        assert ("ROOT", "docs", manual, "docs") in datas


def test_an_installed_package_finds_its_resources_inside_itself(tmp_path, monkeypatch):
    """Laid out as pip installs the wheel: no resources/ beside the package."""
    monkeypatch.delenv("DESKTOP_APP_RESOURCES_DIR", raising=False)
    package = tmp_path / "site" / "desktop_app"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "desktop_app" / "resources.py", package / "resources.py")
    (package / "_resources").mkdir()
    module = _installed_resources(package, "installed_resources")
    assert module.resources_dir() == tmp_path / "site" / "desktop_app" / "_resources"


def _installed_resources(package: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, package / "resources.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_installed_package_finds_each_manual_inside_itself(tmp_path, monkeypatch):
    monkeypatch.delattr("sys._MEIPASS", raising=False)
    package = tmp_path / "site" / "desktop_app"
    (package / "_docs").mkdir(parents=True)
    shutil.copy(ROOT / "desktop_app" / "resources.py", package / "resources.py")
    for manual in MANUALS:
        (package / "_docs" / manual).write_text("#", encoding="utf-8")
    module = _installed_resources(package, "installed_manuals")
    assert module.handbook_file("de") == package / "_docs" / "handbuch.md"
    assert module.handbook_file("en") == package / "_docs" / "manual.md"


def test_a_bundle_finds_each_manual_where_build_spec_puts_it(tmp_path, monkeypatch):
    from desktop_app.resources import handbook_file

    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert handbook_file("de") == tmp_path / "docs" / "handbuch.md"
    assert handbook_file("en") == tmp_path / "docs" / "manual.md"
