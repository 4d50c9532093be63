#!/usr/bin/env bash
# ProFTPD (with its TLS and SFTP modules) and Pure-FTPd for the transfer tests, unpacked into DEST (default .test-servers).
#
# Debian lets only one FTP server package be installed at a time (each conflicts with
# "ftp-server"), and CI installs vsftpd. So these two are downloaded and unpacked, not
# installed: nothing starts on port 21, and no system user or service is made. The
# libraries they link against are installed normally. Debian as root only (as .ci/run).
set -euo pipefail
DEST="$(realpath -m "${1:-.test-servers}")"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3 libsodium23 libcap2 \
  libssl3 >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -qq proftpd-core proftpd-mod-crypto pure-ftpd 2>/dev/null)
mkdir -p "$DEST"
for package in "$work"/*.deb; do
  dpkg-deb -x "$package" "$DEST"
done
echo "ProFTPD and Pure-FTPd unpacked into $DEST"
