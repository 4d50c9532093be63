"""Starting the desktop program, or its demo, when the command line names no command.

Imports nothing heavy at its top: the window is to paint as early as it can (``app``).
"""

from __future__ import annotations

import argparse
import sys

from .config import AppPaths, resolve_paths

EXIT_OK = 0


def start_program(paths: AppPaths, args: argparse.Namespace) -> int:
    import os
    import tempfile

    if args.smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if args.data_dir is None and not os.environ.get("DESKTOP_APP_DATA_DIR"):
            # A smoke test must not touch (or need) a real installation's data.
            smoke_dir = tempfile.mkdtemp(prefix="desktop-app-smoke-")
            paths = resolve_paths(smoke_dir, args.db)
    from .app import run_gui

    if not args.demo:
        return run_gui(paths, args.lang, smoke=args.smoke)
    return _run_demo(args)


def _run_demo(args: argparse.Namespace) -> int:
    from .app import run_gui
    from .demo import DemoEnvironment
    from .jobs.stop_signals import StopRequested, raise_stop, stop_signals_call
    from .language import choose_language

    demo = DemoEnvironment()
    try:
        # Outside the window's event loop (which takes them itself), Ctrl+C and SIGTERM
        # unwind to the clean-up below instead of ending the process where it stands.
        with stop_signals_call(raise_stop):
            demo.start()
            print(demo.banner(choose_language(args.lang)), flush=True)
            return run_gui(demo.paths, args.lang, smoke=args.smoke, secrets=demo.secrets)
    except StopRequested as stop:
        print(f"desktop-app: {stop}: the demo ends", file=sys.stderr)
        return EXIT_OK
    finally:
        with stop_signals_call(_ignore_during_cleanup):
            demo.stop()


def _ignore_during_cleanup(signal_name: str) -> None:
    print(f"desktop-app: {signal_name} ignored: the demo is removing its files", file=sys.stderr)
