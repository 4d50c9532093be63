#!/bin/bash
# Walk through `desktop-app --demo` as a new user on a virtual screen and take screenshots:
# log in with the printed password, Test, Jetzt ausführen (F5), Verlauf. Needs xvfb,
# xdotool, imagemagick, dbus and gnome-keyring (Debian packages). Writes /tmp/demo-*.png.
set -u
export DISPLAY=:77
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
XPID=$!
sleep 1
export HOME=$(mktemp -d)
cd /work/main
dbus-run-session -- sh -c '
echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
.venv/bin/desktop-app --demo > /tmp/demo.out 2>&1 &
APP=$!
sleep 6
PW=$(grep "Anmeldung" /tmp/demo.out | sed "s/.*Passwort //")
import -window root /tmp/demo-1-login.png
xdotool type --delay 20 "admin"; xdotool key Tab; xdotool type --delay 20 "$PW"; xdotool key Return
sleep 4
import -window root /tmp/demo-2-main.png
xdotool mousemove 870 623 click 1     # Test
sleep 4
import -window root /tmp/demo-3-test.png
xdotool key F5                          # Jetzt ausführen
sleep 6
import -window root /tmp/demo-4-run.png
xdotool key Escape
sleep 1
xdotool mousemove 148 721 click 1     # Verlauf
sleep 3
import -window root /tmp/demo-5-history.png
kill $APP; wait $APP
'
kill $XPID
