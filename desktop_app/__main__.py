"""``python -m desktop_app`` and the ``desktop-app`` entry point."""

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """A command, or without one the desktop program."""
    # Absolute: PyInstaller runs this file as a script, outside the package.
    import PySide6.QtCore  # noqa: F401 - the window and the command line's texts need it

    from desktop_app.pyside_import_scan import skip_source_scan

    skip_source_scan()  # before the heavy imports below and behind them
    from desktop_app.cli import main as cli_main
    from desktop_app.launch import start_program

    return cli_main(argv, start_program)


if __name__ == "__main__":
    sys.exit(main())
