"""Where the program finds its resources (translations, icons).

Looked up at run time, not at import, so a frozen build (PyInstaller sets ``sys._MEIPASS``)
or a packager can point elsewhere without touching the code that uses them.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

ENV_RESOURCES_DIR = "DESKTOP_APP_RESOURCES_DIR"
TRANSLATION_BASENAME = "desktop_app"
WHEEL_RESOURCES = "_resources"
WHEEL_DOCS = "_docs"
#: The users' guide per UI language (Hilfe → Handbuch); German is the original.
HANDBOOKS = {"de": "handbuch.md", "en": "manual.md"}


def resources_dir() -> Path:
    """The ``resources`` folder: an explicit override, a PyInstaller bundle, the
    repository (a checkout or an editable install), or an installed wheel's copy."""
    override = os.environ.get(ENV_RESOURCES_DIR)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = _package_dir()
    in_repository = package.parent / "resources"
    if in_repository.is_dir():
        return in_repository
    return package / WHEEL_RESOURCES  # pyproject.toml maps resources/ there


@functools.cache
def _package_dir() -> Path:
    """desktop_app/, resolved once: each resolve stats every folder of the path, and the
    window asks for its icons while the user waits for it."""
    return Path(__file__).resolve().parent


def handbook_file(lang: str = "de") -> Path:
    """docs/handbuch.md, or docs/manual.md for English: in a PyInstaller bundle under
    docs/ (build.spec), in the repository beside the package, in a wheel inside it."""
    name = HANDBOOKS.get(lang, HANDBOOKS["de"])
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "docs" / name
    package = _package_dir()
    in_repository = package.parent / "docs" / name
    if in_repository.is_file():
        return in_repository
    return package / WHEEL_DOCS / name  # pyproject.toml maps docs/ there


def translations_dir() -> Path:
    return resources_dir() / "translations"


def translation_file(lang: str, suffix: str = ".qm") -> Path:
    return translations_dir() / f"{TRANSLATION_BASENAME}_{lang}{suffix}"


def icon_file(name: str) -> Path:
    return resources_dir() / "icons" / name


APP_ICON = "desktop-app.svg"
