#!/usr/bin/env bash
# Walk through `desktop-app --demo` as a new user on a virtual screen and take screenshots:
# log in with the printed password, Test, Jetzt ausführen (F5), Verlauf.
#
# Usage: tools/demo_walkthrough.sh [OUTPUT_DIR]     (default: a new temporary directory)
# Needs: Xvfb, xdotool, ImageMagick's import, dbus-run-session, gnome-keyring-daemon
#   (Debian: apt-get install xvfb xdotool imagemagick dbus gnome-keyring) and the program
#   installed in .venv of this clone (see README.md) or as `desktop-app` on PATH.
# The clicks are positions in the demo's 1280x800 window.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d -t desktop-app-walkthrough-XXXXXX)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

missing=""
for tool in Xvfb xdotool import dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || missing="$missing $tool"
done
if [ -x "$repo/.venv/bin/desktop-app" ]; then
  app="$repo/.venv/bin/desktop-app"
elif command -v desktop-app >/dev/null; then
  app="$(command -v desktop-app)"
else
  missing="$missing desktop-app"
fi
if [ -n "$missing" ]; then
  echo "demo_walkthrough: missing:$missing" >&2
  echo "  Debian: apt-get install xvfb xdotool imagemagick dbus gnome-keyring;" >&2
  echo "  the program: see the first command in README.md" >&2
  exit 2
fi

# Xvfb picks a free display itself and writes its number to the descriptor.
display_file="$(mktemp)"
Xvfb -displayfd 4 -screen 0 1280x800x24 4>"$display_file" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -f "$display_file"' EXIT
for _ in $(seq 50); do [ -s "$display_file" ] && break; sleep 0.1; done
[ -s "$display_file" ] || { echo "demo_walkthrough: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -n 1 "$display_file")"
HOME="$(mktemp -d)"
export HOME APP="$app" OUT="$out"

dbus-run-session -- bash -euc '
echo -n walkthrough | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$APP" --demo >"$OUT/demo-console.txt" 2>&1 &
app=$!
for _ in $(seq 100); do grep -q "Anmeldung" "$OUT/demo-console.txt" && break; sleep 0.2; done
sleep 2
password=$(grep -m 1 "Anmeldung" "$OUT/demo-console.txt" | sed "s/.*Passwort //")
import -window root "$OUT/demo-1-login.png"
xdotool type --delay 20 "admin"; xdotool key Tab; xdotool type --delay 20 "$password"
xdotool key Return
sleep 4
import -window root "$OUT/demo-2-main.png"
xdotool mousemove 870 623 click 1     # Test
sleep 4
import -window root "$OUT/demo-3-test.png"
xdotool key F5                        # Jetzt ausführen
sleep 6
import -window root "$OUT/demo-4-run.png"
xdotool key Escape
sleep 1
xdotool mousemove 148 721 click 1     # Verlauf
sleep 3
import -window root "$OUT/demo-5-history.png"
kill $app; wait $app || true
'
echo "screenshots in $out"
