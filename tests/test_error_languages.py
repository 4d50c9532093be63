"""Every error type that tells people something tells it in both languages: a type with
``message_de`` and no ``message_en`` shows its English log line to English users."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import desktop_app


def _our_error_types() -> list[type[BaseException]]:
    for info in pkgutil.walk_packages(desktop_app.__path__, "desktop_app."):
        if ".migrations." not in info.name:
            importlib.import_module(info.name)
    found, todo = [], [BaseException]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("desktop_app."):
                found.append(sub)
    return found


def _says(kind: type, name: str) -> bool:
    return any(
        name in vars(klass) or f"self.{name}" in inspect.getsource(klass)
        for klass in kind.__mro__
        if klass.__module__.startswith("desktop_app.")
    )


def test_every_error_for_people_has_an_english_text():
    errors = _our_error_types()
    assert len(errors) > 40
    german_only = [
        f"{kind.__module__}.{kind.__qualname__}"
        for kind in errors
        if _says(kind, "message_de") and not _says(kind, "message_en")
    ]
    assert german_only == []
