"""What an installed wheel carries: every package, and resources/ as desktop_app._resources."""

from __future__ import annotations

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


def test_the_handbook_goes_into_the_wheel():
    config = _setuptools()
    assert config["package-dir"]["desktop_app._docs"] == "docs"
    assert "handbuch.md" in config["package-data"]["desktop_app._docs"]
    assert (ROOT / "docs" / "handbuch.md").is_file()


def test_an_installed_package_finds_its_resources_inside_itself(tmp_path, monkeypatch):
    """Laid out as pip installs the wheel: no resources/ beside the package."""
    monkeypatch.delenv("DESKTOP_APP_RESOURCES_DIR", raising=False)
    package = tmp_path / "site" / "desktop_app"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "desktop_app" / "resources.py", package / "resources.py")
    (package / "_resources").mkdir()
    spec = importlib.util.spec_from_file_location("installed_resources", package / "resources.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.resources_dir() == tmp_path / "site" / "desktop_app" / "_resources"
