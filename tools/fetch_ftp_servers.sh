#!/usr/bin/env bash
# ProFTPD (with its TLS and SFTP modules) and Pure-FTPd for the transfer tests, unpacked
# into DEST (default .test-servers).
#
# Debian lets only one FTP server package be installed at a time (each conflicts with
# "ftp-server"), and CI installs vsftpd. So these two are downloaded and unpacked, not
# installed: nothing starts on port 21, and no system user or service is made. The
# libraries they link against are installed normally. Debian as root only (as .ci/run).
set -euo pipefail
DEST="$(realpath -m "${1:-.test-servers}")"
PACKAGES="proftpd-core proftpd-mod-crypto pure-ftpd"
# Their libraries, as this Debian release names them.
# shellcheck disable=SC2086
libraries="$(apt-cache depends --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $PACKAGES | awk '$1 == "Depends:" && $2 ~ /^lib/ {print $2}' |
  sort -u)"
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $libraries >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
(cd "$work" && apt-get download -qq $PACKAGES 2>/dev/null)
mkdir -p "$DEST"
for package in "$work"/*.deb; do
  dpkg-deb -x "$package" "$DEST"
done
echo "ProFTPD and Pure-FTPd unpacked into $DEST"
