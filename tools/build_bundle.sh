#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle and run its smoke test.
#   tools/build_bundle.sh            -> build/dist/desktop-app/desktop-app
# Prints the build time and the bundle size; exits non-zero if the build or smoke test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
"$PYTHON" -m pip install -q "pyinstaller>=6.3"
mkdir -p build
start=$(date +%s)
"$PYTHON" -m PyInstaller build.spec --noconfirm --clean \
  --distpath build/dist --workpath build/work >build/pyinstaller.log 2>&1 \
  || { tail -40 build/pyinstaller.log; exit 1; }
end=$(date +%s)
bundle=build/dist/desktop-app
echo "build time: $((end - start)) s"
echo "bundle size: $(du -sh "$bundle" | cut -f1) ($(find "$bundle" -type f | wc -l) files)"
smoke_dir="$(mktemp -d)"
QT_QPA_PLATFORM=offscreen "$bundle/desktop-app" --smoke --data-dir "$smoke_dir"
echo "smoke test: passed"
"$bundle/desktop-app" --data-dir "$smoke_dir" mandants add 1 >/dev/null
"$bundle/desktop-app" --data-dir "$smoke_dir" mandants list --json >/dev/null
echo "CLI in the bundle: passed"
# Hilfe → Handbuch reads these from the bundle (desktop_app/resources.py).
for manual in handbuch.md manual.md; do
  [ -n "$(find "$bundle" -path "*/docs/$manual")" ] || { echo "missing in the bundle: docs/$manual"; exit 1; }
done
echo "manuals in the bundle: passed"
rm -rf "$smoke_dir"
