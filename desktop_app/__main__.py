"""``python -m desktop_app`` and the ``desktop-app`` entry point."""

import sys


def main() -> int:
    # Absolute: PyInstaller runs this file as a script, outside the package.
    from desktop_app.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
